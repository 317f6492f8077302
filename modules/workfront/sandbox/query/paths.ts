import { MAX_FIELD_DEPTH } from "../constants";
import { unknownField, WfError } from "../errors";
import { objectDef, type ObjectDef } from "../objects";
import type { FieldDef, Row } from "../objects/schema";
import type { ParamInfo } from "../store/custom";
import type { Store } from "../store/store";

export type Hop = { kind: "ref" | "coll"; name: string; idField: string; foreignKey: string; target: ObjectDef };

export type Leaf =
  | { kind: "field"; name: string; def: FieldDef }
  | { kind: "custom"; name: string; info: ParamInfo | undefined }
  | { kind: "objCode" };

export interface FieldPath {
  text: string;
  hops: Hop[];
  leaf: Leaf;
}

/** `project:owner:name` → segments; a `DE:` segment takes the rest, since labels may contain colons. */
export function splitPath(path: string): string[] {
  const parts = path.split(":");
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === "DE" && i < parts.length - 1) {
      out.push(`DE:${parts.slice(i + 1).join(":")}`);
      break;
    }
    out.push(parts[i]);
  }
  return out;
}

/** Follows one reference or collection name from `def`, or returns undefined if it is not one. */
export function hopFrom(def: ObjectDef, name: string): Hop | undefined {
  const reference = def.references[name];
  if (reference) return { kind: "ref", name, idField: reference.idField, foreignKey: "", target: objectDef(reference.objCode) };
  const coll = def.collections[name];
  if (coll) return { kind: "coll", name, idField: "", foreignKey: coll.foreignKey, target: objectDef(coll.objCode) };
  return undefined;
}

/** Resolves a filter or sort path to its leaf value; unknown names get Workfront's "does not support field" error. */
export function resolvePath(def: ObjectDef, text: string, version: number, customs: Map<string, ParamInfo>): FieldPath {
  const segments = splitPath(text);
  if (segments.length > MAX_FIELD_DEPTH + 1) throw new WfError("invalidParameter", `Field path ${text} is deeper than ${MAX_FIELD_DEPTH} levels`);
  const hops: Hop[] = [];
  let current = def;
  for (const segment of segments.slice(0, -1)) {
    const hop = hopFrom(current, segment);
    if (!hop) throw unknownField(version, segment, current.name);
    hops.push(hop);
    current = hop.target;
  }
  const last = segments[segments.length - 1];
  if (last.startsWith("DE:")) {
    if (!current.custom) throw unknownField(version, last, current.name);
    return { text, hops, leaf: { kind: "custom", name: last.slice(3), info: customs.get(last.slice(3)) } };
  }
  if (last === "objCode") return { text, hops, leaf: { kind: "objCode" } };
  const fieldDef = current.fields[last];
  if (!fieldDef || fieldDef.writeOnly) throw unknownField(version, last, current.name);
  return { text, hops, leaf: { kind: "field", name: last, def: fieldDef } };
}

/** The rows reached by following `hops` (a collection fans out). */
export function rowsAlong(store: Store, row: Row, hops: readonly Hop[]): Row[] {
  let rows = [row];
  for (const hop of hops) {
    const next: Row[] = [];
    for (const current of rows) {
      if (hop.kind === "ref") {
        const id = current.fields[hop.idField];
        const target = typeof id === "string" ? store.get(hop.target.objCode, id) : undefined;
        if (target) next.push(target);
      } else {
        next.push(...store.all(hop.target.objCode).filter((member) => member.fields[hop.foreignKey] === current.ID));
      }
    }
    rows = next;
  }
  return rows;
}

/** Leaf values along a path; arrays (multi-selects, ID lists) are flattened. Missing values are left out. */
export function valuesAt(store: Store, row: Row, path: FieldPath): unknown[] {
  const out: unknown[] = [];
  for (const target of rowsAlong(store, row, path.hops)) {
    const value = path.leaf.kind === "field" ? target.fields[path.leaf.name] : path.leaf.kind === "custom" ? target.custom[path.leaf.name] : target.objCode;
    if (Array.isArray(value)) out.push(...value);
    else if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}
