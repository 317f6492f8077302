import { replaceInput, replaceModule } from "@/lib/upgrades/changes";
import { json, withApi } from "@/server/route";
import { upgradeDeps } from "@/server/upgrades";

/** "Choose new": another module takes the module's place, as a new revision (stale base: 409). */
export const POST = withApi({ role: "builder", body: replaceInput }, async ({ db, actor, params, body }) =>
  json(await replaceModule(await upgradeDeps(db), actor, params.id, body)),
);
