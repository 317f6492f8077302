/**
 * Walking mapper values (the JSON a module's fields hold). Field paths read like
 * `body.items[0].name`: keys joined by dots, array positions in brackets from 0, "" for the root.
 */
import { MappingEvalError } from "./errors";
import { MAX_MAPPER_DEPTH } from "./limits";
import { isPlainObject, setOwn, type PlainObject } from "./values";

export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return parent === "" ? key : `${parent}.${key}`;
}

/** Calls visit for every string inside value; containers nested deeper than the cap are skipped. */
export function forEachString(value: unknown, visit: (text: string, fieldPath: string) => void): void {
  const walk = (v: unknown, path: string, depth: number): void => {
    if (typeof v === "string") return visit(v, path);
    if (depth >= MAX_MAPPER_DEPTH) return;
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, childPath(path, i), depth + 1));
    else if (isPlainObject(v)) for (const [key, item] of Object.entries(v)) walk(item, childPath(path, key), depth + 1);
  };
  walk(value, "", 0);
}

/** A copy of value with every string replaced by transform(string); other leaves are kept as they are. */
export function mapStrings(value: unknown, transform: (text: string, fieldPath: string) => unknown): unknown {
  const walk = (v: unknown, path: string, depth: number): unknown => {
    if (typeof v === "string") return transform(v, path);
    if (!Array.isArray(v) && !isPlainObject(v)) return v;
    if (depth >= MAX_MAPPER_DEPTH) throw new MappingEvalError(`Mapper is nested more than ${MAX_MAPPER_DEPTH} levels deep`);
    if (Array.isArray(v)) return v.map((item, i) => walk(item, childPath(path, i), depth + 1));
    const copy: PlainObject = {};
    for (const [key, item] of Object.entries(v)) setOwn(copy, key, walk(item, childPath(path, key), depth + 1));
    return copy;
  };
  return walk(value, "", 0);
}

export function isDeeperThanLimit(value: unknown): boolean {
  const walk = (v: unknown, depth: number): boolean => {
    if (!Array.isArray(v) && !isPlainObject(v)) return false;
    if (depth >= MAX_MAPPER_DEPTH) return true;
    return (Array.isArray(v) ? v : Object.values(v)).some((item) => walk(item, depth + 1));
  };
  return walk(value, 0);
}
