import { json, parseIntParam, withApi } from "@/server/route";
import { scenarioService } from "@/server/services";

export const GET = withApi({ role: "viewer" }, async ({ db, params }) =>
  json(await (await scenarioService(db)).revision(params.id, parseIntParam(params.n, "Revision number"))),
);
