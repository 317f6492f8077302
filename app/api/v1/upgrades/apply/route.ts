import { bulkApplyInput } from "@/lib/upgrades/inputs";
import { json, withApi } from "@/server/route";
import { upgradeService } from "@/server/upgrades";

/** Upgrades the selected scenarios as one run (its id is the bulk id); each scenario whole or not at all. */
export const POST = withApi({ role: "builder", body: bulkApplyInput }, async ({ db, actor, body }) => json(await (await upgradeService(db)).applyBulk(actor, body), 201));
