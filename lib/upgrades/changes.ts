import { z } from "zod";
import type { ScenarioDetail } from "../api/views";
import { audit } from "../audit";
import type { Actor } from "../auth/roles";
import { AppError, notFound } from "../errors";
import { moduleKeySchema } from "../scenario/blueprint";
import { blueprintCheckers } from "../scenarios/checkers";
import { applyReplacement, planReplacement, ReplacementError, type ReplacementPlan } from "../versioning/replace";
import { swapConnection, swapMessage, type ConnectionSwap } from "../versioning/swap";
import { attentionItems } from "./attention";
import type { RevisionMeta } from "./meta";
import { getRun, keptOutcome, recordResults, startRun } from "./runs";
import { writeChange } from "./write";
import type { UpgradeDeps } from "./service";
import type { Outcome, RunDetail } from "./views";

export const replacePlanInput = z.object({
  moduleId: z.number().int().positive(),
  module: moduleKeySchema,
  version: z.number().int().positive(),
});

export const replaceInput = replacePlanInput.extend({
  baseRevision: z.number().int().positive(),
  /** A connection for the new module, when the old one does not fit it. */
  connection: z.string().min(1).max(200).optional(),
});

const appName = z.string().regex(/^[a-z][a-z0-9-]*$/, "An app name, e.g. workfront.");

export const swapInput = z.object({ app: appName, connectionId: z.string().min(1).max(200), baseRevision: z.number().int().positive() });

export const bulkSwapInput = z.object({
  app: appName,
  connectionId: z.string().min(1).max(200),
  scenarios: z.array(z.object({ scenarioId: z.string().min(1).max(100), baseRevision: z.number().int().positive().optional() })).min(1).max(500),
});

function stale(based: number, current: number): AppError {
  return new AppError("conflict", `This scenario was saved since (you saw revision ${based}; the current one is ${current}). Look again.`, { baseRevision: based, currentRevision: current });
}

async function replacementPlanFor(deps: UpgradeDeps, scenario: ScenarioDetail, input: z.infer<typeof replacePlanInput>) {
  const oldConnection = scenario.blueprint.modules.find((m) => m.id === input.moduleId)?.connection;
  const row = oldConnection ? await deps.connections.row(oldConnection).catch(() => null) : null;
  const options = {
    check: blueprintCheckers(deps.registry).extra,
    connectionTypeOf: (id: string) => (row?.id === id ? `${row.type}@${row.typeVersion}` : undefined),
  };
  try {
    return { plan: planReplacement(scenario.blueprint, deps.registry, input.moduleId, input, options), options };
  } catch (error) {
    if (error instanceof ReplacementError) throw new AppError("validation_failed", error.message);
    throw error;
  }
}

export async function planModuleReplacement(deps: UpgradeDeps, scenarioId: string, input: z.infer<typeof replacePlanInput>): Promise<ReplacementPlan & { baseRevision: number }> {
  const scenario = await deps.scenarios.get(scenarioId);
  return { baseRevision: scenario.revision, ...(await replacementPlanFor(deps, scenario, input)).plan };
}

/**
 * "Choose new": the replacement takes the module's place as a new revision. Links are kept, fields are
 * carried by name, references to the old module are re-pointed; what could not be carried is in the plan.
 */
export async function replaceModule(
  deps: UpgradeDeps,
  actor: Actor,
  scenarioId: string,
  input: z.infer<typeof replaceInput>,
): Promise<{ scenario: ScenarioDetail; plan: ReplacementPlan & { baseRevision: number } }> {
  const current = await deps.scenarios.get(scenarioId);
  if (current.revision !== input.baseRevision) throw stale(input.baseRevision, current.revision);
  const { plan, options } = await replacementPlanFor(deps, current, input);
  const shown = { baseRevision: current.revision, ...plan };
  if (!plan.applicable) throw new AppError("validation_failed", `The replacement would make the scenario invalid: ${plan.errors[0]?.message ?? "see details"}`, { errors: plan.errors, plan: shown });
  let blueprint = applyReplacement(current.blueprint, plan, deps.registry, options);
  const resolved = new Set<string>();
  if (input.connection) {
    blueprint = { ...blueprint, modules: blueprint.modules.map((m) => (m.id === plan.newModuleId ? { ...m, connection: input.connection } : m)) };
    resolved.add(`${plan.newModuleId}:connection`);
  }
  const meta: RevisionMeta = {
    kind: "replace",
    runId: null,
    baseRevision: current.revision,
    modules: [{ moduleId: plan.newModuleId, module: plan.after.module, from: plan.before.version, to: plan.after.version }],
    attention: attentionItems([{ moduleId: plan.newModuleId, attentionFields: plan.attentionFields }], blueprint, resolved),
  };
  const written = await writeChange(deps, actor, current, blueprint, {
    message: `Replaced module ${plan.moduleId} (${plan.before.title}) with ${plan.after.title} v${plan.after.version} (module ${plan.newModuleId})`,
    meta,
    action: "scenario.replace_module",
    details: { moduleId: plan.moduleId, newModuleId: plan.newModuleId, module: plan.after.module, version: plan.after.version },
  });
  if ("refused" in written) throw written.refused;
  const { scenario } = written;
  return { scenario, plan: shown };
}

async function connectionFor(deps: UpgradeDeps, id: string) {
  try {
    const row = await deps.connections.row(id);
    return { id: row.id, name: row.name, type: `${row.type}@${row.typeVersion}` };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") throw new AppError("validation_failed", `Connection ${id} does not exist.`);
    throw error;
  }
}

/** Swaps one scenario's connection for every module of the app; a run of its own, so Revert undoes it. */
async function swapOne(
  deps: UpgradeDeps,
  actor: Actor,
  current: ScenarioDetail,
  runId: string,
  connection: { id: string; name: string; type: string },
  app: string,
): Promise<{ result: Outcome; scenario?: ScenarioDetail; swap: ConnectionSwap; error?: AppError }> {
  const { swap, blueprint } = swapConnection(current.blueprint, deps.registry, app, connection);
  const base = { scenarioId: current.id, name: current.name, active: current.active, revision: current.revision };
  if (swap.swapped.length === 0) {
    const reason = swap.skipped.length > 0 ? swap.skipped.map((s) => `Module ${s.moduleId}: ${s.reason}`).join(" ") : `No ${app} module here takes a connection other than “${connection.name}”.`;
    return { result: keptOutcome(base, reason), swap, error: new AppError("validation_failed", reason) };
  }
  const meta: RevisionMeta = {
    kind: "swap-connection",
    runId,
    baseRevision: current.revision,
    modules: swap.swapped.map((m) => ({ moduleId: m.moduleId, module: m.module, from: m.version, to: m.version })),
    attention: [],
  };
  const written = await writeChange(deps, actor, current, blueprint, {
    message: swapMessage(swap, connection.name),
    meta,
    action: "scenario.connection_swap",
    details: { app, connectionId: connection.id, modules: swap.swapped.map((m) => m.moduleId) },
  });
  if ("refused" in written) return { result: keptOutcome(base, written.refused.message), swap, error: written.refused };
  const { scenario } = written;
  const modules = swap.swapped.map((m) => ({ moduleId: m.moduleId, module: m.module, title: m.title, from: m.version, to: m.version }));
  const attention = swap.skipped.map((s) => ({ moduleId: s.moduleId, title: s.title, items: [s.reason] }));
  return {
    scenario,
    swap,
    result: { scenarioId: current.id, name: current.name, outcome: attention.length > 0 ? "attention" : "upgraded", active: current.active, baseRevision: current.revision, revision: scenario.revision, modules, attention },
  };
}

export async function swapInScenario(
  deps: UpgradeDeps,
  actor: Actor,
  scenarioId: string,
  input: z.infer<typeof swapInput>,
): Promise<{ scenario: ScenarioDetail; swap: ConnectionSwap; runId: string }> {
  const current = await deps.scenarios.get(scenarioId);
  if (current.revision !== input.baseRevision) throw stale(input.baseRevision, current.revision);
  const connection = await connectionFor(deps, input.connectionId);
  const runId = await startRun(deps.db, actor, "swap-connection");
  const outcome = await swapOne(deps, actor, current, runId, connection, input.app);
  await recordResults(deps.db, runId, [outcome.result]);
  if (outcome.error || !outcome.scenario) throw outcome.error ?? notFound("Scenario");
  return { scenario: outcome.scenario, swap: outcome.swap, runId };
}

/** Admins: one connection for an app's modules in every selected scenario, as one revertible run. */
export async function swapInScenarios(deps: UpgradeDeps, actor: Actor, input: z.infer<typeof bulkSwapInput>): Promise<RunDetail> {
  const connection = await connectionFor(deps, input.connectionId);
  const runId = await startRun(deps.db, actor, "swap-connection");
  const results: Outcome[] = [];
  for (const selection of input.scenarios) {
    let current: ScenarioDetail;
    try {
      current = await deps.scenarios.get(selection.scenarioId);
    } catch (error) {
      if (!(error instanceof AppError && error.code === "not_found")) throw error;
      results.push(keptOutcome({ scenarioId: selection.scenarioId, name: "", active: false, revision: null }, "This scenario no longer exists."));
      continue;
    }
    if (selection.baseRevision !== undefined && selection.baseRevision !== current.revision) {
      results.push(keptOutcome({ scenarioId: current.id, name: current.name, active: current.active, revision: current.revision }, `Changed since it was selected (revision ${current.revision} now).`));
    } else {
      results.push((await swapOne(deps, actor, current, runId, connection, input.app)).result);
    }
    await recordResults(deps.db, runId, results);
  }
  await audit(deps.db, { actorId: actor.id, action: "upgrade.connection_swap", targetType: "upgrade_run", targetId: runId, details: { app: input.app, connectionId: connection.id, scenarios: results.length } });
  return getRun(deps.db, runId);
}
