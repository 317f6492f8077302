import type { StructureField, StructureFieldType } from "./types";

export type ItemType = Exclude<StructureFieldType, "array">;

/** A structure field as the field editor holds it: every input as typed, nested fields always present. */
export interface EditorField {
  name: string;
  type: StructureFieldType;
  required: boolean;
  default: string;
  itemType: ItemType;
  fields: EditorField[];
}

export const newEditorField = (): EditorField => ({ name: "", type: "text", required: false, default: "", itemType: "text", fields: [] });

export function toEditorFields(fields: readonly StructureField[]): EditorField[] {
  return fields.map((f) => ({
    name: f.name,
    type: f.type,
    required: f.required === true,
    default: f.default === undefined || f.default === null ? "" : String(f.default),
    itemType: f.items?.type ?? "text",
    fields: toEditorFields(f.type === "array" ? (f.items?.fields ?? []) : (f.fields ?? [])),
  }));
}

function defaultValue(type: StructureFieldType, text: string): unknown {
  if (text === "" || type === "array" || type === "collection") return undefined;
  if (type === "number") return Number.isFinite(Number(text)) ? Number(text) : text;
  if (type === "boolean") return text === "true" ? true : text === "false" ? false : text;
  return text;
}

/** The editor's fields as the API takes them; a default that doesn't fit its type is sent as typed, for the server to name. */
export function fromEditorFields(fields: readonly EditorField[]): StructureField[] {
  return fields.map((f) => {
    const base = { name: f.name.trim(), type: f.type, ...(f.required ? { required: true } : {}) };
    const fallback = defaultValue(f.type, f.default);
    const withDefault = fallback === undefined ? base : { ...base, default: fallback };
    if (f.type === "collection") return { ...withDefault, fields: fromEditorFields(f.fields) };
    if (f.type === "array") return { ...withDefault, items: f.itemType === "collection" ? { type: "collection", fields: fromEditorFields(f.fields) } : { type: f.itemType } };
    return withDefault;
  });
}
