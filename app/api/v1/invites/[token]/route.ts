import { z } from "zod";
import { AppError } from "@/lib/errors";
import { acceptInvite, inviteInfo, passwordSchema } from "@/lib/users/service";
import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "public" }, async ({ db, params }) => {
  const info = await inviteInfo(db, params.token);
  if (!info) throw new AppError("not_found", "This invite link is invalid or has expired. Ask an admin for a new one.");
  return json(info);
});

export const POST = withApi({ role: "public", body: z.object({ password: passwordSchema }) }, async ({ db, params, body }) =>
  json(await acceptInvite(db, params.token, body.password)),
);
