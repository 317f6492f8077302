import { z } from "zod";
import {
  coerceBoolean,
  coerceDate,
  coerceNumber,
  coerceSelect,
  coerceText,
  describeValue,
  type Coerced,
} from "./coerce";
import type { ModuleDefinition } from "./define";
import { FieldValidationError, type FieldIssue } from "./errors";
import { mappableFields, staticFields, type ArrayItemSpec, type FieldSpec } from "./field-spec";
import { isPlainObject } from "./json";

/**
 * Validators derived from a module's field spec.
 *
 * - save: types are checked, a `{{…}}` template is accepted for any mappable field, nothing is required
 *   yet (Fusion saves unfinished modules too), and the document is returned exactly as given: unknown
 *   keys are kept.
 * - run: after the mapper has been evaluated, values are coerced as Fusion would ("42" → 42,
 *   "true" → true), defaults fill gaps, required fields are enforced. Unknown keys are kept.
 */
export type ValidationMode = "save" | "run";
export type Section = "params" | "mapper";

export function isTemplate(value: unknown): value is string {
  return typeof value === "string" && value.includes("{{");
}

/** Missing, null and empty text all mean "not set", as in Fusion. */
export function isUnset(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

export function sectionFields(fields: readonly FieldSpec[], section: Section): FieldSpec[] {
  return section === "params" ? staticFields(fields) : mappableFields(fields);
}

export function sectionSchema(
  fields: readonly FieldSpec[],
  section: Section,
  mode: ValidationMode,
): z.ZodType<Record<string, unknown>> {
  return collectionSchema(sectionFields(fields, section), mode, section === "mapper");
}

function collectionSchema(
  fields: readonly FieldSpec[],
  mode: ValidationMode,
  mappable: boolean,
): z.ZodType<Record<string, unknown>> {
  const shape = fields.map((field) => [field.name, fieldSchema(field, mode, mappable)] as const);
  // Walked by hand rather than with z.object: zod skips or rejects absent keys before a transform can
  // apply a default or name a missing required field, and unknown keys must survive untouched.
  return z.unknown().transform((value, ctx) => {
    if (!isPlainObject(value)) {
      ctx.addIssue({ code: "custom", message: `expects a collection, got ${describeValue(value)}`, input: value });
      return z.NEVER;
    }
    const out: Record<string, unknown> = { ...value };
    let failed = false;
    for (const [name, schema] of shape) {
      const parsed = schema.safeParse(value[name]);
      if (parsed.success) {
        if (parsed.data === undefined) delete out[name];
        else out[name] = parsed.data;
        continue;
      }
      failed = true;
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: "custom", message: issue.message, path: [name, ...issue.path], input: value[name] });
      }
    }
    return failed ? z.NEVER : out;
  });
}

function fieldSchema(field: FieldSpec, mode: ValidationMode, mappable: boolean): z.ZodType {
  const typed = typedSchema(field, mode, mappable);
  return z.unknown().transform((raw, ctx) => {
    let value = raw;
    if (isUnset(value)) {
      if (mode === "save") return raw;
      if (field.default !== undefined && field.default !== null) value = field.default;
      else if (field.required) {
        ctx.addIssue({ code: "custom", message: "is required", input: raw });
        return z.NEVER;
      } else return undefined;
    }
    if (mode === "save" && mappable && isTemplate(value)) return raw;
    const parsed = typed.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: "custom", message: issue.message, path: issue.path, input: value });
      }
      return z.NEVER;
    }
    return mode === "save" ? raw : parsed.data;
  });
}

function fromCoercion<T>(coerce: (value: unknown) => Coerced<T>): z.ZodType<T> {
  return z.unknown().transform((value, ctx) => {
    const result = coerce(value);
    if (result.ok) return result.value;
    ctx.addIssue({ code: "custom", message: result.problem, input: value });
    return z.NEVER;
  });
}

function typedSchema(field: FieldSpec, mode: ValidationMode, mappable: boolean): z.ZodType {
  switch (field.type) {
    case "text":
      return fromCoercion((v) => coerceText(v, field.maxLength));
    case "number":
      return fromCoercion((v) => coerceNumber(v, field));
    case "boolean":
      return fromCoercion(coerceBoolean);
    case "date":
      return fromCoercion(coerceDate);
    case "select":
      return fromCoercion((v) => coerceSelect(v, field));
    case "connection":
      return fromCoercion((v) => coerceText(v));
    case "any":
      return z.unknown();
    case "collection":
      return collectionSchema(field.fields, mode, mappable);
    case "array": {
      let list = z.array(itemSchema(field.items, mode, mappable), {
        error: (issue) => `expects an array, got ${describeValue(issue.input)}`,
      });
      if (field.minItems !== undefined) list = list.min(field.minItems, { error: `needs at least ${field.minItems} items` });
      if (field.maxItems !== undefined) list = list.max(field.maxItems, { error: `takes at most ${field.maxItems} items` });
      return list;
    }
  }
}

function itemSchema(items: ArrayItemSpec, mode: ValidationMode, mappable: boolean): z.ZodType {
  const item: FieldSpec =
    items.type === "collection"
      ? { type: "collection", name: "", label: "Item", fields: items.fields }
      : { type: items.type, name: "", label: "Item" };
  const typed = typedSchema(item, mode, mappable);
  return z.unknown().transform((value, ctx) => {
    // Empty items stay as they are: an array is data, and its positions matter.
    if (isUnset(value)) return value ?? null;
    if (mode === "save" && mappable && isTemplate(value)) return value;
    const parsed = typed.safeParse(value);
    if (parsed.success) return mode === "save" ? value : parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path, input: value });
    return z.NEVER;
  });
}

// ---- Issues that name the field ----

/** `recipients[1].email`: array positions 1-based, as the mapping language counts them. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part + 1}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

function labelAt(fields: readonly FieldSpec[], path: ReadonlyArray<PropertyKey>): string | undefined {
  let current: readonly FieldSpec[] | undefined = fields;
  let field: FieldSpec | undefined;
  for (const part of path) {
    if (typeof part === "number") {
      if (field?.type !== "array") return undefined;
      current = field.items.type === "collection" ? field.items.fields : undefined;
      continue;
    }
    field = current?.find((f) => f.name === part);
    if (!field) return undefined;
    current = field.type === "collection" ? field.fields : undefined;
  }
  return field?.label;
}

export function toFieldIssues(fields: readonly FieldSpec[], error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    const label = labelAt(fields, issue.path);
    const subject = label ? `Field “${label}” (${path})` : path ? `Field ${path}` : "The module's values";
    return { path, message: `${subject} ${issue.message}.` };
  });
}

// ---- Entry points (schemas cached per definition) ----

const cache = new WeakMap<ModuleDefinition, Map<string, z.ZodType<Record<string, unknown>>>>();

export function schemaFor(def: ModuleDefinition, section: Section, mode: ValidationMode): z.ZodType<Record<string, unknown>> {
  let perDef = cache.get(def);
  if (!perDef) cache.set(def, (perDef = new Map()));
  const key = `${section}:${mode}`;
  let schema = perDef.get(key);
  if (!schema) perDef.set(key, (schema = sectionSchema(def.fields, section, mode)));
  return schema;
}

export interface SaveIssue extends FieldIssue {
  section: Section;
}

/** Save-time check of one blueprint module's `params` and `mapper`. Empty = fine. */
export function checkForSave(
  def: ModuleDefinition,
  module: { params?: Record<string, unknown> | null; mapper?: Record<string, unknown> | null },
): SaveIssue[] {
  const issues: SaveIssue[] = [];
  for (const section of ["params", "mapper"] as const) {
    const parsed = schemaFor(def, section, "save").safeParse(module[section] ?? {});
    if (!parsed.success) {
      for (const issue of toFieldIssues(sectionFields(def.fields, section), parsed.error)) issues.push({ ...issue, section });
    }
  }
  return issues;
}

/** Run-time validation of evaluated values; throws a FieldValidationError naming the field. */
export function validateForRun(def: ModuleDefinition, section: Section, values: unknown): Record<string, unknown> {
  const source = isPlainObject(values) ? values : {};
  const parsed = schemaFor(def, section, "run").safeParse(source);
  if (parsed.success) return parsed.data;
  throw new FieldValidationError(toFieldIssues(sectionFields(def.fields, section), parsed.error));
}
