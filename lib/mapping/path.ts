/**
 * Stepping into values along a path. Numbers are Fusion's 1-based positions; a key applied to an array
 * collects that key from every item (`1.items.id` is the list of item ids).
 */
import { MappingEvalError } from "./errors";
import { MAX_ARRAY_ITEMS } from "./limits";
import { getOwn, isPlainObject } from "./values";

export type PathStep = string | number;

export function stepInto(value: unknown, step: PathStep): unknown {
  if (typeof step === "number") {
    if (!Array.isArray(value) || !Number.isInteger(step) || step < 1 || step > value.length) return undefined;
    return value[step - 1];
  }
  if (isPlainObject(value)) return getOwn(value, step);
  if (Array.isArray(value)) {
    if (value.length > MAX_ARRAY_ITEMS) throw new MappingEvalError("Array is too large");
    const collected: unknown[] = [];
    for (const item of value) {
      const found = isPlainObject(item) ? getOwn(item, step) : undefined;
      if (found !== undefined) collected.push(found);
    }
    return collected;
  }
  return undefined;
}

export function followPath(value: unknown, path: readonly PathStep[]): unknown {
  let current = value;
  for (const step of path) {
    if (current === undefined || current === null) return undefined;
    current = stepInto(current, step);
  }
  return current;
}

/**
 * Reads a path written as text, as `get()` and `map()` take it: `items[1].name`, `items.1.name`.
 * On an array, a segment of digits is a 1-based position; elsewhere it is a key.
 */
export function parseTextPath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  for (const part of path.split(".")) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      steps.push(part);
      continue;
    }
    if (match[1] !== "") steps.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]));
  }
  return steps;
}

export function getByTextPath(value: unknown, path: string | number): unknown {
  if (typeof path === "number") return stepInto(value, path);
  let current = value;
  for (const step of parseTextPath(path)) {
    if (current === undefined || current === null) return undefined;
    const numeric = typeof step === "string" && /^\d+$/.test(step) && Array.isArray(current) ? Number(step) : step;
    current = stepInto(current, numeric);
  }
  return current;
}
