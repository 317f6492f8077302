import { parseDateInput } from "../dates";
import { WfError } from "../errors";
import type { ObjectDef } from "../objects";
import type { Row } from "../objects/schema";
import { isControlParam, parseJson, type Params } from "../params";
import { customFields } from "../store/custom";
import type { Store } from "../store/store";
import { toNumber } from "../store/values";
import { LIST_MODIFIERS, matches, PRESENCE_MODIFIERS, type Scalar } from "./modifiers";
import { resolvePath, valuesAt, type FieldPath } from "./paths";

export interface QueryContext {
  store: Store;
  version: number;
  userID: string;
}

interface RawCondition {
  group: string;
  field: string;
  values: string[];
  modifier?: string;
  range?: string;
}

interface Condition {
  group: string;
  path: FieldPath;
  modifier: string;
  inputs: Scalar[];
  range?: Scalar;
}

/** Sorting and reporting parameters ride along with filters but are not filters. */
const NOT_A_FILTER = /_(\d+_)?(Sort|GroupBy|AggFunc)$/;

function scalarsFromJson(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(scalarsFromJson);
  if (value === null || value === undefined) return [];
  return [typeof value === "string" ? value : JSON.stringify(value)];
}

/** Filter parameters from the query/form plus the `filters={json}` form (reference A4). */
function rawConditions(params: Params): RawCondition[] {
  const entries: [string, string[]][] = params
    .names()
    .filter((name) => !isControlParam(name) && !NOT_A_FILTER.test(name))
    .map((name) => [name, params.getAll(name)]);
  const json = params.get("filters");
  if (json !== undefined) {
    const parsed = parseJson(json, "filters");
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new WfError("invalidParameter", "filters must be a JSON object");
    for (const [name, value] of Object.entries(parsed)) if (!NOT_A_FILTER.test(name)) entries.push([name, scalarsFromJson(value)]);
  }
  const byKey = new Map<string, RawCondition>();
  for (const [name, values] of entries) {
    const or = /^OR:(\d+):(.+)$/.exec(name);
    const group = or ? or[1] : "";
    const rest = or ? or[2] : name;
    const suffix = /^(.+)_(Mod|Range)$/.exec(rest);
    const field = suffix ? suffix[1] : rest;
    const key = `${group}\u0000${field}`;
    const condition = byKey.get(key) ?? { group, field, values: [] };
    if (suffix?.[2] === "Mod") condition.modifier = values[0]?.toLowerCase();
    else if (suffix?.[2] === "Range") condition.range = values[0];
    else condition.values.push(...values);
    byKey.set(key, condition);
  }
  return [...byKey.values()];
}

/** Resolves `$$USER`, `$$USER.<field>` and `$$CUSTOMER` in filter values (reference A4 wildcards). */
function expandWildcard(ctx: QueryContext, value: string): string {
  const user = /^\$\$USER(?:\.(\w+))?$/.exec(value);
  if (user) {
    if (!user[1] || user[1] === "ID") return ctx.userID;
    const fieldValue = ctx.store.get("USER", ctx.userID)?.fields[user[1]];
    return fieldValue === null || fieldValue === undefined ? "" : String(fieldValue);
  }
  if (/^\$\$CUSTOMER(\.ID)?$/.test(value)) return ctx.store.env.customerID;
  return value;
}

function leafType(path: FieldPath): "string" | "number" | "date" | "boolean" {
  const leaf = path.leaf;
  if (leaf.kind === "field") {
    if (leaf.def.type === "int" || leaf.def.type === "double") return "number";
    if (leaf.def.type === "dateTime") return "date";
    if (leaf.def.type === "boolean") return "boolean";
    return "string";
  }
  if (leaf.kind === "custom") return leaf.info?.dataType === "NMBR" || leaf.info?.dataType === "CURR" ? "number" : leaf.info?.dataType === "DATE" ? "date" : "string";
  return "string";
}

function toScalar(ctx: QueryContext, path: FieldPath, text: string): Scalar {
  const value = expandWildcard(ctx, text);
  const type = leafType(path);
  const bad = () => new WfError("invalidParameter", `Invalid value '${text}' for filter ${path.text}`);
  if (type === "number") {
    const n = toNumber(value, false);
    if (n === undefined) throw bad();
    return n;
  }
  if (type === "date") {
    const date = parseDateInput(value, ctx.store.env.timeZone, ctx.store.now());
    if (!date) throw bad();
    return date.getTime();
  }
  if (type === "boolean") return /^(true|1)$/i.test(value);
  return value;
}

export function storedScalar(value: unknown): Scalar {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}

/**
 * Builds the predicate for `search`/`count`. Unprefixed filters are ANDed; each `OR:n:` group is ANDed
 * inside and ORed with the others and with the unprefixed block (reference A4).
 */
export function buildFilter(def: ObjectDef, params: Params, ctx: QueryContext): (row: Row) => boolean {
  const customs = customFields(ctx.store);
  const conditions: Condition[] = rawConditions(params).map((raw) => {
    const path = resolvePath(def, raw.field, ctx.version, customs);
    const modifier = raw.modifier ?? "eq";
    const texts = LIST_MODIFIERS.has(modifier) ? raw.values.flatMap((v) => v.split(",")) : raw.values;
    const inputs = PRESENCE_MODIFIERS.has(modifier) ? [] : texts.map((text) => toScalar(ctx, path, text));
    const range = raw.range === undefined ? undefined : toScalar(ctx, path, raw.range);
    return { group: raw.group, path, modifier, inputs, range };
  });
  if (conditions.length === 0) return () => true;
  const groups = new Map<string, Condition[]>();
  for (const condition of conditions) groups.set(condition.group, [...(groups.get(condition.group) ?? []), condition]);
  const test = (row: Row, condition: Condition) =>
    matches(condition.modifier, valuesAt(ctx.store, row, condition.path).map(storedScalar), condition.inputs, condition.range, condition.path.text);
  return (row) => [...groups.values()].some((group) => group.every((condition) => test(row, condition)));
}
