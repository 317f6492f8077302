import type { OutputField, OutputFieldType, OutputSpec } from "@/lib/scenario/output-spec";
import { knownObject, type KnownFieldType } from "./objects";
import type { Generation } from "./versions";

/**
 * Output specs for records, from the known field list of the object type plus what the module asks
 * for (`fields=`, references, collections). Version 1 outputs dates as Workfront's text; version 2 as
 * ISO 8601, so they are typed as dates there.
 */
export interface RecordSelection {
  outputs?: readonly string[];
  references?: readonly string[];
  collections?: readonly string[];
  /** Fields the module always requests (e.g. the polling timestamps). */
  extra?: readonly string[];
}

const linked = (): OutputField[] => [
  { name: "ID", type: "text" },
  { name: "name", type: "text" },
  { name: "objCode", type: "text" },
];

function typeOf(type: KnownFieldType | undefined, generation: Generation): Pick<OutputField, "type" | "of"> {
  if (type === "date") return { type: generation.isoDates ? "date" : "text" };
  if (type === "array") return { type: "array", of: "text" };
  if (type === undefined) return { type: "any" };
  return { type: type as OutputFieldType };
}

export function recordFields(objCode: unknown, generation: Generation, selection: RecordSelection = {}): OutputField[] {
  const known = knownObject(objCode);
  const names = [...new Set(["ID", ...(known ? [] : ["name"]), "objCode", ...(known?.defaultFields ?? []), ...(selection.extra ?? []), ...(selection.outputs ?? [])])];
  const fields: OutputField[] = names
    .filter((name) => name !== "*" && name !== "")
    .map((name) => ({ name, ...typeOf(known?.fields[name] ?? (name === "ID" || name === "objCode" || name === "name" ? "text" : undefined), generation) }));
  for (const reference of selection.references ?? []) fields.push({ name: reference, type: "collection", spec: linked() });
  for (const collection of selection.collections ?? []) fields.push({ name: collection, type: "array", spec: linked() });
  return fields;
}

export function recordOutputSpec(objCode: unknown, generation: Generation, selection: RecordSelection = {}): OutputSpec {
  if (typeof objCode !== "string" || objCode === "") return null;
  return recordFields(objCode, generation, selection);
}

/** `params.outputs` and friends as string lists, whatever the blueprint holds. */
export function selectionOf(params: Readonly<Record<string, unknown>>): RecordSelection {
  const list = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v !== "") : []);
  return { outputs: list(params.outputs), references: list(params.references), collections: list(params.collections) };
}

/** `fields=` for a selection: the outputs, and each reference or collection by name (Workfront adds ID and name). */
export function fieldsFor(selection: RecordSelection): string[] {
  return [...(selection.extra ?? []), ...(selection.outputs ?? []), ...(selection.references ?? []), ...(selection.collections ?? [])];
}
