import { previewInput, upgradePreview } from "@/lib/upgrades/preview";
import { json, withApi } from "@/server/route";
import { upgradeDeps } from "@/server/upgrades";

/**
 * The request the old version sent in the last execution beside the one the new version would send for
 * the same input, built without sending. Builders: it resolves connections (secrets never leave the server).
 */
export const POST = withApi({ role: "builder", body: previewInput }, async ({ db, actor, params, body }) =>
  json(await upgradePreview(await upgradeDeps(db), actor, params.id, body)),
);
