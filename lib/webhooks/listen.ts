import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { scenarioRevisions, scenarios, scenarioState, webhooks } from "../db/schema";
import { AppError, notFound } from "../errors";
import type { Blueprint } from "../scenario/blueprint";
import { CUSTOM_WEBHOOK_KEY, hookPath } from "./service";

/** "Run once" on a webhook-triggered scenario: its next call runs it once, even while it is inactive. */
const LISTEN_KEY = "editor:listen-once";
export const LISTEN_MINUTES = 5;

export interface ListeningView {
  /** Path of the URL to call; the host is wherever Patchbay is reached. */
  path: string;
  until: string;
  since: string;
}

export async function startListening(db: Db, scenarioId: string): Promise<ListeningView> {
  const [row] = await db
    .select({ active: scenarios.active, blueprint: scenarioRevisions.blueprint })
    .from(scenarios)
    .innerJoin(scenarioRevisions, and(eq(scenarioRevisions.scenarioId, scenarios.id), eq(scenarioRevisions.number, scenarios.currentRevision)))
    .where(eq(scenarios.id, scenarioId));
  if (!row) throw notFound("Scenario");
  const trigger = (row.blueprint as Blueprint).modules.find((m) => m.module === CUSTOM_WEBHOOK_KEY);
  const webhookId = typeof trigger?.params.webhook === "string" ? trigger.params.webhook : null;
  if (!webhookId) throw new AppError("validation_failed", "This scenario does not start with a custom webhook that has a webhook chosen; save one first.");
  if (row.active) throw new AppError("conflict", "The scenario is active: every call of its webhook already runs it.");
  const [hook] = await db.select({ token: webhooks.token }).from(webhooks).where(eq(webhooks.id, webhookId));
  if (!hook) throw notFound("Webhook");
  const since = new Date();
  const until = new Date(since.getTime() + LISTEN_MINUTES * 60_000);
  const value = { since: since.toISOString(), until: until.toISOString() };
  await db
    .insert(scenarioState)
    .values({ scenarioId, key: LISTEN_KEY, value })
    .onConflictDoUpdate({ target: [scenarioState.scenarioId, scenarioState.key], set: { value, updatedAt: since } });
  return { path: hookPath(hook.token), ...value };
}

export async function stopListening(db: Db, scenarioId: string): Promise<void> {
  await db.delete(scenarioState).where(and(eq(scenarioState.scenarioId, scenarioId), eq(scenarioState.key, LISTEN_KEY)));
}

/** Takes the one run an inactive scenario listens for; true when there was one (only one caller wins). */
export async function consumeListening(db: Db, scenarioId: string): Promise<boolean> {
  const taken = await db
    .delete(scenarioState)
    .where(and(eq(scenarioState.scenarioId, scenarioId), eq(scenarioState.key, LISTEN_KEY), sql`(${scenarioState.value}->>'until') > ${new Date().toISOString()}`))
    .returning({ key: scenarioState.key });
  return taken.length > 0;
}
