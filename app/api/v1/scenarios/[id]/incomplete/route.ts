import { listIncomplete } from "@/lib/executions/service";
import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "viewer" }, async ({ db, params }) => json({ items: await listIncomplete(db, params.id) }));
