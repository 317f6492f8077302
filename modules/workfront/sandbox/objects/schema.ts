/**
 * How an object type is described: the same table drives writes (types, enums, required, read-only),
 * queries (field paths), `fields=` projection, `/metadata`, journal tracking and event payloads.
 */

export type FieldValue = string | number | boolean | Date | string[] | null;
/** Custom-field values, keyed by parameter name (what follows `DE:`). Multi-selects are always arrays here. */
export type CustomValue = string | number | Date | string[];

/** One stored object. Rows are immutable: an edit stores a new row, which makes snapshots cheap. */
export interface Row {
  readonly ID: string;
  readonly objCode: string;
  readonly fields: Readonly<Record<string, FieldValue>>;
  readonly custom: Readonly<Record<string, CustomValue>>;
}

export type FieldType = "string" | "int" | "double" | "boolean" | "dateTime" | "string[]";

export interface EnumOption {
  value: string | number;
  label: string;
}

export interface FieldDef {
  label: string;
  type: FieldType;
  enumType?: string;
  options?: readonly EnumOption[];
  required?: boolean;
  /** Maintained by the sandbox (dates, IDs of the editor, numbers); writes to it are ignored. */
  system?: boolean;
  /** Accepted when the object is created, ignored afterwards (e.g. a note's `noteObjCode`). */
  createOnly?: boolean;
  /** Accepted as input, never returned (passwords, upload handles). */
  writeOnly?: boolean;
  /** Changes are written to journal entries (the "system updates" an admin enabled). */
  tracked?: boolean;
  default?: FieldValue;
  flags?: string[];
}

export interface RefDef {
  label: string;
  objCode: string;
  idField: string;
}

/**
 * `cascade`: parts of the object, deleted with it. `force`: dependants, deleted only with `force=true`.
 * `unlink`: with `force=true` the members lose their link; without it the delete is refused.
 */
export type OnDelete = "cascade" | "force" | "unlink";

export interface CollectionDef {
  label: string;
  objCode: string;
  foreignKey: string;
  onDelete: OnDelete;
  /** Writable through the parent; an edit replaces the whole list (reference A3). */
  replaceable?: boolean;
}

export interface ActionArg {
  name: string;
  type: string;
}

export interface ObjectDef {
  objCode: string;
  /** Object name as in the API Explorer (`Project`), also accepted in URLs case-insensitively. */
  name: string;
  label: string;
  /** Extra URL names (`issue` for OPTASK). */
  aliases: readonly string[];
  fields: Readonly<Record<string, FieldDef>>;
  references: Readonly<Record<string, RefDef>>;
  collections: Readonly<Record<string, CollectionDef>>;
  /** Returned when `fields=` does not ask for more (from the client fixtures). */
  defaultFields: readonly string[];
  /** Fields Workfront lists as always present in event payloads (reference A6). */
  eventFields?: readonly string[];
  /** Only System Administrators may create, edit or delete. */
  adminWrites?: boolean;
  /** Journal entries cannot be written through the API. */
  readOnly?: boolean;
  /** Has `parameterValues` / `DE:` fields. */
  custom?: boolean;
  flags?: readonly string[];
}

export function field(label: string, type: FieldType, extra: Omit<FieldDef, "label" | "type"> = {}): FieldDef {
  return { label, type, ...extra };
}

export function enumField(label: string, enumType: string, options: readonly EnumOption[], extra: Omit<FieldDef, "label" | "type"> = {}): FieldDef {
  const type: FieldType = typeof options[0]?.value === "number" ? "int" : "string";
  return { label, type, enumType: `com.attask.common.constants.${enumType}`, options, ...extra };
}

export function ref(label: string, objCode: string, idField: string): RefDef {
  return { label, objCode, idField };
}

export function collection(label: string, objCode: string, foreignKey: string, onDelete: OnDelete, replaceable = false): CollectionDef {
  return { label, objCode, foreignKey, onDelete, replaceable };
}

export const opts = (pairs: readonly (readonly [string | number, string])[]): EnumOption[] => pairs.map(([value, label]) => ({ value, label }));

/** Fields every object carries. */
export function baseFields(): Record<string, FieldDef> {
  return {
    ID: field("ID", "string", { system: true }),
    entryDate: field("Entry Date", "dateTime", { system: true }),
    lastUpdateDate: field("Last Update Date", "dateTime", { system: true }),
    enteredByID: field("Entered By ID", "string", { system: true, flags: ["NOT_GROUPABLE"] }),
    lastUpdatedByID: field("Last Updated By ID", "string", { system: true, flags: ["NOT_GROUPABLE"] }),
    customerID: field("Customer ID", "string", { system: true, flags: ["NOT_GROUPABLE"] }),
    extRefID: field("External Reference ID", "string"),
  };
}

export function baseReferences(): Record<string, RefDef> {
  return {
    enteredBy: ref("Entered By", "USER", "enteredByID"),
    lastUpdatedBy: ref("Last Updated By", "USER", "lastUpdatedByID"),
  };
}

export const PRIORITY_OPTIONS = opts([
  [0, "None"],
  [1, "Low"],
  [2, "Normal"],
  [3, "High"],
  [4, "Urgent"],
]);

/** Object codes that carry notes and documents. */
export const CONTAINER_CODES = ["PROJ", "TASK", "OPTASK", "PORT", "PRGM", "USER", "DOCU"] as const;
