import { json, withApi } from "@/server/route";
import { activationService } from "@/server/activation";

export const POST = withApi({ role: "builder" }, async ({ db, actor, params }) => json(await (await activationService(db)).activate(actor, params.id)));
