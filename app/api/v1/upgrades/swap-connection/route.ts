import { bulkSwapInput, swapInScenarios } from "@/lib/upgrades/changes";
import { json, withApi } from "@/server/route";
import { upgradeDeps } from "@/server/upgrades";

/** Admins: one connection for an app's modules across the selected scenarios, as one revertible run. */
export const POST = withApi({ role: "admin", body: bulkSwapInput }, async ({ db, actor, body }) =>
  json(await swapInScenarios(await upgradeDeps(db), actor, body), 201),
);
