/**
 * The declared shape of what a module emits, per bundle. Feeds the editor's mapping panel and the
 * mapping static checker. `null` means "not known statically" (no warnings are raised against it).
 */
export type OutputFieldType =
  | "text"
  | "number"
  | "boolean"
  | "date"
  | "binary"
  | "any"
  | "collection"
  | "array";

export interface OutputField {
  name: string;
  label?: string;
  type: OutputFieldType;
  /** Children of a collection, or the fields of each item of an array of collections. */
  spec?: OutputField[];
  /** Item type of an array of primitives. */
  of?: Exclude<OutputFieldType, "collection" | "array">;
}

export type OutputSpec = OutputField[] | null;
