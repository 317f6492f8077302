import type { DataStoreDirectory } from "../datastores/directory";
import { checkBlueprintModules } from "../engine/check";
import { checkMapper, type Diagnostic } from "../mapping";
import { resolveOutputSpec } from "../modules/describe";
import type { ModuleRegistry } from "../modules/registry";
import type { Blueprint } from "../scenario/blueprint";
import type { OutputSpec } from "../scenario/output-spec";
import type { BlueprintCheckers, BlueprintWarning } from "../scenario/validate";
import { registry as appRegistry } from "../../modules";

/**
 * The save-time checks every scenario write goes through (web and worker processes alike). With the
 * instance's data-store directory, outputs shaped by a data structure are checked against its fields.
 */
export function blueprintCheckers(registry: ModuleRegistry = appRegistry, directory?: DataStoreDirectory): BlueprintCheckers {
  return {
    kindOf: (key, version) => registry.getModule(key, version)?.kind,
    extra: (blueprint) => {
      const modules = checkBlueprintModules(blueprint, registry);
      const mapping = checkMappings(blueprint, registry, directory);
      return {
        errors: [...modules.errors, ...mapping.filter((d) => d.severity === "error").map(toWarning)],
        warnings: [...modules.warnings, ...mapping.filter((d) => d.severity === "warning").map(toWarning)],
      };
    },
  };
}

/**
 * Runs the mapping static checker on every place an expression can live: each module's mapper and
 * error-handler settings, and the filter on the link into it. "Upstream" is the chain of ancestors.
 */
export function checkMappings(blueprint: Blueprint, registry: ModuleRegistry, directory?: DataStoreDirectory): Diagnostic[] {
  const parentOf = new Map(blueprint.links.map((l) => [l.to, l.from]));
  const byId = new Map(blueprint.modules.map((m) => [m.id, m]));
  const specOf = (id: number): OutputSpec => {
    const m = byId.get(id);
    const def = m && registry.getModule(m.module, m.version);
    return def ? resolveOutputSpec(def, m.params, directory) : null;
  };
  const diagnostics: Diagnostic[] = [];
  for (const m of blueprint.modules) {
    const upstream = new Map<number, OutputSpec>();
    for (let p = parentOf.get(m.id); p !== undefined && !upstream.has(p); p = parentOf.get(p)) upstream.set(p, specOf(p));
    const check = (value: unknown, prefix: string) =>
      checkMapper(value, { upstream }).map((d) => ({
        ...d,
        moduleId: m.id,
        fieldPath: d.fieldPath ? `${prefix}.${d.fieldPath}` : prefix,
      }));
    diagnostics.push(...check(m.mapper, "mapper"));
    if (m.onError) diagnostics.push(...check(m.onError, "onError"));
    const incoming = blueprint.links.find((l) => l.to === m.id);
    if (incoming?.filter) diagnostics.push(...check(incoming.filter.conditions, "filter"));
  }
  return diagnostics;
}

function toWarning(d: Diagnostic): BlueprintWarning {
  return { moduleId: d.moduleId, code: d.code, message: d.message, fieldPath: d.fieldPath, ...(d.position === undefined ? {} : { position: d.position }) };
}
