import { upgradePlanInput } from "@/lib/versioning";
import { json, withApi } from "@/server/route";
import { upgradeService } from "@/server/upgrades";

/** Plans upgrading modules of the current revision; read-only, so viewers may look. */
export const POST = withApi({ role: "viewer", body: upgradePlanInput }, async ({ db, params, body }) =>
  json(await (await upgradeService(db)).planScenario(params.id, body.targets)),
);
