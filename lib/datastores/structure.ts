import { z } from "zod";

/**
 * Data structure fields: the typed shape of a data store's records. Kept as plain JSON in the database so
 * the editor and the API share one definition; zod checks it at every trust boundary.
 */
export const STRUCTURE_FIELD_TYPES = ["text", "number", "boolean", "date", "array", "collection"] as const;
export type StructureFieldType = (typeof STRUCTURE_FIELD_TYPES)[number];

export interface StructureField {
  name: string;
  label?: string;
  type: StructureFieldType;
  required?: boolean;
  default?: unknown;
  /** Arrays: the item type; collections as items carry `fields`. */
  items?: { type: Exclude<StructureFieldType, "array">; fields?: StructureField[] };
  /** Collections: the nested fields. */
  fields?: StructureField[];
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const structureFieldSchema: z.ZodType<StructureField> = z.lazy(() =>
  z
    .object({
      name: z.string().regex(FIELD_NAME, "Field names start with a letter or _ and hold only letters, digits and _."),
      label: z.string().max(200).optional(),
      type: z.enum(STRUCTURE_FIELD_TYPES),
      required: z.boolean().optional(),
      default: z.unknown().optional(),
      items: z
        .object({ type: z.enum(["text", "number", "boolean", "date", "collection"]), fields: z.array(structureFieldSchema).optional() })
        .optional(),
      fields: z.array(structureFieldSchema).optional(),
    })
    .superRefine((f, ctx) => {
      if (f.type === "array" && !f.items) ctx.addIssue({ code: "custom", message: `Array field “${f.name}” needs an item type.`, path: ["items"] });
      if (f.type === "collection" && !f.fields) ctx.addIssue({ code: "custom", message: `Collection field “${f.name}” needs fields.`, path: ["fields"] });
      if (f.default !== undefined && f.type !== "array" && f.type !== "collection") {
        try {
          checkValue(f.type, f.default, f.name, undefined, false);
        } catch {
          ctx.addIssue({ code: "custom", message: `The default of “${f.name}” must be ${f.type === "date" ? "a date (2026-01-31)" : `a ${f.type}`}.`, path: ["default"] });
        }
      }
    }),
);

export const structureFieldsSchema = z
  .array(structureFieldSchema)
  .max(200)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.name)) ctx.addIssue({ code: "custom", message: `Field “${f.name}” is defined twice.`, path: [i, "name"] });
      seen.add(f.name);
    });
  });

export class RecordValidationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "RecordValidationError";
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Checks and normalises one value; dates become ISO text so filters and sorting compare them as such. */
/** `open`: fields the structure does not name pass through (incoming webhook data); records are closed. */
function checkValue(type: Exclude<StructureFieldType, "array">, value: unknown, path: string, nested: StructureField[] | undefined, open: boolean): unknown {
  switch (type) {
    case "text":
      if (typeof value === "string") return value;
      if (typeof value === "number" || typeof value === "boolean") return String(value);
      break;
    case "number":
      if (typeof value === "number" && Number.isFinite(value)) return value;
      if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
      break;
    case "boolean":
      if (typeof value === "boolean") return value;
      if (value === "true" || value === "false") return value === "true";
      break;
    case "date":
      if (typeof value === "string" && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
      break;
    case "collection":
      if (value !== null && typeof value === "object" && !Array.isArray(value)) return validateAgainst(nested ?? [], value as Record<string, unknown>, `${path}.`, open);
      break;
  }
  throw new RecordValidationError(path, `Field “${path}” must be ${type === "collection" ? "a collection" : `a ${type}`}.`);
}

function validateAgainst(fields: readonly StructureField[], data: Record<string, unknown>, prefix: string, open: boolean): Record<string, unknown> {
  const known = new Set(fields.map((f) => f.name));
  const out: Record<string, unknown> = open ? Object.fromEntries(Object.entries(data).filter(([name]) => !known.has(name))) : {};
  for (const name of Object.keys(data)) {
    if (!open && !known.has(name)) throw new RecordValidationError(prefix + name, `Field “${prefix + name}” is not in the data structure.`);
  }
  for (const f of fields) {
    const path = prefix + f.name;
    let value = data[f.name];
    if ((value === undefined || value === null || value === "") && f.default !== undefined) value = f.default;
    if (value === undefined || value === null || value === "") {
      if (f.required) throw new RecordValidationError(path, `Field “${path}” is required.`);
      continue;
    }
    if (f.type === "array") {
      if (!Array.isArray(value)) throw new RecordValidationError(path, `Field “${path}” must be an array.`);
      const items = f.items ?? { type: "text" as const };
      out[f.name] = value.map((v, i) => checkValue(items.type, v, `${path}[${i}]`, items.fields, open));
    } else {
      out[f.name] = checkValue(f.type, value, path, f.fields, open);
    }
  }
  return out;
}

/**
 * A record checked against its structure: unknown fields and wrong types are refused, defaults filled,
 * values normalised. A key-only store (no structure) accepts only an empty record.
 */
export function validateRecord(fields: readonly StructureField[] | null, data: unknown): Record<string, unknown> {
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw new RecordValidationError("", "A record must be an object.");
  return validateAgainst(fields ?? [], data as Record<string, unknown>, "", false);
}

/**
 * Whether incoming data (a webhook call) fits a structure: required fields present, types right, at any
 * depth. Unlike a record, fields the structure does not name are allowed. Returns the first problem.
 */
export function structureMismatch(fields: readonly StructureField[], data: unknown): RecordValidationError | null {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return new RecordValidationError("", "The data must be a collection.");
  try {
    validateAgainst(fields, data as Record<string, unknown>, "", true);
    return null;
  } catch (e) {
    if (e instanceof RecordValidationError) return e;
    throw e;
  }
}

function ordered(type: StructureFieldType, nested: StructureField[] | undefined, value: unknown): unknown {
  if (type !== "collection" || value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return inStructureOrder(nested ?? [], value as Record<string, unknown>);
}

/**
 * Record data with its keys in the structure's field order. Records are stored as jsonb, which keeps keys
 * sorted by length; people expect exports and outputs in the order their structure lists the fields.
 */
export function inStructureOrder(fields: readonly StructureField[] | null, data: Record<string, unknown>): Record<string, unknown> {
  if (!fields) return data;
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!(f.name in data)) continue;
    const value = data[f.name];
    out[f.name] = f.type === "array" && Array.isArray(value) ? value.map((v) => ordered(f.items?.type ?? "text", f.items?.fields, v)) : ordered(f.type, f.fields, value);
  }
  for (const [name, value] of Object.entries(data)) if (!(name in out)) out[name] = value;
  return out;
}

/** A structure guessed from a sample JSON object, for "generate from sample". */
export function inferStructure(sample: unknown): StructureField[] {
  if (sample === null || typeof sample !== "object" || Array.isArray(sample)) throw new RecordValidationError("", "The sample must be a JSON object.");
  return Object.entries(sample as Record<string, unknown>)
    .filter(([name]) => FIELD_NAME.test(name))
    .map(([name, value]) => inferField(name, value));
}

function inferField(name: string, value: unknown): StructureField {
  if (Array.isArray(value)) {
    const first = value.find((v) => v !== null && v !== undefined);
    const item = first === undefined ? ({ name, type: "text" } as StructureField) : inferField(name, first);
    const itemType = item.type === "array" ? "text" : item.type;
    return { name, type: "array", items: itemType === "collection" ? { type: "collection", fields: item.fields } : { type: itemType } };
  }
  if (typeof value === "number") return { name, type: "number" };
  if (typeof value === "boolean") return { name, type: "boolean" };
  if (typeof value === "string" && ISO_DATE.test(value) && value.length >= 10 && !Number.isNaN(Date.parse(value))) return { name, type: "date" };
  if (value !== null && typeof value === "object") return { name, type: "collection", fields: inferStructure(value) };
  return { name, type: "text" };
}

/**
 * Whether replacing `before` with `after` can invalidate records already stored. Only adding optional
 * fields (or changing labels) is always safe; anything else must be checked against the stored records.
 */
export function onlyAddsOptionalFields(before: readonly StructureField[], after: readonly StructureField[]): boolean {
  const strip = (f: StructureField): unknown => ({ ...f, label: undefined, fields: f.fields?.map(strip), items: f.items && { ...f.items, fields: f.items.fields?.map(strip) } });
  const afterByName = new Map(after.map((f) => [f.name, f]));
  for (const f of before) {
    const g = afterByName.get(f.name);
    if (!g || JSON.stringify(strip(f)) !== JSON.stringify(strip(g))) return false;
    afterByName.delete(f.name);
  }
  return [...afterByName.values()].every((f) => !f.required);
}
