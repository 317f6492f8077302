import { json, withApi } from "@/server/route";
import { upgradeService } from "@/server/upgrades";

export const GET = withApi({ role: "builder" }, async ({ db, params }) => json(await (await upgradeService(db)).getRun(params.bulkId)));
