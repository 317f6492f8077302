import { json, withApi } from "@/server/route";
import { scenarioService } from "@/server/services";

export const GET = withApi({ role: "viewer" }, async ({ db, params }) =>
  json({ items: await (await scenarioService(db)).revisions(params.id) }),
);
