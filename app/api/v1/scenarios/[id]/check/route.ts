import { checkScenarioInput } from "@/lib/scenarios/service";
import { json, withApi } from "@/server/route";
import { scenarioService } from "@/server/services";

/** Runs the save-time checks on an unsaved blueprint, so the editor can show problems before saving. */
export const POST = withApi({ role: "builder", body: checkScenarioInput }, async ({ db, actor, params, body }) =>
  json(await (await scenarioService(db)).check(actor, params.id, body.blueprint)),
);
