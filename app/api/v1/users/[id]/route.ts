import { updateUser, updateUserInput } from "@/lib/users/service";
import { json, withApi } from "@/server/route";

export const PATCH = withApi({ role: "admin", body: updateUserInput }, async ({ db, actor, params, body }) =>
  json(await updateUser(db, actor, params.id, body)),
);
