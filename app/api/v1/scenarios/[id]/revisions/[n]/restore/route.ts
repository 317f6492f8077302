import { restoreInput } from "@/lib/scenarios/service";
import { json, parseIntParam, withApi } from "@/server/route";
import { scenarioService } from "@/server/services";

export const POST = withApi({ role: "builder", body: restoreInput }, async ({ db, actor, params, body }) =>
  json(await (await scenarioService(db)).restore(actor, params.id, parseIntParam(params.n, "Revision number"), body.baseRevision), 201),
);
