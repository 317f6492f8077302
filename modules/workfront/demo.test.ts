import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineBlueprint } from "@/lib/engine/blueprint";
import { createMemoryStore } from "@/lib/engine/services";
import { outputsOf, run } from "@/lib/engine/testing";
import { blueprintCheckers } from "@/lib/scenarios/checkers";
import { validateBlueprint } from "@/lib/scenario/validate";
import { getModule } from "@/modules";
import { bindWorkfrontDemo, DEMO_API_KEY_CONNECTION, DEMO_CONNECTION, DEMO_LEGACY_CONNECTION, DEMO_PASSWORD_CONNECTION, DEMO_WEBHOOK, workfrontDemo } from "./demo";
import { DEMO_API_KEY, SEED_IDS } from "./sandbox";
import { resolver, startTestSandbox, type TestSandbox } from "./testing";

/** The demo the app creates on first start, run against a sandbox mounted where the app mounts it. */
let sb: TestSandbox;
let origin: string;

beforeAll(async () => {
  sb = await startTestSandbox({ basePath: "/sandbox/workfront" });
  origin = new URL(sb.url).origin;
});
afterAll(async () => {
  await sb.close();
});

const bound = () => {
  const demo = workfrontDemo(`${origin}/`);
  const scenarios = bindWorkfrontDemo(demo, { connections: ["conn_key", "conn_pw"], webhookFor: () => "hook_1" });
  const connections = resolver(Object.fromEntries(demo.connections.map((c) => [c.name === DEMO_API_KEY_CONNECTION ? "conn_key" : "conn_pw", { type: c.type, values: c.values }])));
  return { demo, scenarios, connections };
};

describe("workfrontDemo", () => {
  it("has an API-key and a username/password connection to the app's sandbox, with the sandbox's demo credentials", () => {
    const { demo } = bound();
    expect(demo.connections).toEqual([
      { name: DEMO_API_KEY_CONNECTION, type: "workfront@2", values: { host: `${origin}/sandbox/workfront`, apiKey: DEMO_API_KEY } },
      { name: DEMO_PASSWORD_CONNECTION, type: "workfront@1", values: { host: `${origin}/sandbox/workfront`, username: "admin@patchbay.test", password: "sandbox-admin" } },
    ]);
    expect(demo.scenarios.map((s) => s.name)).toEqual([
      "Watch task updates → read task → create a note",
      "Watch new issues → add a triage note",
      "Legacy: list current projects (Workfront v1 — upgrade me)",
    ]);
    expect(demo.scenarios[0].blueprint.modules[0].params).toMatchObject({ webhook: DEMO_WEBHOOK });
    // lib/demo.ts's placeholders: the first connection, and (for the legacy scenario) the second.
    expect(demo.scenarios.map((s) => s.blueprint.modules.filter((m) => m.connection).map((m) => m.connection))).toEqual([
      [DEMO_CONNECTION, DEMO_CONNECTION, DEMO_CONNECTION],
      [DEMO_CONNECTION, DEMO_CONNECTION],
      [DEMO_LEGACY_CONNECTION],
    ]);
  });

  it("binds the placeholders and passes the app's save checks (mappings reach declared outputs)", () => {
    const { demo, scenarios } = bound();
    expect(JSON.stringify(scenarios)).not.toMatch(/__DEMO_/);
    expect(scenarios[0].blueprint.modules.map((m) => m.connection)).toEqual(["conn_key", "conn_key", "conn_key"]);
    expect(scenarios[2].blueprint.modules.map((m) => m.connection ?? null)).toEqual([null, "conn_pw"]);
    expect(scenarios[0].blueprint.modules[0].params).toMatchObject({ webhook: "hook_1" });
    expect(demo.scenarios[0].blueprint.modules[0].params?.webhook).toBe(DEMO_WEBHOOK); // the demo itself is not modified
    for (const scenario of scenarios) {
      const { warnings } = validateBlueprint(scenario.blueprint, blueprintCheckers());
      expect(warnings.filter((w) => w.code !== "deprecated-module")).toEqual([]);
    }
  });

  it("task updates: a delivered event reads the task and adds a note to it", async () => {
    const { scenarios, connections } = bound();
    const result = await run(scenarios[0].blueprint as EngineBlueprint, {
      trigger: { bundles: [{ eventType: "UPDATE", objCode: "TASK", ID: SEED_IDS.buildTask, newState: { ID: SEED_IDS.buildTask }, oldState: {} }] },
      services: { connections },
    });
    expect(result.error).toBeNull();
    const [note] = outputsOf(result, 3) as Record<string, any>[];
    expect(note).toMatchObject({ objCode: "NOTE", noteObjCode: "TASK", objID: SEED_IDS.buildTask });
    expect(note.noteText).toBe("Patchbay: “Build templates” in Website Relaunch is now INP (50% complete).");
  });

  it("new issues: the first run starts from now, the next one notes the new issue", async () => {
    const { scenarios, connections } = bound();
    const store = createMemoryStore();
    const go = () => run(scenarios[1].blueprint as EngineBlueprint, { services: { connections, store } });
    expect(outputsOf(await go(), 1)).toEqual([]);
    const issue = sb.store.create("OPTASK", { name: "Printer on fire", projectID: SEED_IDS.dataCenter, priority: 4 }).ID;
    const result = await go();
    expect(outputsOf(result, 2)).toMatchObject([{ objCode: "NOTE", objID: issue, noteText: "Patchbay triage: new issue in Data Center Move, priority 4." }]);
  });

  it("legacy: fails on the removed API version; upgraded to v2 with the API-key connection it works", async () => {
    const { scenarios, connections } = bound();
    const legacy = scenarios[2].blueprint as EngineBlueprint;
    const failed = await run(legacy, { services: { connections } });
    expect(failed.error).toMatchObject({ type: "InvalidConfigurationError", moduleId: 2, message: expect.stringContaining("API version v15.0") });

    const step = legacy.modules[1];
    const migrated = getModule("workfront:search", 2)!.upgradeFrom!.migrate({ params: step.params ?? {}, mapper: step.mapper ?? {}, connection: step.connection ?? null });
    const upgraded = { ...legacy, modules: [legacy.modules[0], { ...step, version: 2, connection: "conn_key", params: migrated.params, mapper: migrated.mapper }] };
    const result = await run(upgraded, { services: { connections } });
    expect(result.error).toBeNull();
    expect((outputsOf(result, 2) as Record<string, any>[]).map((p) => [p.name, p.owner?.name ?? null])).toEqual([
      ["Data Center Move", "Alex Admin"],
      ["Website Relaunch", "Jane Doe"],
    ]);
  });
});
