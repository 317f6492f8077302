import { scenarioUpgradeInput } from "@/lib/upgrades/inputs";
import { json, withApi } from "@/server/route";
import { upgradeService } from "@/server/upgrades";

/**
 * Upgrades modules and writes a new revision: the plan is made again against the current revision, a
 * stale base is a 409. Revert with POST /upgrades/{runId}/revert.
 */
export const POST = withApi({ role: "builder", body: scenarioUpgradeInput }, async ({ db, actor, params, body }) =>
  json(await (await upgradeService(db)).applyScenario(actor, params.id, body)),
);
