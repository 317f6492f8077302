import { json, withApi } from "@/server/route";
import { upgradeService } from "@/server/upgrades";

/** Fields an upgrade asked a person to look at, still unedited in the current revision. */
export const GET = withApi({ role: "viewer" }, async ({ db, params }) => json({ items: await (await upgradeService(db)).attention(params.id) }));
