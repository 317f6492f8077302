import { updateScenarioInput } from "@/lib/scenarios/service";
import { json, withApi } from "@/server/route";
import { scenarioService } from "@/server/services";

export const GET = withApi({ role: "viewer" }, async ({ db, params }) => json(await (await scenarioService(db)).get(params.id)));

export const PUT = withApi({ role: "builder", body: updateScenarioInput }, async ({ db, actor, params, body }) =>
  json(await (await scenarioService(db)).update(actor, params.id, body)),
);

export const DELETE = withApi({ role: "builder" }, async ({ db, actor, params }) => {
  await (await scenarioService(db)).remove(actor, params.id);
  return new Response(null, { status: 204 });
});
