import type { StructureField, StructureFieldType } from "./types";

/**
 * What the record form edits: text as typed (numbers and dates too, so a half-typed value is not lost),
 * booleans as "true" / "false" / "" (not set), arrays as lists and collections as objects of drafts.
 */
export type Draft = string | Draft[] | { [name: string]: Draft };
export type DraftRecord = Record<string, Draft>;

type ItemSpec = { type: Exclude<StructureFieldType, "array">; fields?: StructureField[] };

/** The path the API names in its 422 for this value: "address.city", "tags[0]", "lines[1].sku". */
export const childPath = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);
export const itemPath = (path: string, index: number) => `${path}[${index}]`;

export function emptyDraft(fields: readonly StructureField[]): DraftRecord {
  return Object.fromEntries(fields.map((f) => [f.name, f.type === "array" ? [] : f.type === "collection" ? emptyDraft(f.fields ?? []) : ""]));
}

export function emptyItem(items: ItemSpec): Draft {
  return items.type === "collection" ? emptyDraft(items.fields ?? []) : "";
}

function valueToDraft(type: Exclude<StructureFieldType, "array">, nested: StructureField[] | undefined, value: unknown): Draft {
  if (type === "collection") return draftOf(nested ?? [], value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {});
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : String(value);
}

/** A stored record as a draft, so editing starts from what is there. */
export function draftOf(fields: readonly StructureField[], data: Record<string, unknown>): DraftRecord {
  return Object.fromEntries(
    fields.map((f) => {
      const value = data[f.name];
      if (f.type !== "array") return [f.name, valueToDraft(f.type, f.fields, value)];
      const items = f.items ?? { type: "text" as const };
      return [f.name, Array.isArray(value) ? value.map((v) => valueToDraft(items.type, items.fields, v)) : []];
    }),
  );
}

function draftToValue(type: Exclude<StructureFieldType, "array">, nested: StructureField[] | undefined, draft: Draft): unknown {
  if (type === "collection") {
    const value = recordOf(nested ?? [], typeof draft === "object" && !Array.isArray(draft) ? draft : {});
    return Object.keys(value).length === 0 ? undefined : value;
  }
  if (typeof draft !== "string" || draft.trim() === "") return undefined;
  if (type === "boolean") return draft === "true";
  // Not a number: sent as typed, so the server's message lands next to this field.
  if (type === "number") return Number.isFinite(Number(draft)) ? Number(draft) : draft;
  return draft;
}

/**
 * The draft as record data. Empty inputs are left out (the structure's defaults and required checks
 * then apply, as they do for scenarios). Array rows keep their positions, so an error the server reports
 * for "tags[2]" is shown on the third row; an empty row is sent empty and reported if it can't be.
 */
export function recordOf(fields: readonly StructureField[], draft: DraftRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const value = draft[f.name] ?? "";
    if (f.type === "array") {
      const items = f.items ?? { type: "text" as const };
      const list = (Array.isArray(value) ? value : []).map((item) => draftToValue(items.type, items.fields, item) ?? (items.type === "collection" ? {} : ""));
      if (list.length > 0) out[f.name] = list;
    } else {
      const converted = draftToValue(f.type, f.fields, value);
      if (converted !== undefined) out[f.name] = converted;
    }
  }
  return out;
}
