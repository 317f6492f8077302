import { blueprintCheckers } from "@/lib/scenarios/checkers";
import { planUpgrade, upgradePlanInput } from "@/lib/versioning";
import { registry } from "@/modules";
import { json, withApi } from "@/server/route";
import { scenarioService } from "@/server/services";

/** Plans upgrading modules of the current revision; read-only, so viewers may look. */
export const POST = withApi({ role: "viewer", body: upgradePlanInput }, async ({ db, params, body }) => {
  const scenario = await (await scenarioService(db)).get(params.id);
  const plan = planUpgrade(scenario.blueprint, registry, body.targets, { check: blueprintCheckers(registry).extra });
  return json({ baseRevision: scenario.revision, ...plan });
});
