/**
 * How mapping values convert: to text, numbers, arrays and collections, and what counts as empty.
 * sometimes Dates or binary), so every walk over nested data is budgeted: a bundle can be huge or share
 * sub-arrays many times over, and one expression must not turn that into minutes of work.
 */
import { MappingEvalError } from "./errors";
import { toJson } from "./json";
import { MAX_ARRAY_ITEMS, MAX_RESULT_CHARS } from "./limits";
import { isBinary, isPlainObject, type PlainObject } from "./objects";

export { WalkBudget } from "./budget";
export { toJson } from "./json";
export { getOwn, isBinary, isPlainObject, setOwn, type PlainObject } from "./objects";

/** Fusion's "empty": no value, empty text or an empty array. */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

/** Conditions (`if`, `and`, `or`, `not`): empty values, `false`, `0` and the text "false" are false. */
export function isTruthy(value: unknown): boolean {
  if (isEmpty(value) || value === false || value === "false") return false;
  if (typeof value === "number") return value !== 0 && !Number.isNaN(value);
  return true;
}

export function describe(value: unknown): string {
  if (value === undefined) return "an empty value";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return "a date";
  if (Array.isArray(value)) return "an array";
  if (isBinary(value)) return "binary data";
  return "a collection";
}

/** Call before building text whose final length is known, so the oversized string is never allocated. */
export function checkTextLength(length: number): void {
  if (length > MAX_RESULT_CHARS) throw new MappingEvalError(`Text result is larger than ${MAX_RESULT_CHARS} characters`);
}

export function checkTextSize(text: string): string {
  checkTextLength(text.length);
  return text;
}

export function checkArraySize(length: number): void {
  if (length > MAX_ARRAY_ITEMS) throw new MappingEvalError(`Array result has more than ${MAX_ARRAY_ITEMS} items`);
}

/** Text for interpolation and text functions: nothing → "", dates → ISO, collections → JSON. */
export function toText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return dateToIso(value);
  if (isBinary(value)) return Buffer.from(value).toString("utf8");
  return toJson(value);
}

export function dateToIso(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new MappingEvalError("Invalid date");
  return date.toISOString();
}

const NUMERIC_TEXT = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Number for arithmetic: numbers, numeric text and booleans. Empty values count as 0 so that an
 *  optional numeric field that is missing does not break a sum. */
export function toNumber(value: unknown): number {
  if (typeof value === "number") {
    if (Number.isNaN(value)) throw new MappingEvalError("Not a number");
    return value;
  }
  if (value === undefined || value === null || value === "") return 0;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && NUMERIC_TEXT.test(value)) return Number(value);
  if (value instanceof Date) return value.getTime();
  throw new MappingEvalError(`Cannot use ${describe(value)} as a number`);
}

/** Numeric text or a number as a number; undefined for anything else (no error). */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === "number" && !Number.isNaN(value)) return value;
  if (typeof value === "string" && NUMERIC_TEXT.test(value)) return Number(value);
  return undefined;
}

export function toInteger(value: unknown, what: string): number {
  const n = toNumber(value);
  if (!Number.isFinite(n)) throw new MappingEvalError(`${what} must be a finite number`);
  return Math.trunc(n);
}

export function checkNumber(n: number): number {
  if (!Number.isFinite(n)) throw new MappingEvalError(Number.isNaN(n) ? "Result is not a number" : "Result is infinite");
  return n;
}

/** Array arguments: arrays as they are, nothing as an empty array, anything else is an error. */
export function toArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null) return [];
  throw new MappingEvalError(`Expected an array, got ${describe(value)}`);
}

export function toCollection(value: unknown): PlainObject {
  if (isPlainObject(value)) return value;
  if (value === undefined || value === null) return {};
  throw new MappingEvalError(`Expected a collection, got ${describe(value)}`);
}

