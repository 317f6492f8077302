import { createUser, createUserInput, listUsers } from "@/lib/users/service";
import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "admin" }, async ({ db }) => json({ items: await listUsers(db) }));

/** Without a password the user is invited; the response then carries a one-time invite path. */
export const POST = withApi({ role: "admin", body: createUserInput }, async ({ db, actor, body }) => {
  const { user, inviteToken } = await createUser(db, actor, body);
  return json({ user, ...(inviteToken ? { invitePath: `/invite/${inviteToken}` } : {}) }, 201);
});
