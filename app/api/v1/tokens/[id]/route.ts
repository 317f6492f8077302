import { revokeToken } from "@/lib/tokens/service";
import { withApi } from "@/server/route";

export const DELETE = withApi({ role: "viewer" }, async ({ db, actor, params }) => {
  await revokeToken(db, actor, params.id);
  return new Response(null, { status: 204 });
});
