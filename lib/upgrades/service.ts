import { eq } from "drizzle-orm";
import type { ScenarioDetail } from "../api/views";
import { audit } from "../audit";
import type { Actor } from "../auth/roles";
import type { Db } from "../db/client";
import { connections, upgradeRuns } from "../db/schema";
import { AppError, notFound } from "../errors";
import type { AppDescriptor } from "../modules/app";
import type { ModuleRegistry } from "../modules/registry";
import { sunsetToday } from "../modules/sunset";
import type { ConnectionService } from "../connections/service";
import { blueprintCheckers } from "../scenarios/checkers";
import type { ScenarioService } from "../scenarios/service";
import { applyPlan, CONNECTION_NOTE_PREFIX, planUpgrade, upgradeMessage, type PlanOptions, type UpgradePlan, type UpgradeTargets } from "../versioning";
import { attentionItems, openAttention } from "./attention";
import type { BulkApplyInput, ScenarioUpgradeInput } from "./inputs";
import { isRefusal, writeChange } from "./write";
import type { AttentionItem, RevisionMeta } from "./meta";
import { currentBlueprints, usageReport } from "./report";
import { getRun, keptOutcome, latestRuns, recordResults, runRow, startRun, type RunKind } from "./runs";
import type { BulkPlanEntry, Outcome, RevertEntry, RunDetail, UsageReport } from "./views";

export interface UpgradeDeps {
  db: Db;
  scenarios: ScenarioService;
  connections: ConnectionService;
  registry: ModuleRegistry;
  apps: readonly AppDescriptor[];
}


/** What one scenario's upgrade needs besides the targets. */
interface UpgradeRequest {
  targets: UpgradeTargets;
  baseRevision?: number;
  /** Module id → connection id chosen for it. */
  connections?: ReadonlyMap<number, string>;
  /** Old connection id → new one, for upgraded modules whose connection no longer fits. */
  connectionMap?: Readonly<Record<string, string>>;
  /** Bulk runs are all-or-nothing per scenario: a module that cannot be upgraded keeps the whole scenario. */
  wholeScenario: boolean;
}

/**
 * Module upgrades over the API: one scenario, or many at once as one run (the bulk id) that can be
 * reverted as a whole. Every write is a revision made through ScenarioService (same validation, same
 * stale-base 409), carrying meta that says what changed and which fields need a person's eye.
 */
export class UpgradeService {
  constructor(private readonly deps: UpgradeDeps) {}

  private get db() {
    return this.deps.db;
  }

  /** Real connection types, so a connection that still fits the new version is kept rather than cleared. */
  private async planOptions(): Promise<PlanOptions> {
    const rows = await this.db.select({ id: connections.id, type: connections.type, version: connections.typeVersion }).from(connections);
    const types = new Map(rows.map((r) => [r.id, `${r.type}@${r.version}`]));
    return { check: blueprintCheckers(this.deps.registry).extra, connectionTypeOf: (id) => types.get(id) };
  }

  async report(): Promise<UsageReport> {
    const rows = await currentBlueprints(this.db);
    return { ...usageReport(rows, this.deps.registry, this.deps.apps, sunsetToday()), runs: await latestRuns(this.db, 10) };
  }

  async planScenario(id: string, targets: UpgradeTargets): Promise<UpgradePlan & { baseRevision: number }> {
    const scenario = await this.deps.scenarios.get(id);
    return { baseRevision: scenario.revision, ...planUpgrade(scenario.blueprint, this.deps.registry, targets, await this.planOptions()) };
  }

  /**
   * Upgrades one scenario as asked in the editor: the plan is made again against the current revision
   * (never taken from the client); a stale base is a 409, new checker errors a 422, and nothing to upgrade
   * writes nothing. Modules that cannot be upgraded are listed as kept, the others are upgraded.
   */
  async applyScenario(actor: Actor, id: string, input: ScenarioUpgradeInput): Promise<{ scenario: ScenarioDetail; plan: UpgradePlan & { baseRevision: number }; runId: string | null }> {
    const current = await this.deps.scenarios.get(id);
    if (current.revision !== input.baseRevision) throw stalePlan(input.baseRevision, current.revision);
    const chosen = new Map(Object.entries(input.connections ?? {}).map(([k, v]) => [Number(k), v]));
    const plan = planUpgrade(current.blueprint, this.deps.registry, input.targets, await this.planOptions());
    const shown = { baseRevision: current.revision, ...plan };
    if (!plan.applicable) {
      throw new AppError("validation_failed", `The upgrade would make the scenario invalid: ${plan.errors[0]?.message ?? "see details"}`, { errors: plan.errors, plan: shown });
    }
    for (const moduleId of chosen.keys()) {
      if (!plan.modules.some((m) => m.moduleId === moduleId)) throw new AppError("bad_request", `Module ${moduleId} is not upgraded by this plan, so no connection can be chosen for it.`);
    }
    if (plan.modules.length === 0) return { scenario: current, plan: shown, runId: null };
    const runId = await startRun(this.db, actor, "upgrade");
    const outcome = await this.upgradeOne(actor, current, runId, { targets: input.targets, baseRevision: input.baseRevision, connections: chosen, wholeScenario: false });
    await recordResults(this.db, runId, [outcome.result]);
    if (outcome.error) throw outcome.error;
    return { scenario: outcome.scenario!, plan: shown, runId };
  }

  async planBulk(selection: ReadonlyArray<{ scenarioId: string; targets: UpgradeTargets }>): Promise<{ scenarios: BulkPlanEntry[] }> {
    const options = await this.planOptions();
    const out: BulkPlanEntry[] = [];
    for (const { scenarioId, targets } of selection) {
      let scenario: ScenarioDetail;
      try {
        scenario = await this.deps.scenarios.get(scenarioId);
      } catch (error) {
        if (!(error instanceof AppError && error.code === "not_found")) throw error;
        out.push({ scenarioId, name: "", active: false, baseRevision: null, expected: "kept", reason: "This scenario no longer exists.", plan: null, incompatibleConnections: [] });
        continue;
      }
      const plan = planUpgrade(scenario.blueprint, this.deps.registry, targets, options);
      const refusal = bulkRefusal(plan);
      out.push({
        scenarioId,
        name: scenario.name,
        active: scenario.active,
        baseRevision: scenario.revision,
        expected: refusal ? "kept" : plan.modules.some((m) => m.attention.length > 0) ? "attention" : "upgrade",
        ...(refusal ? { reason: refusal } : {}),
        plan,
        incompatibleConnections: incompatibleConnections(plan, this.deps.registry),
      });
    }
    return { scenarios: out };
  }

  /** Each scenario is upgraded whole or kept whole; one scenario's failure never stops the others. */
  async applyBulk(actor: Actor, input: BulkApplyInput): Promise<RunDetail> {
    const runId = await startRun(this.db, actor, "upgrade");
    const results: Outcome[] = [];
    for (const selection of input.scenarios) {
      let current: ScenarioDetail;
      try {
        current = await this.deps.scenarios.get(selection.scenarioId);
      } catch (error) {
        if (!(error instanceof AppError && error.code === "not_found")) throw error;
        results.push(keptOutcome({ scenarioId: selection.scenarioId, name: "", active: false, revision: null }, "This scenario no longer exists."));
        continue;
      }
      const outcome = await this.upgradeOne(actor, current, runId, {
        targets: selection.targets,
        baseRevision: selection.baseRevision,
        connectionMap: input.connectionMap,
        wholeScenario: true,
      });
      results.push(outcome.result);
      await recordResults(this.db, runId, results);
    }
    await recordResults(this.db, runId, results);
    const detail = await this.getRun(runId);
    await audit(this.db, { actorId: actor.id, action: "upgrade.apply", targetType: "upgrade_run", targetId: runId, details: { counts: detail.counts } });
    return detail;
  }

  /**
   * Upgrades one scenario inside a run. Refusals become a "kept" outcome with the reason (and, for the
   * single-scenario API, the error to answer with); a written revision is audited with the run id.
   */
  private async upgradeOne(
    actor: Actor,
    current: ScenarioDetail,
    runId: string,
    request: UpgradeRequest,
  ): Promise<{ result: Outcome; scenario?: ScenarioDetail; error?: AppError }> {
    const refuse = (reason: string, error?: AppError) => ({ result: keptOutcome({ scenarioId: current.id, name: current.name, active: current.active, revision: current.revision }, reason), error: error ?? new AppError("validation_failed", reason) });
    if (request.baseRevision !== undefined && current.revision !== request.baseRevision) {
      const error = stalePlan(request.baseRevision, current.revision);
      return refuse(`Changed since the plan was made (revision ${current.revision} now, the plan was for ${request.baseRevision}); plan again.`, error);
    }
    const options = await this.planOptions();
    const plan = planUpgrade(current.blueprint, this.deps.registry, request.targets, options);
    if (request.wholeScenario) {
      const refusal = bulkRefusal(plan);
      if (refusal) return refuse(refusal);
    }
    if (!plan.applicable) return refuse(`The upgrade would make the scenario invalid: ${plan.errors.map((e) => `module ${e.moduleId ?? "?"}: ${e.message}`).join("; ")}`);

    let blueprint = applyPlan(current.blueprint, plan, this.deps.registry, options);
    const resolved = new Set<string>();
    blueprint = {
      ...blueprint,
      modules: blueprint.modules.map((m) => {
        const upgrade = plan.modules.find((u) => u.moduleId === m.id);
        if (!upgrade) return m;
        // A connection chosen for the module wins; else a cleared connection is replaced through the map.
        const chosen = request.connections?.get(m.id);
        const mapped = upgrade.after.connection === null && upgrade.before.connection ? request.connectionMap?.[upgrade.before.connection] : undefined;
        const pick = chosen ?? mapped;
        if (!pick) return m;
        resolved.add(`${m.id}:connection`);
        return { ...m, connection: pick };
      }),
    };
    const attention = attentionItems(plan.modules, blueprint, resolved);
    const modules = plan.modules.map((m) => ({ moduleId: m.moduleId, module: m.module, title: m.title, from: m.before.version, to: m.after.version }));
    const meta: RevisionMeta = {
      kind: "upgrade",
      runId,
      baseRevision: current.revision,
      modules: modules.map(({ title: _title, ...rest }) => rest),
      attention,
    };

    const written = await writeChange(this.deps, actor, current, blueprint, { message: upgradeMessage(plan), meta, action: "scenario.upgrade", details: { modules } });
    if ("refused" in written) return refuse(written.refused.message, written.refused);
    const { scenario } = written;
    const attentionByModule = groupAttention(plan, resolved);
    return {
      scenario,
      result: {
        scenarioId: current.id,
        name: current.name,
        outcome: attentionByModule.length > 0 ? "attention" : "upgraded",
        active: current.active,
        baseRevision: current.revision,
        revision: scenario.revision,
        modules,
        attention: attentionByModule,
      },
    };
  }

  /**
   * Reverts every scenario the run changed by restoring the revision it was based on, as a new revision.
   * A scenario saved since the run is refused (its later work would be lost) and reported; the others
   * are reverted. A run is reverted once.
   */
  async revert(actor: Actor, runId: string): Promise<RunDetail> {
    const run = await runRow(this.db, runId);
    if (run.revertedAt) {
      throw new AppError("conflict", `This run was already reverted on ${run.revertedAt.toISOString()}.`, { revert: run.revertReport });
    }
    const [claimed] = await this.db
      .update(upgradeRuns)
      .set({ revertedAt: new Date(), revertedBy: actor.id, revertReport: [] })
      .where(eq(upgradeRuns.id, runId))
      .returning({ id: upgradeRuns.id });
    if (!claimed) throw notFound("Upgrade run");
    const entries: RevertEntry[] = [];
    for (const result of run.report as Outcome[]) {
      entries.push(await this.revertOne(actor, runId, run.kind, result));
    }
    await this.db.update(upgradeRuns).set({ revertReport: entries }).where(eq(upgradeRuns.id, runId));
    await audit(this.db, {
      actorId: actor.id,
      action: "upgrade.revert",
      targetType: "upgrade_run",
      targetId: runId,
      details: { reverted: entries.filter((e) => e.outcome === "reverted").length, refused: entries.filter((e) => e.outcome === "refused").length },
    });
    return this.getRun(runId);
  }

  private async revertOne(actor: Actor, runId: string, kind: RunKind, result: Outcome): Promise<RevertEntry> {
    const entry = { scenarioId: result.scenarioId, name: result.name };
    if (result.outcome === "kept" || result.revision === null || result.baseRevision === null) {
      return { ...entry, outcome: "skipped", reason: "The run did not change this scenario.", revision: null };
    }
    let current: ScenarioDetail;
    try {
      current = await this.deps.scenarios.get(result.scenarioId);
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") return { ...entry, outcome: "refused", reason: "The scenario was deleted.", revision: null };
      throw error;
    }
    if (current.revision !== result.revision) {
      return {
        ...entry,
        outcome: "refused",
        reason: `Changed since the run: it is at revision ${current.revision}, the run wrote revision ${result.revision}. Reverting would discard the later changes; restore revision ${result.baseRevision} from its history if that is what you want.`,
        revision: null,
      };
    }
    const meta: RevisionMeta = {
      kind: "revert",
      runId,
      baseRevision: result.revision,
      modules: result.modules.map((m) => ({ moduleId: m.moduleId, module: m.module, from: m.to, to: m.from })),
      attention: [],
    };
    try {
      const restored = await this.deps.scenarios.restore(actor, result.scenarioId, result.baseRevision!, result.revision!, {
        message: `Reverted ${kind === "upgrade" ? "upgrade" : "connection swap"} ${runId} (back to revision ${result.baseRevision})`,
        meta,
      });
      await audit(this.db, {
        actorId: actor.id,
        action: kind === "upgrade" ? "scenario.upgrade_revert" : "scenario.connection_swap_revert",
        targetType: "scenario",
        targetId: result.scenarioId,
        details: { runId, name: result.name, revision: restored.revision, restored: result.baseRevision },
      });
      return { ...entry, outcome: "reverted", revision: restored.revision };
    } catch (error) {
      if (isRefusal(error)) return { ...entry, outcome: "refused", reason: error.message, revision: null };
      throw error;
    }
  }

  async attention(scenarioId: string): Promise<AttentionItem[]> {
    const scenario = await this.deps.scenarios.get(scenarioId);
    return openAttention(this.db, scenarioId, scenario.blueprint);
  }

  getRun(id: string): Promise<RunDetail> {
    return getRun(this.db, id);
  }
}

/** Why a bulk run keeps the scenario whole: a targeted module that cannot be upgraded, or nothing to do. */
function bulkRefusal(plan: UpgradePlan): string | null {
  if (plan.kept.length > 0) return plan.kept.map((k) => `Module ${k.moduleId}${k.module ? ` (${k.module} v${k.version})` : ""}: ${k.reason}`).join(" ");
  if (!plan.applicable) return `The upgrade would make the scenario invalid: ${plan.errors.map((e) => e.message).join("; ")}`;
  if (plan.modules.length === 0) return "Nothing to upgrade: the selected modules are on their latest versions.";
  return null;
}

/** Each module's attention notes, without the connection note once a connection was chosen for it. */
function groupAttention(plan: UpgradePlan, resolved: ReadonlySet<string>): Outcome["attention"] {
  return plan.modules
    .map((m) => ({
      moduleId: m.moduleId,
      title: m.title,
      items: resolved.has(`${m.moduleId}:connection`) ? m.attention.filter((text) => !text.startsWith(CONNECTION_NOTE_PREFIX)) : m.attention,
    }))
    .filter((g) => g.items.length > 0);
}

/** Connections the plan clears, grouped, so a bulk apply can map each to a compatible one. */
function incompatibleConnections(plan: UpgradePlan, registry: ModuleRegistry): BulkPlanEntry["incompatibleConnections"] {
  const out = new Map<string, { connectionId: string; needs: string; moduleIds: number[] }>();
  for (const m of plan.modules) {
    if (!m.connectionIncompatible || !m.before.connection) continue;
    const needs = registry.getModule(m.module, m.after.version)?.connection ?? "";
    const key = `${m.before.connection}|${needs}`;
    const entry = out.get(key) ?? { connectionId: m.before.connection, needs, moduleIds: [] };
    entry.moduleIds.push(m.moduleId);
    out.set(key, entry);
  }
  return [...out.values()];
}

function stalePlan(based: number, current: number): AppError {
  return new AppError(
    "conflict",
    `This scenario was saved since the plan was made (plan for revision ${based}; the current one is ${current}). Plan again.`,
    { baseRevision: based, currentRevision: current },
  );
}
