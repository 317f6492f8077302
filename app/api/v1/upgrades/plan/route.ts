import { bulkPlanInput } from "@/lib/upgrades/inputs";
import { json, withApi } from "@/server/route";
import { upgradeService } from "@/server/upgrades";

/** One plan per selected scenario, with what applying would do; nothing is written. */
export const POST = withApi({ role: "builder", body: bulkPlanInput }, async ({ db, body }) => json(await (await upgradeService(db)).planBulk(body.scenarios)));
