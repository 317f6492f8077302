import { MAX_FIELD_DEPTH } from "../constants";
import { formatRestDate } from "../dates";
import { unknownField, WfError } from "../errors";
import type { ObjectDef } from "../objects";
import type { FieldValue, Row } from "../objects/schema";
import { customOut, type ParamInfo } from "../store/custom";
import type { Store } from "../store/store";
import { hopFrom, rowsAlong, splitPath, type Hop } from "./paths";

/** What `fields=` asked for on one object: a tree, since `owner:title` and `tasks:assignments:*` nest. */
export interface FieldTree {
  star: boolean;
  leaves: Set<string>;
  nested: Map<string, { hop: Hop; tree: FieldTree | null }>;
}

const emptyTree = (): FieldTree => ({ star: false, leaves: new Set(), nested: new Map() });

function insert(tree: FieldTree, def: ObjectDef, segments: string[], depth: number, version: number): void {
  const [segment, ...rest] = segments;
  if (depth > MAX_FIELD_DEPTH) throw new WfError("invalidParameter", `fields may nest at most ${MAX_FIELD_DEPTH} levels`);
  const leaf = (allowed: boolean) => {
    if (!allowed || rest.length > 0) throw unknownField(version, rest.length > 0 ? rest[0] : segment, def.name);
  };
  if (segment === "*") {
    leaf(true);
    tree.star = true;
    return;
  }
  if (segment.startsWith("DE:") || segment === "parameterValues") {
    leaf(def.custom === true);
    tree.leaves.add(segment);
    return;
  }
  if (segment === "objCode") return leaf(true);
  const fieldDef = def.fields[segment];
  if (fieldDef) {
    leaf(!fieldDef.writeOnly);
    tree.leaves.add(segment);
    return;
  }
  const hop = hopFrom(def, segment);
  if (!hop) throw unknownField(version, segment, def.name);
  const existing = tree.nested.get(segment);
  if (rest.length === 0) {
    if (!existing) tree.nested.set(segment, { hop, tree: null });
    return;
  }
  const child = existing?.tree ?? emptyTree();
  tree.nested.set(segment, { hop, tree: child });
  insert(child, hop.target, rest, depth + 1, version);
}

/** Parses `fields` (comma-separated, possibly repeated). Names are case-sensitive, as in Workfront. */
export function parseFields(def: ObjectDef, values: readonly string[], version: number): FieldTree {
  const tree = emptyTree();
  for (const path of values.flatMap((v) => v.split(",")).map((p) => p.trim()).filter(Boolean)) insert(tree, def, splitPath(path), 1, version);
  return tree;
}

export interface RenderContext {
  store: Store;
  customs: Map<string, ParamInfo>;
}

function outValue(value: FieldValue | undefined, timeZone: string): unknown {
  if (value instanceof Date) return formatRestDate(value, timeZone);
  if (Array.isArray(value)) return [...value];
  return value ?? null;
}

/** ID, name and objCode first, the rest in ASCII order: the key order the client fixtures show. */
function ordered(out: Record<string, unknown>): Record<string, unknown> {
  const head = ["ID", "name", "objCode"].filter((key) => key in out);
  const tail = Object.keys(out)
    .filter((key) => !head.includes(key))
    .sort();
  return Object.fromEntries([...head, ...tail].map((key) => [key, out[key]]));
}

/** A reference or collection named without sub-fields: ID, name (if the object has one) and objCode. */
function minimal(row: Row, def: ObjectDef): Record<string, unknown> {
  return def.fields.name ? { ID: row.ID, name: row.fields.name ?? null, objCode: row.objCode } : { ID: row.ID, objCode: row.objCode };
}

/**
 * Renders one row. The primary objects carry their default fields plus what was asked for (our reading
 * of A4: `fields` adds to the defaults); nested objects carry ID, name, objCode and what was asked for.
 * Custom fields without a value are left out, as Workfront does.
 */
export function render(row: Row, def: ObjectDef, tree: FieldTree | null, ctx: RenderContext, primary = true): Record<string, unknown> {
  if (!tree) return minimal(row, def);
  const timeZone = ctx.store.env.timeZone;
  const format = (date: Date) => formatRestDate(date, timeZone);
  const out: Record<string, unknown> = minimal(row, def);
  const names = new Set([...(primary ? def.defaultFields : []), ...tree.leaves]);
  if (tree.star) for (const [name, fieldDef] of Object.entries(def.fields)) if (!fieldDef.writeOnly) names.add(name);
  for (const name of names) {
    if (name === "objCode") continue;
    if (name === "parameterValues") {
      const values: Record<string, unknown> = {};
      for (const [param, value] of Object.entries(row.custom)) values[`DE:${param}`] = customOut(value, ctx.customs.get(param), "rest", format);
      out.parameterValues = values;
    } else if (name.startsWith("DE:")) {
      const value = row.custom[name.slice(3)];
      if (value !== undefined) out[name] = customOut(value, ctx.customs.get(name.slice(3)), "rest", format);
    } else if (def.fields[name]) out[name] = outValue(row.fields[name], timeZone);
  }
  for (const [name, { hop, tree: subtree }] of tree.nested) {
    const rows = rowsAlong(ctx.store, row, [hop]);
    const rendered = rows.map((target) => render(target, hop.target, subtree, ctx, false));
    out[name] = hop.kind === "ref" ? (rendered[0] ?? null) : rendered;
  }
  return ordered(out);
}
