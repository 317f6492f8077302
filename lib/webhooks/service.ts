import { and, desc, eq, inArray, isNull, ne, notInArray, or } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../auth/roles";
import type { Db, DbOrTx } from "../db/client";
import { scenarios, webhooks } from "../db/schema";
import { AppError, notFound } from "../errors";
import { newId, newSecret } from "../ids";
import type { Blueprint } from "../scenario/blueprint";
import type { BlueprintWarning } from "../scenario/validate";

export const CUSTOM_WEBHOOK_KEY = "webhooks:customWebhook";
export const RESPOND_KEY = "webhooks:respond";

export const createWebhookInput = z.object({ name: z.string().trim().min(1, "Give the webhook a name.").max(200) });

export interface WebhookView {
  id: string;
  name: string;
  /** Path of the URL to call; the host is wherever Patchbay is reached. */
  path: string;
  scenario: { id: string; name: string } | null;
  enabled: boolean;
  createdAt: string;
}

export const hookPath = (token: string) => `/hooks/${token}`;

/** Modules listening on a webhook: the custom webhook and connector triggers (Watch events…) alike. */
export function webhookUsers(blueprint: Blueprint) {
  return blueprint.modules.filter((m) => typeof m.params.webhook === "string" && m.params.webhook !== "");
}

export function webhookIdsIn(blueprint: Blueprint): string[] {
  return webhookUsers(blueprint).map((m) => m.params.webhook as string);
}

export async function createWebhook(db: Db, actor: Actor, name: string): Promise<WebhookView> {
  const [row] = await db.insert(webhooks).values({ id: newId("hook"), name, token: newSecret(32), createdBy: actor.id }).returning();
  return (await listWebhooks(db, [row.id]))[0];
}

export async function listWebhooks(db: Db, ids?: string[]): Promise<WebhookView[]> {
  const rows = await db
    .select({ hook: webhooks, scenarioName: scenarios.name })
    .from(webhooks)
    .leftJoin(scenarios, eq(scenarios.id, webhooks.scenarioId))
    .where(ids ? inArray(webhooks.id, ids) : undefined)
    .orderBy(desc(webhooks.createdAt));
  return rows.map(({ hook, scenarioName }) => ({
    id: hook.id,
    name: hook.name,
    path: hookPath(hook.token),
    scenario: hook.scenarioId ? { id: hook.scenarioId, name: scenarioName ?? "" } : null,
    enabled: hook.enabled,
    createdAt: hook.createdAt.toISOString(),
  }));
}

export async function deleteWebhook(db: Db, id: string): Promise<void> {
  const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id));
  if (!row) throw notFound("Webhook");
  if (row.scenarioId) {
    throw new AppError("conflict", "This webhook is used by a scenario; remove it from the scenario first.", { scenarioId: row.scenarioId });
  }
  await db.delete(webhooks).where(eq(webhooks.id, id));
}

/** Save-time: every webhook a blueprint uses exists and is not already used by another scenario. */
export async function checkWebhooks(db: Db, scenarioId: string | null, blueprint: Blueprint): Promise<BlueprintWarning[]> {
  const errors: BlueprintWarning[] = [];
  const uses = webhookUsers(blueprint);
  const seen = new Set<string>();
  for (const m of uses) {
    const id = m.params.webhook as string;
    if (seen.has(id)) errors.push({ moduleId: m.id, code: "webhook-twice", message: "This webhook is already used by another module of this scenario.", fieldPath: "params.webhook" });
    seen.add(id);
    const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id));
    if (!row) errors.push({ moduleId: m.id, code: "unknown-webhook", message: `Webhook ${id} does not exist.`, fieldPath: "params.webhook" });
    else if (row.scenarioId && row.scenarioId !== scenarioId) {
      errors.push({ moduleId: m.id, code: "webhook-in-use", message: `Webhook “${row.name}” is already used by another scenario.`, fieldPath: "params.webhook" });
    }
  }
  return errors;
}

/** After each revision write: the scenario owns exactly the webhooks its current blueprint uses. */
export async function linkWebhooks(tx: DbOrTx, scenarioId: string, blueprint: Blueprint): Promise<void> {
  const ids = webhookIdsIn(blueprint);
  await tx
    .update(webhooks)
    .set({ scenarioId: null })
    .where(and(eq(webhooks.scenarioId, scenarioId), ids.length > 0 ? notInArray(webhooks.id, ids) : undefined));
  if (ids.length > 0) {
    await tx
      .update(webhooks)
      .set({ scenarioId })
      .where(and(inArray(webhooks.id, ids), or(isNull(webhooks.scenarioId), ne(webhooks.scenarioId, scenarioId))));
  }
}
