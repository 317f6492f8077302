import { MappingEvalError } from "./errors";
import { assertJsonSize, MAX_JSON_DEPTH } from "./json";
import { MAX_RESULT_CHARS } from "./limits";
import { isBinary, setOwn, type PlainObject } from "./objects";
import { checkTextSize, dateToIso } from "./values";

/**
 * Prepares a result for the outside world: Dates become ISO text (copying only containers that hold
 * one), and the result's JSON size is capped. Undefined stays undefined.
 */
export function finalizeResult(value: unknown): unknown {
  if (value instanceof Date) return dateToIso(value);
  if (typeof value === "string") return checkTextSize(value);
  if (typeof value !== "object" || value === null || isBinary(value)) {
    if (typeof value === "number" && !Number.isFinite(value)) throw new MappingEvalError("Result is not a finite number");
    return value;
  }
  assertJsonSize(value, MAX_RESULT_CHARS);
  return replaceDates(value, 0);
}

function replaceDates(value: unknown, depth: number): unknown {
  if (value instanceof Date) return dateToIso(value);
  if (depth > MAX_JSON_DEPTH || typeof value !== "object" || value === null || isBinary(value)) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const replaced = replaceDates(item, depth + 1);
      if (replaced !== item) {
        copy ??= value.slice();
        copy[i] = replaced;
      }
    });
    return copy ?? value;
  }
  let copy: PlainObject | undefined;
  for (const [key, item] of Object.entries(value)) {
    const replaced = replaceDates(item, depth + 1);
    if (replaced !== item) {
      copy ??= { ...(value as PlainObject) };
      setOwn(copy, key, replaced);
    }
  }
  return copy ?? value;
}
