import { z } from "zod";
import { connectionService } from "@/lib/connections";
import { createConnectionInput } from "@/lib/connections/service";
import { json, withApi } from "@/server/route";

const listQuery = z.object({ type: z.string().optional() });

/** Admins see everything but secrets; builders names, types and status of what is shared with them; viewers names. */
export const GET = withApi({ role: "viewer", query: listQuery }, async ({ db, actor, query }) =>
  json({ items: await (await connectionService(db)).list(actor, query) }),
);

export const POST = withApi({ role: "admin", body: createConnectionInput }, async ({ db, actor, body }) =>
  json(await (await connectionService(db)).create(actor, body), 201),
);
