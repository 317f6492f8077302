import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "viewer" }, async ({ actor }) =>
  json({ id: actor.id, email: actor.email, name: actor.name, role: actor.role }),
);
