import { AppError } from "@/lib/errors";
import { blueprintCheckers } from "@/lib/scenarios/checkers";
import { applyPlan, planUpgrade, upgradeInput, upgradeMessage } from "@/lib/versioning";
import { registry } from "@/modules";
import { json, withApi } from "@/server/route";
import { scenarioService } from "@/server/services";

/**
 * Upgrades modules and writes a new revision. The plan is made again against the current revision (what
 * the client saw may be stale); the revision check in ScenarioService.update refuses a stale base with 409.
 * Revert = restore the previous revision.
 */
export const POST = withApi({ role: "builder", body: upgradeInput }, async ({ db, actor, params, body }) => {
  const service = await scenarioService(db);
  const current = await service.get(params.id);
  if (current.revision !== body.baseRevision) {
    throw new AppError(
      "conflict",
      `This scenario was saved since the plan was made (plan for revision ${body.baseRevision}; the current one is ${current.revision}). Plan again.`,
      { baseRevision: body.baseRevision, currentRevision: current.revision },
    );
  }
  const options = { check: blueprintCheckers(registry).extra };
  const plan = planUpgrade(current.blueprint, registry, body.targets, options);
  const shown = { baseRevision: current.revision, ...plan };
  if (!plan.applicable) {
    throw new AppError("validation_failed", `The upgrade would make the scenario invalid: ${plan.errors[0]?.message ?? "see details"}`, {
      errors: plan.errors,
      plan: shown,
    });
  }
  // Nothing outdated (or everything kept): no revision is written.
  if (plan.modules.length === 0) return json({ scenario: current, plan: shown });
  const blueprint = applyPlan(current.blueprint, plan, registry, options);
  const scenario = await service.update(actor, params.id, { baseRevision: body.baseRevision, blueprint, message: upgradeMessage(plan) });
  return json({ scenario, plan: shown });
});
