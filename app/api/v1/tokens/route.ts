import { createToken, createTokenInput, listTokens } from "@/lib/tokens/service";
import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "viewer" }, async ({ db, actor }) => json({ items: await listTokens(db, actor) }));

/** The token itself is in this response only; the server keeps just its hash. */
export const POST = withApi({ role: "viewer", body: createTokenInput }, async ({ db, actor, body }) => {
  const { token, view } = await createToken(db, actor, body.name);
  return json({ ...view, token }, 201);
});
