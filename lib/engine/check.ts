import { SOURCE_MODULE_FIELD } from "@/lib/modules/define";
import type { ModuleRegistry } from "@/lib/modules/registry";
import { checkForSave, isUnset } from "@/lib/modules/validators";
import type { EngineBlueprint } from "./blueprint";
import { findOperator } from "./filters";

/** Same shape as lib/scenario's BlueprintWarning, so it plugs into validateBlueprint's `extra`. */
export interface ModuleCheckIssue {
  moduleId?: number;
  code: string;
  message: string;
  fieldPath?: string;
}

/**
 * Save-time checks that need the module registry: known module versions, field types (templates
 * allowed), aggregator sources, filter operators (errors); deprecations, missing connections and
 * unfilled required fields (warnings: an unfinished scenario can still be saved).
 */
export function checkBlueprintModules(
  blueprint: EngineBlueprint,
  registry: ModuleRegistry,
): { errors: ModuleCheckIssue[]; warnings: ModuleCheckIssue[] } {
  const errors: ModuleCheckIssue[] = [];
  const warnings: ModuleCheckIssue[] = [];
  const parentOf = new Map(blueprint.links.map((l) => [l.to, l.from]));
  const upstreamOf = (id: number) => {
    const out: number[] = [];
    for (let p = parentOf.get(id); p !== undefined && !out.includes(p); p = parentOf.get(p)) out.push(p);
    return out;
  };

  for (const step of blueprint.modules) {
    const def = registry.getModule(step.module, step.version);
    const moduleId = step.id;
    if (!def) {
      errors.push({ moduleId, code: "unknown-module", message: `${step.module}@${step.version} does not exist.` });
      continue;
    }
    for (const issue of checkForSave(def, step)) {
      errors.push({ moduleId, code: "invalid-field", message: issue.message, fieldPath: `${issue.section}.${issue.path}` });
    }
    for (const field of def.fields) {
      const section = field.static ? step.params : step.mapper;
      if (field.required && field.default === undefined && isUnset(section?.[field.name])) {
        warnings.push({
          moduleId,
          code: "missing-required-field",
          message: `Field “${field.label}” is required.`,
          fieldPath: `${field.static ? "params" : "mapper"}.${field.name}`,
        });
      }
    }
    if (def.connection && !step.connection) {
      warnings.push({ moduleId, code: "missing-connection", message: `Choose a ${def.connection} connection.` });
    }
    if (def.deprecated) {
      warnings.push({
        moduleId,
        code: "deprecated-module",
        message: `${def.key}@${def.version} is deprecated since ${def.deprecated.since} and stops running on ${def.deprecated.sunset}: ${def.deprecated.reason}`,
      });
    }
    if (def.kind === "aggregator") {
      const source = Number(step.params?.[SOURCE_MODULE_FIELD]);
      if (!isUnset(step.params?.[SOURCE_MODULE_FIELD]) && !upstreamOf(moduleId).includes(source)) {
        errors.push({
          moduleId,
          code: "aggregator-source",
          message: `The source module (${String(step.params?.[SOURCE_MODULE_FIELD])}) must come before the aggregator on the same route.`,
          fieldPath: `params.${SOURCE_MODULE_FIELD}`,
        });
      }
    }
  }

  for (const link of blueprint.links) {
    for (const group of link.filter?.conditions ?? []) {
      for (const condition of group) {
        if (!findOperator(condition.op)) {
          errors.push({ moduleId: link.to, code: "unknown-operator", message: `The filter on ${link.from} → ${link.to} uses an unknown operator “${condition.op}”.` });
        }
      }
    }
  }
  return { errors, warnings };
}
