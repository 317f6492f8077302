import type { OutputField } from "../scenario/output-spec";
import type { StructureField } from "./structure";

/**
 * The instance's data stores and structures by id and name, loaded once per request. Modules read it to
 * offer a store or structure picker (dynamic options), to derive an output spec from a structure, and
 * blueprint export/import read it to carry those references by name. Small: stores are capped at 50.
 */
export interface DirectoryStore {
  id: string;
  name: string;
  structureId: string | null;
}

export interface DirectoryStructure {
  id: string;
  name: string;
  fields: StructureField[];
}

export interface DataStoreDirectory {
  stores: readonly DirectoryStore[];
  structures: readonly DirectoryStructure[];
}

export const EMPTY_DIRECTORY: DataStoreDirectory = { stores: [], structures: [] };

/** Option-list names of the two reference pickers; a static select with one of these holds a reference. */
export const DATA_STORE_OPTIONS = "dataStores";
export const DATA_STRUCTURE_OPTIONS = "dataStructures";

export function structureFields(directory: DataStoreDirectory, id: unknown): StructureField[] | null {
  if (typeof id !== "string") return null;
  return directory.structures.find((s) => s.id === id)?.fields ?? null;
}

/** The fields of a store's structure; `[]` for a key-only store; null when the store is unknown. */
export function storeFields(directory: DataStoreDirectory, id: unknown): StructureField[] | null {
  if (typeof id !== "string") return null;
  const store = directory.stores.find((s) => s.id === id);
  if (!store) return null;
  return store.structureId ? structureFields(directory, store.structureId) : [];
}

/** A data structure as an output spec, so the mapping panel and the static checker know its fields. */
export function structureOutputSpec(fields: readonly StructureField[]): OutputField[] {
  return fields.map((f): OutputField => {
    const label = f.label ? { label: f.label } : {};
    if (f.type === "collection") return { name: f.name, ...label, type: "collection", spec: structureOutputSpec(f.fields ?? []) };
    if (f.type === "array") {
      const items = f.items ?? { type: "text" as const };
      return items.type === "collection"
        ? { name: f.name, ...label, type: "array", spec: structureOutputSpec(items.fields ?? []) }
        : { name: f.name, ...label, type: "array", of: items.type };
    }
    return { name: f.name, ...label, type: f.type };
  });
}
