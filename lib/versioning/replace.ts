import { acceptsConnectionType, SOURCE_MODULE_FIELD, type ModuleDefinition } from "../modules/define";
import type { ModuleRegistry } from "../modules/registry";
import type { Blueprint, BlueprintModule } from "../scenario/blueprint";
import { canonicalJson } from "../scenario/canonical";
import type { BlueprintWarning } from "../scenario/validate";
import { attentionFields } from "./attention-fields";
import { introduced, type PlanOptions } from "./plan";
import { downstreamOf, rewriteModules } from "./references";
import type { AttentionField, ModuleState, RewrittenReference } from "./types";

/** "Choose new": another module takes an existing one's place, for when no migration exists. */
export interface ReplacementPlan {
  applicable: boolean;
  moduleId: number;
  /** The replacement's id: a new one, so nothing mapped from the old module's output silently reads the new. */
  newModuleId: number;
  before: ModuleState & { module: string; title: string };
  after: ModuleState & { module: string; title: string };
  /** What the new module needs ("workfront@2|workfront@3"), or null when it takes no connection. */
  connectionType: string | null;
  /** Fields carried over by name: "mapper.url". */
  copied: string[];
  /** What the old module had that the new one cannot take, with why. */
  notCarried: Array<{ fieldPath: string; reason: string }>;
  /** References to the old module, re-pointed to the new one (remap source); aggregators' sources included. */
  rewrittenReferences: RewrittenReference[];
  attention: string[];
  attentionFields: AttentionField[];
  /** Checker errors and warnings the replacement introduces (e.g. a downstream reference to a field the new module does not output). */
  errors: BlueprintWarning[];
  warnings: BlueprintWarning[];
}

export class ReplacementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReplacementError";
  }
}

const isTemplate = (v: unknown) => typeof v === "string" && v.includes("{{");

/** The new module's params and mapper, each field taken by name from the old module where it can be. */
function carryFields(old: BlueprintModule, def: ModuleDefinition) {
  const params: Record<string, unknown> = {};
  const mapper: Record<string, unknown> = {};
  const copied: string[] = [];
  const notCarried: ReplacementPlan["notCarried"] = [];
  const used = new Set<string>();
  for (const field of def.fields) {
    const from = Object.hasOwn(old.params, field.name) ? "params" : Object.hasOwn(old.mapper, field.name) ? "mapper" : null;
    if (from === null) continue;
    const value = old[from][field.name];
    used.add(`${from}.${field.name}`);
    if (field.static && isTemplate(value)) {
      notCarried.push({ fieldPath: `${from}.${field.name}`, reason: `“${field.label}” is a setting of the new module and cannot take a mapped value.` });
      continue;
    }
    (field.static ? params : mapper)[field.name] = structuredClone(value);
    copied.push(`${field.static ? "params" : "mapper"}.${field.name}`);
  }
  for (const area of ["params", "mapper"] as const) {
    for (const key of Object.keys(old[area])) {
      if (!used.has(`${area}.${key}`)) notCarried.push({ fieldPath: `${area}.${key}`, reason: `${def.title} (${def.key} v${def.version}) has no field “${key}”.` });
    }
  }
  return { params, mapper, copied, notCarried };
}

interface Computed {
  plan: ReplacementPlan;
  blueprint: Blueprint;
}

function compute(blueprint: Blueprint, registry: ModuleRegistry, moduleId: number, replacement: { module: string; version: number }, options: PlanOptions): Computed {
  const old = blueprint.modules.find((m) => m.id === moduleId);
  if (!old) throw new ReplacementError(`There is no module ${moduleId} in this scenario.`);
  const def = registry.getModule(replacement.module, replacement.version);
  if (!def) throw new ReplacementError(`${replacement.module} v${replacement.version} is not installed.`);
  const oldDef = registry.getModule(old.module, old.version);
  const isRoot = !blueprint.links.some((l) => l.to === moduleId);
  if (def.kind === "trigger" && !isRoot) throw new ReplacementError(`${def.title} is a trigger; only the first module can be a trigger.`);
  if (def.kind === "router" && blueprint.links.filter((l) => l.from === moduleId).length > 1 && oldDef?.kind !== "router") {
    throw new ReplacementError("Only a router can take a router's place here.");
  }
  if (oldDef?.kind === "router" && def.kind !== "router" && blueprint.links.filter((l) => l.from === moduleId).length > 1) {
    throw new ReplacementError(`Module ${moduleId} is a router with several routes; only another router can take its place.`);
  }

  const newModuleId = Math.max(...blueprint.modules.map((m) => m.id)) + 1;
  const carried = carryFields(old, def);
  const attention: string[] = [];
  let connection: string | null = null;
  let connectionNote: string | null = null;
  if (def.connection !== null) {
    const type = old.connection ? options.connectionTypeOf?.(old.connection) : undefined;
    if (old.connection && type !== undefined && acceptsConnectionType(def.connection, type)) connection = old.connection;
    else {
      connectionNote = `Pick a ${def.connection.split("|").join(" or ")} connection for ${def.title}.`;
      attention.push(connectionNote);
    }
  } else if (old.connection) {
    carried.notCarried.push({ fieldPath: "connection", reason: `${def.title} takes no connection.` });
  }
  for (const item of carried.notCarried) attention.push(`Not carried: ${item.fieldPath}: ${item.reason}`);

  const replaced: BlueprintModule = {
    id: newModuleId,
    module: def.key,
    version: def.version,
    ...(connection !== null || old.connection !== undefined ? { connection } : {}),
    params: carried.params,
    mapper: carried.mapper,
    ...(old.onError !== undefined ? { onError: old.onError } : {}),
    ...(old.ui !== undefined ? { ui: old.ui } : {}),
  };
  const rewritten: RewrittenReference[] = [];
  let next: Blueprint = {
    ...blueprint,
    modules: blueprint.modules.map((m) => {
      if (m.id === moduleId) return replaced;
      // An aggregator that collected the old module's bundles collects the new one's.
      if (m.params[SOURCE_MODULE_FIELD] === moduleId && registry.getModule(m.module, m.version)?.kind === "aggregator") {
        rewritten.push({ moduleId: m.id, fieldPath: `params.${SOURCE_MODULE_FIELD}`, before: String(moduleId), after: String(newModuleId) });
        return { ...m, params: { ...m.params, [SOURCE_MODULE_FIELD]: newModuleId } };
      }
      return m;
    }),
    links: blueprint.links.map((l) => (l.from === moduleId ? { ...l, from: newModuleId } : l.to === moduleId ? { ...l, to: newModuleId } : l)),
  };
  const repointed = rewriteModules(next, downstreamOf(next, newModuleId), (ref) => (ref.moduleId === moduleId ? { ...ref, moduleId: newModuleId } : ref));
  next = repointed.blueprint;
  rewritten.push(...repointed.rewritten);

  let errors: BlueprintWarning[] = [];
  let warnings: BlueprintWarning[] = [];
  if (options.check) {
    const was = options.check(blueprint);
    const now = options.check(next);
    errors = introduced(was.errors, now.errors);
    warnings = introduced(was.warnings, now.warnings);
  }
  const before: ReplacementPlan["before"] = {
    module: old.module,
    title: oldDef?.title ?? old.module,
    version: old.version,
    params: structuredClone(old.params),
    mapper: structuredClone(old.mapper),
    connection: old.connection ?? null,
  };
  const after: ReplacementPlan["after"] = { module: def.key, title: def.title, version: def.version, params: carried.params, mapper: carried.mapper, connection };
  return {
    plan: {
      applicable: errors.length === 0,
      moduleId,
      newModuleId,
      before,
      after,
      connectionType: def.connection,
      copied: carried.copied,
      notCarried: carried.notCarried,
      rewrittenReferences: rewritten,
      attention,
      attentionFields: attentionFields(def, { version: def.version, params: {}, mapper: {}, connection: null }, after, attention, [], connectionNote, "the replacement"),
      errors,
      warnings,
    },
    blueprint: next,
  };
}

/** Plans replacing module `moduleId` with another module version. Pure. Throws ReplacementError for an impossible swap. */
export function planReplacement(blueprint: Blueprint, registry: ModuleRegistry, moduleId: number, replacement: { module: string; version: number }, options: PlanOptions = {}): ReplacementPlan {
  return compute(blueprint, registry, moduleId, replacement, options).plan;
}

/** The blueprint after the replacement; refuses (PlanMismatchError-like) if it no longer matches the plan shown. */
export function applyReplacement(blueprint: Blueprint, plan: ReplacementPlan, registry: ModuleRegistry, options: PlanOptions = {}): Blueprint {
  const again = compute(blueprint, registry, plan.moduleId, { module: plan.after.module, version: plan.after.version }, options);
  if (canonicalJson(again.plan) !== canonicalJson(plan)) throw new ReplacementError("The scenario changed since the replacement was planned; plan again.");
  return again.blueprint;
}
