import { compareOrder, looseEquals } from "../compare";
import { asDate } from "../dates/coerce";
import { MappingEvalError } from "../errors";
import { getByTextPath } from "../path";
import {
  checkArraySize,
  checkTextLength,
  isEmpty,
  setOwn,
  toArray,
  toCollection,
  toInteger,
  toJson,
  toText,
  WalkBudget,
  type PlainObject,
} from "../values";
import { eager, type FunctionEnv, type FunctionTable } from "./types";

function keyOf(item: unknown, key: unknown): unknown {
  return key === undefined ? item : getByTextPath(item, toText(key));
}

/** Identity for distinct(): type plus JSON, so 1 and "1" stay apart but equal collections merge. */
function identity(value: unknown, work: WalkBudget): string {
  if (value instanceof Date) return "date:" + value.getTime();
  return typeof value + ":" + (value === undefined ? "" : toJson(value, undefined, work));
}

function dateOf(env: FunctionEnv) {
  return (v: unknown) => asDate(v, env.timezone);
}

type SortOrder = { descending: boolean; caseInsensitive: boolean };

function sortOrderArg(value: unknown): SortOrder {
  const text = value === undefined ? "asc" : toText(value).trim().toLowerCase().replace(/\s+/g, " ");
  const match = /^(asc|desc)( ci)?$/.exec(text);
  if (!match) throw new MappingEvalError(`Sort order must be "asc", "desc", "asc ci" or "desc ci", got ${JSON.stringify(text)}`);
  return { descending: match[1] === "desc", caseInsensitive: match[2] !== undefined };
}

/** Values of different kinds sort in this order; within a kind, compareOrder decides. */
function kindRank(value: unknown): number {
  if (typeof value === "number") return 0;
  if (value instanceof Date) return 1;
  if (typeof value === "string") return 2;
  if (typeof value === "boolean") return 3;
  return 4;
}

function flattenInto(out: unknown[], items: readonly unknown[], depth: number, budget: WalkBudget): void {
  for (const item of items) {
    budget.step();
    if (Array.isArray(item) && depth > 0) flattenInto(out, item, depth - 1, budget);
    else {
      out.push(item);
      checkArraySize(out.length);
    }
  }
}

export const arrayFunctions: FunctionTable = {
  /** Fusion's map: the `key` of every item, optionally only items whose `filterKey` is one of `filterValues`. */
  map: eager(([array, key, filterKey, filterValues]) => {
    const items = toArray(array);
    const path = toText(key);
    let allowed: Set<string> | undefined;
    if (filterKey !== undefined) {
      const list = Array.isArray(filterValues) ? filterValues : toText(filterValues).split(",");
      allowed = new Set(list.map((v) => toText(v).trim()));
    }
    const result: unknown[] = [];
    for (const item of items) {
      if (allowed && !allowed.has(toText(getByTextPath(item, toText(filterKey))).trim())) continue;
      const value = getByTextPath(item, path);
      if (value !== undefined) result.push(value);
    }
    return result;
  }),

  first: eager(([array]) => toArray(array)[0]),
  last: eager(([array]) => {
    const items = toArray(array);
    return items[items.length - 1];
  }),

  join: eager(([array, separator]) => {
    const glue = toText(separator);
    let size = 0;
    const pieces = toArray(array).map((item, i) => {
      const text = toText(item);
      size += text.length + (i > 0 ? glue.length : 0);
      checkTextLength(size);
      return text;
    });
    return pieces.join(glue);
  }),

  slice: eager(([value, start, end]) => {
    const from = toInteger(start, "Start");
    const to = end === undefined ? undefined : toInteger(end, "End");
    if (typeof value === "string") return value.slice(from, to);
    return toArray(value).slice(from, to);
  }),

  merge: eager((args) => {
    const arrays = args.map(toArray);
    checkArraySize(arrays.reduce((total, a) => total + a.length, 0));
    return arrays.flat(1);
  }),

  distinct: eager(([array, key], env) => {
    const seen = new Set<string>();
    return toArray(array).filter((item) => {
      const id = identity(keyOf(item, key), env.work);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }),

  /** Stable; empty values go last whatever the order. */
  sort: eager(([array, order, key], env) => {
    const { descending, caseInsensitive } = sortOrderArg(order);
    const prepare = (v: unknown) => (caseInsensitive && typeof v === "string" ? v.toLowerCase() : v);
    const dates = dateOf(env);
    return toArray(array)
      .map((item) => ({ item, sortKey: prepare(keyOf(item, key)) }))
      .sort((x, y) => {
        const xEmpty = isEmpty(x.sortKey);
        const yEmpty = isEmpty(y.sortKey);
        if (xEmpty || yEmpty) return Number(xEmpty) - Number(yEmpty);
        const rank = kindRank(x.sortKey) - kindRank(y.sortKey);
        let result = rank;
        if (rank === 0) {
          result =
            kindRank(x.sortKey) === 4
              ? toJson(x.sortKey, undefined, env.work).localeCompare(toJson(y.sortKey, undefined, env.work))
              : (compareOrder(x.sortKey, y.sortKey, dates) ?? 0);
        }
        return descending ? -result : result;
      })
      .map(({ item }) => item);
  }),

  reverse: eager(([value]) => {
    if (typeof value === "string") return Array.from(value).reverse().join("");
    return toArray(value).slice().reverse();
  }),

  flatten: eager(([array, depth]) => {
    const levels = depth === undefined ? 1 : toInteger(depth, "Depth");
    if (levels < 0 || levels > 100) throw new MappingEvalError("Depth must be between 0 and 100");
    const out: unknown[] = [];
    flattenInto(out, toArray(array), levels, new WalkBudget());
    return out;
  }),

  keys: eager(([value]) => Object.keys(toCollection(value))),
  values: eager(([value]) => Object.values(toCollection(value))),

  /** [{k: "a", v: 1}] with "k", "v" → {a: 1}. */
  toCollection: eager(([array, keyField, valueField]) => {
    const result: PlainObject = {};
    const keyPath = toText(keyField);
    const valuePath = toText(valueField);
    for (const item of toArray(array)) {
      const key = getByTextPath(item, keyPath);
      if (key === undefined || key === null) continue;
      setOwn(result, toText(key), getByTextPath(item, valuePath));
    }
    return result;
  }),

  add: eager(([array, ...items]) => {
    const base = toArray(array);
    checkArraySize(base.length + items.length);
    return [...base, ...items];
  }),

  remove: eager(([array, ...items], env) => {
    const dates = dateOf(env);
    return toArray(array).filter((entry) => !items.some((unwanted) => looseEquals(entry, unwanted, dates, env.work)));
  }),
};
