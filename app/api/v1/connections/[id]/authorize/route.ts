import { connectionService } from "@/lib/connections";
import { startAuthorization } from "@/lib/connections/oauth";
import { browserOrigin } from "@/server/origin";
import { json, withApi } from "@/server/route";

/** Answers with the provider URL the admin's browser goes to; it comes back to the OAuth callback. */
export const POST = withApi({ role: "admin" }, async ({ db, actor, params, req }) =>
  json({ url: await startAuthorization(db, await connectionService(db), actor, params.id, browserOrigin(req)) }),
);
