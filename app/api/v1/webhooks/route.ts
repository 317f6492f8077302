import { createWebhook, createWebhookInput, listWebhooks } from "@/lib/webhooks/service";
import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "viewer" }, async ({ db }) => json({ items: await listWebhooks(db) }));

export const POST = withApi({ role: "builder", body: createWebhookInput }, async ({ db, actor, body }) => json(await createWebhook(db, actor, body.name), 201));
