import { planModuleReplacement, replacePlanInput } from "@/lib/upgrades/changes";
import { json, withApi } from "@/server/route";
import { upgradeDeps } from "@/server/upgrades";

/** What replacing a module with another would carry over, re-point and leave behind; nothing is written. */
export const POST = withApi({ role: "viewer", body: replacePlanInput }, async ({ db, params, body }) =>
  json(await planModuleReplacement(await upgradeDeps(db), params.id, body)),
);
