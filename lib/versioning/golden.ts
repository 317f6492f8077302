import type { UpgradePlan } from "./types";

/** The part of a plan a golden fixture pins: stable, readable, and enough to notice a changed migration. */
export function planSummary(plan: UpgradePlan) {
  return {
    applicable: plan.applicable,
    modules: plan.modules.map((m) => ({
      moduleId: m.moduleId,
      module: m.module,
      from: m.before.version,
      to: m.after.version,
      renamedOutputs: m.renamedOutputs,
      rewrittenReferences: m.rewrittenReferences,
      attention: m.attention,
      connectionTypeChanged: m.connectionTypeChanged,
      connectionIncompatible: m.connectionIncompatible,
    })),
    kept: plan.kept,
    errors: plan.errors.map((e) => `${e.moduleId ?? "-"} ${e.code}`),
    warnings: plan.warnings.map((e) => `${e.moduleId ?? "-"} ${e.code}`),
  };
}
