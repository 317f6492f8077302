import { listExecutions, listExecutionsQuery } from "@/lib/executions/service";
import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "viewer", query: listExecutionsQuery }, async ({ db, params, query }) =>
  json(await listExecutions(db, params.id, query)),
);
