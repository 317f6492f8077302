import type { ScenarioDetail } from "../api/views";
import { audit } from "../audit";
import type { Actor } from "../auth/roles";
import { AppError } from "../errors";
import type { Blueprint } from "../scenario/blueprint";
import type { RevisionMeta } from "./meta";
import type { UpgradeDeps } from "./service";

/** Refusals a person can act on (stale base, failed save checks), reported per scenario instead of thrown. */
export function isRefusal(error: unknown): error is AppError {
  return error instanceof AppError && ["conflict", "validation_failed", "bad_request"].includes(error.code);
}

/**
 * Writes a changed blueprint as the revision after `current` (stale base: refused), with its meta,
 * switching an active scenario's remote subscription around the write, and audits it.
 */
export async function writeChange(
  deps: UpgradeDeps,
  actor: Actor,
  current: ScenarioDetail,
  blueprint: Blueprint,
  change: { message: string; meta: RevisionMeta; action: string; details: Record<string, unknown> },
): Promise<{ scenario: ScenarioDetail } | { refused: AppError }> {
  let scenario: ScenarioDetail;
  try {
    // An active scenario's remote subscription follows the new trigger once the revision is written
    // (the scenario service's revision hook, ActivationService.revisionSaved).
    scenario = await deps.scenarios.update(actor, current.id, { baseRevision: current.revision, blueprint, message: change.message }, { meta: change.meta });
  } catch (error) {
    if (isRefusal(error)) return { refused: error };
    throw error;
  }
  await audit(deps.db, {
    actorId: actor.id,
    action: change.action,
    targetType: "scenario",
    targetId: current.id,
    details: { ...(change.meta.runId ? { runId: change.meta.runId } : {}), name: current.name, baseRevision: current.revision, revision: scenario.revision, ...change.details },
  });
  return { scenario };
}
