import { swapInput, swapInScenario } from "@/lib/upgrades/changes";
import { json, withApi } from "@/server/route";
import { upgradeDeps } from "@/server/upgrades";

/** One connection for every module of an app in this scenario; revert with POST /upgrades/{runId}/revert. */
export const POST = withApi({ role: "builder", body: swapInput }, async ({ db, actor, params, body }) =>
  json(await swapInScenario(await upgradeDeps(db), actor, params.id, body)),
);
