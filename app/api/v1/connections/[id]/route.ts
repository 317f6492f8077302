import { connectionService } from "@/lib/connections";
import { deleteConnectionQuery, updateConnectionInput } from "@/lib/connections/service";
import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "viewer" }, async ({ db, actor, params }) => json(await (await connectionService(db)).get(actor, params.id)));

export const PUT = withApi({ role: "admin", body: updateConnectionInput }, async ({ db, actor, params, body }) =>
  json(await (await connectionService(db)).update(actor, params.id, body)),
);

export const DELETE = withApi({ role: "admin", query: deleteConnectionQuery }, async ({ db, actor, params, query }) =>
  json(await (await connectionService(db)).remove(actor, params.id, query.force)),
);
