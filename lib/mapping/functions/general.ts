import { looseEquals } from "../compare";
import { asDate } from "../dates/coerce";
import { MappingEvalError } from "../errors";
import { getByTextPath } from "../path";
import {
  describe,
  isEmpty,
  isPlainObject,
  isTruthy,
  setOwn,
  toCollection,
  toText,
  type PlainObject,
} from "../values";
import { eager, lazy, type FunctionTable } from "./types";

/** Keys given one per argument or as arrays, as Fusion's pick/omit accept both. */
function keyList(args: unknown[]): Set<string> {
  return new Set(args.flatMap((arg) => (Array.isArray(arg) ? arg : [arg])).map(toText));
}

export const generalFunctions: FunctionTable = {
  if: lazy(([condition, whenTrue, whenFalse]) => (isTruthy(condition()) ? whenTrue() : whenFalse())),

  ifempty: lazy(([value, fallback]) => {
    const first = value();
    return isEmpty(first) ? fallback() : first;
  }),

  switch: lazy((args, env) => {
    const subject = args[0]();
    const pairs = Math.floor((args.length - 1) / 2);
    for (let i = 0; i < pairs; i++) {
      const candidate = args[1 + i * 2]();
      if (looseEquals(subject, candidate, (v) => asDate(v, env.timezone), env.work)) return args[2 + i * 2]();
    }
    const hasDefault = (args.length - 1) % 2 === 1;
    return hasDefault ? args[args.length - 1]() : undefined;
  }),

  get: eager(([value, path]) => {
    if (typeof path !== "string" && typeof path !== "number") {
      throw new MappingEvalError(`Path must be text or a number, got ${describe(path)}`);
    }
    return getByTextPath(value, path);
  }),

  pick: eager(([value, ...keys]) => {
    const source = toCollection(value);
    const wanted = keyList(keys);
    const result: PlainObject = {};
    for (const key of wanted) {
      if (Object.prototype.hasOwnProperty.call(source, key)) setOwn(result, key, source[key]);
    }
    return result;
  }),

  omit: eager(([value, ...keys]) => {
    if (!isPlainObject(value) && value !== undefined && value !== null) {
      throw new MappingEvalError(`Expected a collection, got ${describe(value)}`);
    }
    const unwanted = keyList(keys);
    const result: PlainObject = {};
    for (const [key, item] of Object.entries(value ?? {})) {
      if (!unwanted.has(key)) setOwn(result, key, item);
    }
    return result;
  }),
};
