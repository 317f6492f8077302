import type { Actor } from "./auth/roles";
import { connectionService } from "./connections";
import type { Db } from "./db/client";
import { log } from "./log";
import { blueprintCheckers } from "./scenarios/checkers";
import { ScenarioService } from "./scenarios/service";
import { createWebhook, linkWebhooks } from "./webhooks/service";
import { proofDemo } from "../modules/proof/demo";
import { workfrontDemo } from "../modules/workfront/demo";

export interface DemoContent {
  connections: Array<{ name: string; type: string; values: Record<string, unknown> }>;
  scenarios?: Array<{ name: string; description: string; blueprint: unknown }>;
}

/** Connector demos for the embedded default's sandboxes: connections to them, and scenarios using those. */
const demos: Array<(origin: string) => DemoContent> = [workfrontDemo, proofDemo];

/**
 * First start with sandboxes on: demo connections and scenarios, so a newcomer can try connectors without
 * an account anywhere. Placeholders in demo blueprints: "__DEMO_WEBHOOK__" (a new webhook),
 * "__DEMO_CONNECTION__" (the demo's first connection) and "__DEMO_CONNECTION_<n>__" (its n-th, from 2).
 */
export async function seedDemo(db: Db, actor: Actor, origin: string): Promise<void> {
  const connections = await connectionService(db);
  const scenarios = new ScenarioService(db, blueprintCheckers(), { afterWrite: linkWebhooks });
  for (const demo of demos) {
    const content = demo(origin);
    const created: Array<{ id: string }> = [];
    for (const c of content.connections) created.push(await connections.create(actor, { ...c, sharedWithAll: true, sharedWith: [] }));
    for (const s of content.scenarios ?? []) {
      let text = JSON.stringify(s.blueprint);
      if (text.includes("__DEMO_WEBHOOK__")) {
        const hook = await createWebhook(db, actor, `${s.name} (demo)`);
        text = text.replaceAll("__DEMO_WEBHOOK__", hook.id);
      }
      text = text.replace(/__DEMO_CONNECTION_(\d+)__/g, (whole, n: string) => created[Number(n) - 1]?.id ?? whole);
      if (created[0]) text = text.replaceAll("__DEMO_CONNECTION__", created[0].id);
      try {
        await scenarios.create(actor, { name: s.name, description: s.description, blueprint: JSON.parse(text) as unknown });
      } catch (err) {
        log.warn({ err, scenario: s.name }, "demo scenario was not created");
      }
    }
  }
}
