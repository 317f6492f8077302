import { reissueInvite } from "@/lib/users/service";
import { json, withApi } from "@/server/route";

export const POST = withApi({ role: "admin" }, async ({ db, actor, params }) =>
  json({ invitePath: `/invite/${await reissueInvite(db, actor, params.id)}` }, 201),
);
