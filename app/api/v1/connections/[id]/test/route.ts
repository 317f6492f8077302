import { connectionService } from "@/lib/connections";
import { json, withApi } from "@/server/route";

export const POST = withApi({ role: "admin" }, async ({ db, actor, params }) => json(await (await connectionService(db)).test(actor, params.id)));
