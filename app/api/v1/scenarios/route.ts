import { createScenarioInput, listScenariosQuery } from "@/lib/scenarios/service";
import { json, withApi } from "@/server/route";
import { scenarioService } from "@/server/services";

export const GET = withApi({ role: "viewer", query: listScenariosQuery }, async ({ db, query }) =>
  json(await (await scenarioService(db)).list(query)),
);

export const POST = withApi({ role: "builder", body: createScenarioInput }, async ({ db, actor, body }) =>
  json(await (await scenarioService(db)).create(actor, body), 201),
);
