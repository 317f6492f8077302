import { acceptsConnectionType } from "../modules/define";
import type { ModuleRegistry } from "../modules/registry";
import type { Blueprint, BlueprintModule } from "../scenario/blueprint";
import { canonicalJson } from "../scenario/canonical";
import type { BlueprintWarning } from "../scenario/validate";
import { attentionFields } from "./attention-fields";
import { runChain } from "./chain";
import { rewriteDownstream } from "./references";
import type { KeptModule, ModuleState, ModuleUpgrade, UpgradePlan, UpgradeTargets } from "./types";

/** The static checker: same shape as `blueprintCheckers().extra`. */
export type BlueprintCheck = (blueprint: Blueprint) => { errors: BlueprintWarning[]; warnings: BlueprintWarning[] };

export interface PlanOptions {
  /** Defaults to no check; the API passes `blueprintCheckers(registry).extra`. */
  check?: BlueprintCheck;
  /** The type ("workfront@2") of a connection id, when the caller can look it up; otherwise declarations are compared. */
  connectionTypeOf?: (connectionId: string) => string | undefined;
}

/** How the attention item that asks for a new connection starts; callers drop it once one was chosen. */
export const CONNECTION_NOTE_PREFIX = "Pick a compatible connection";

export class PlanMismatchError extends Error {
  constructor() {
    super("The scenario changed since the plan was made; plan again.");
    this.name = "PlanMismatchError";
  }
}

const stateOf = (m: BlueprintModule): ModuleState => ({
  version: m.version,
  params: structuredClone(m.params),
  mapper: structuredClone(m.mapper),
  connection: m.connection ?? null,
});

const diagnosticKey = (d: BlueprintWarning) => canonicalJson({ m: d.moduleId ?? null, c: d.code, f: d.fieldPath ?? "", t: d.message });

/** What `after` reports that `before` did not: problems the upgrade introduces, not old ones. */
export function introduced(before: BlueprintWarning[], after: BlueprintWarning[]): BlueprintWarning[] {
  const old = new Set(before.map(diagnosticKey));
  return after.filter((d) => !old.has(diagnosticKey(d)));
}

/**
 * Whether the module's current connection still fits the new declaration. With a lookup the real type
 * decides; without one, the connection fits only if every type the old version accepted is still accepted.
 */
function connectionFits(connection: string, oldDeclared: string | null, newDeclared: string, options: PlanOptions): boolean {
  const type = options.connectionTypeOf?.(connection);
  if (type !== undefined) return acceptsConnectionType(newDeclared, type);
  if (oldDeclared === null) return false;
  return oldDeclared.split("|").every((t) => acceptsConnectionType(newDeclared, t));
}

function targetModules(blueprint: Blueprint, targets: UpgradeTargets, kept: KeptModule[]): BlueprintModule[] {
  if (targets === "all") return blueprint.modules;
  const byId = new Map(blueprint.modules.map((m) => [m.id, m]));
  const out: BlueprintModule[] = [];
  for (const id of new Set(targets)) {
    const m = byId.get(id);
    if (m) out.push(m);
    else kept.push({ moduleId: id, module: "", version: 0, latest: null, reason: `There is no module ${id} in this scenario.` });
  }
  return out;
}

interface Computed {
  plan: UpgradePlan;
  blueprint: Blueprint;
}

function compute(blueprint: Blueprint, registry: ModuleRegistry, targets: UpgradeTargets, options: PlanOptions): Computed {
  const kept: KeptModule[] = [];
  const upgrades: ModuleUpgrade[] = [];
  const renamesOf = new Map<number, Record<string, string>>();
  const afterOf = new Map<number, ModuleState>();

  for (const m of targetModules(blueprint, targets, kept)) {
    const latest = registry.latestVersion(m.module);
    if (latest === undefined) {
      kept.push({ moduleId: m.id, module: m.module, version: m.version, latest: null, reason: `The module ${m.module} is not installed.` });
      continue;
    }
    if (m.version >= latest) continue; // up to date: nothing to plan, which keeps planning idempotent
    const before = stateOf(m);
    const result = runChain(registry, m.module, m.version, { params: before.params, mapper: before.mapper, connection: before.connection });
    if (!result.ok) {
      kept.push({ moduleId: m.id, module: m.module, version: m.version, latest: result.latest, reason: result.reason });
      continue;
    }
    const oldDef = registry.getModule(m.module, m.version)!;
    const newDef = registry.getModule(m.module, result.version)!;
    const automatic = result.steps.map((s) => `Migrated v${s.from} → v${s.to}.`);
    const attention = [...result.notes];
    for (const key of result.readded) {
      attention.push(`“${key}” is not a field of v${m.version}, and the migration dropped it; it was kept as it was. Remove it if it is not needed.`);
    }
    for (const [from, to] of Object.entries(result.renamedOutputs)) automatic.push(`Output “${from}” is now “${to}”.`);

    let connection = result.snapshot.connection;
    let connectionIncompatible = false;
    let connectionNote: string | null = null;
    if (connection !== null && newDef.connection === null) {
      connection = null;
      automatic.push("The module no longer uses a connection; it was removed.");
    } else if (newDef.connection !== null && (connection === null || !connectionFits(connection, oldDef.connection, newDef.connection, options))) {
      connectionIncompatible = connection !== null;
      connection = null;
      connectionNote = `${CONNECTION_NOTE_PREFIX}: v${result.version} needs ${newDef.connection.split("|").join(" or ")}.`;
      attention.push(connectionNote);
    }
    const after: ModuleState = { version: result.version, params: result.snapshot.params, mapper: result.snapshot.mapper, connection };
    afterOf.set(m.id, after);
    renamesOf.set(m.id, result.renamedOutputs);
    upgrades.push({
      moduleId: m.id,
      module: m.module,
      title: newDef.title,
      before,
      after,
      renamedOutputs: result.renamedOutputs,
      automatic,
      rewrittenReferences: [],
      attention,
      attentionFields: attentionFields(newDef, before, after, result.notes, result.readded, connectionNote),
      connectionTypeChanged: oldDef.connection !== newDef.connection,
      connectionType: newDef.connection,
      connectionIncompatible,
    });
  }

  // Modules first, references second: a downstream module that is itself upgraded has its references
  // rewritten in its migrated mapper, where the fields now live.
  let next: Blueprint = {
    ...blueprint,
    modules: blueprint.modules.map((m) => {
      const after = afterOf.get(m.id);
      if (!after) return m;
      const { connection: _old, ...rest } = m;
      return { ...rest, version: after.version, params: after.params, mapper: after.mapper, ...(after.connection === null && m.connection === undefined ? {} : { connection: after.connection }) };
    }),
  };
  for (const upgrade of upgrades) {
    const { blueprint: rewritten, rewritten: refs } = rewriteDownstream(next, upgrade.moduleId, renamesOf.get(upgrade.moduleId)!);
    next = rewritten;
    upgrade.rewrittenReferences = refs;
    if (refs.length > 0) upgrade.automatic.push(`Rewrote ${refs.length} reference${refs.length === 1 ? "" : "s"} in later modules.`);
  }
  // The "after" states shown are the final ones (an upgraded module's mapper may have had references rewritten).
  for (const upgrade of upgrades) {
    const m = next.modules.find((x) => x.id === upgrade.moduleId)!;
    upgrade.after = { ...upgrade.after, mapper: m.mapper };
  }

  let errors: BlueprintWarning[] = [];
  let warnings: BlueprintWarning[] = [];
  if (options.check && upgrades.length > 0) {
    const was = options.check(blueprint);
    const now = options.check(next);
    errors = introduced(was.errors, now.errors);
    warnings = introduced(was.warnings, now.warnings);
  }
  return { plan: { applicable: errors.length === 0, modules: upgrades, kept, errors, warnings }, blueprint: next };
}

/**
 * Plans upgrading the targeted modules to their latest versions. Pure: the blueprint is not modified.
 * Up-to-date modules are left out, so planning an upgraded scenario again yields an empty plan.
 */
export function planUpgrade(blueprint: Blueprint, registry: ModuleRegistry, targets: UpgradeTargets, options: PlanOptions = {}): UpgradePlan {
  return compute(blueprint, registry, targets, options).plan;
}

/**
 * The blueprint after the plan (connections that no longer fit cleared). The plan is recomputed from
 * the same blueprint and must come out the same, so a plan shown for one revision is never applied to
 * another. Pure.
 */
export function applyPlan(blueprint: Blueprint, plan: UpgradePlan, registry: ModuleRegistry, options: PlanOptions = {}): Blueprint {
  if (plan.modules.length === 0) return blueprint;
  const again = compute(blueprint, registry, plan.modules.map((m) => m.moduleId), options);
  if (canonicalJson(again.plan.modules) !== canonicalJson(plan.modules)) throw new PlanMismatchError();
  return again.blueprint;
}

/** The revision message: "Upgraded HTTP request v1 → v2", or "Upgraded 3 modules". */
export function upgradeMessage(plan: UpgradePlan): string {
  if (plan.modules.length === 1) {
    const [m] = plan.modules;
    return `Upgraded ${m.title} v${m.before.version} → v${m.after.version}`;
  }
  return `Upgraded ${plan.modules.length} modules`;
}
