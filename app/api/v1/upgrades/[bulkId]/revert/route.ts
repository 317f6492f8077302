import { json, withApi } from "@/server/route";
import { upgradeService } from "@/server/upgrades";

/** Reverts every scenario of the run that was not changed since; the others are reported, not touched. */
export const POST = withApi({ role: "builder" }, async ({ db, actor, params }) => json(await (await upgradeService(db)).revert(actor, params.bulkId)));
