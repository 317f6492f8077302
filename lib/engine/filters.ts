import { toDate } from "@/lib/modules/coerce";
import { isPlainObject } from "@/lib/modules/json";
import type { EngineFilter } from "./blueprint";

/**
 * Link filters, with Fusion's operator codes. A condition compares `a` (usually mapped) with `b`;
 * a filter holds when any OR group has all of its AND conditions true.
 */
export type OperatorType = "basic" | "text" | "number" | "date" | "boolean" | "array";

export interface FilterOperator {
  code: string;
  label: string;
  type: OperatorType;
  /** Whether the condition has a second operand. */
  takesB: boolean;
}

export class FilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FilterError";
  }
}

type Test = (a: unknown, b: unknown) => boolean;

interface OperatorEntry extends FilterOperator {
  test: Test;
}

const entries: OperatorEntry[] = [];
const add = (code: string, label: string, type: OperatorType, takesB: boolean, test: Test) =>
  entries.push({ code, label, type, takesB, test });

// ---- basic ----
const exists = (v: unknown) => v !== undefined && v !== null && v !== "";
add("exist", "Exists", "basic", false, (a) => exists(a));
add("notexist", "Does not exist", "basic", false, (a) => !exists(a));

// ---- text (each with a case-insensitive `:ci` variant) ----
function toText(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return v;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v) || isPlainObject(v)) return JSON.stringify(v);
  return String(v);
}

function pattern(source: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new FilterError(`“${source}” is not a valid pattern: ${(error as Error).message}`);
  }
}

const textOps: Array<[string, string, (a: string, b: string, ci: boolean) => boolean]> = [
  ["equal", "Equal to", (a, b) => a === b],
  ["notequal", "Not equal to", (a, b) => a !== b],
  ["contain", "Contains", (a, b) => a.includes(b)],
  ["notcontain", "Does not contain", (a, b) => !a.includes(b)],
  ["startwith", "Starts with", (a, b) => a.startsWith(b)],
  ["notstartwith", "Does not start with", (a, b) => !a.startsWith(b)],
  ["endwith", "Ends with", (a, b) => a.endsWith(b)],
  ["notendwith", "Does not end with", (a, b) => !a.endsWith(b)],
  ["pattern", "Matches pattern", (a, b, ci) => pattern(b, ci ? "i" : "").test(a)],
  ["notpattern", "Does not match pattern", (a, b, ci) => !pattern(b, ci ? "i" : "").test(a)],
];
for (const [name, label, test] of textOps) {
  add(`text:${name}`, label, "text", true, (a, b) => test(toText(a), toText(b), false));
  // Patterns get the `i` flag rather than lower-casing, which would change what \W or [A-Z] mean.
  const isPattern = name.endsWith("pattern");
  add(`text:${name}:ci`, `${label} (case insensitive)`, "text", true, (a, b) =>
    isPattern ? test(toText(a), toText(b), true) : test(toText(a).toLowerCase(), toText(b).toLowerCase(), true),
  );
}

// ---- numbers: a side that is not a number fails the condition, whatever the operator ----
function toNumber(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function numeric(compare: (a: number, b: number) => boolean): Test {
  return (a, b) => {
    const x = toNumber(a);
    const y = toNumber(b);
    return x !== null && y !== null && compare(x, y);
  };
}

const comparisons: Array<[string, string, (a: number, b: number) => boolean]> = [
  ["equal", "Equal to", (a, b) => a === b],
  ["notequal", "Not equal to", (a, b) => a !== b],
  ["greater", "Greater than", (a, b) => a > b],
  ["less", "Less than", (a, b) => a < b],
  ["greaterorequal", "Greater than or equal to", (a, b) => a >= b],
  ["lessorequal", "Less than or equal to", (a, b) => a <= b],
];
for (const [name, label, compare] of comparisons) add(`number:${name}`, label, "number", true, numeric(compare));

// ---- dates: compared as instants; text that is not a date fails the condition ----
function dated(compare: (a: number, b: number) => boolean): Test {
  return (a, b) => {
    const x = toDate(a);
    const y = toDate(b);
    return x !== null && y !== null && compare(x.getTime(), y.getTime());
  };
}
add("date:equal", "Equal to", "date", true, dated((a, b) => a === b));
add("date:notequal", "Not equal to", "date", true, dated((a, b) => a !== b));
add("date:after", "Later than", "date", true, dated((a, b) => a > b));
add("date:before", "Earlier than", "date", true, dated((a, b) => a < b));
add("date:afterorequal", "Later than or equal to", "date", true, dated((a, b) => a >= b));
add("date:beforeorequal", "Earlier than or equal to", "date", true, dated((a, b) => a <= b));

// ---- booleans ----
function toBoolean(v: unknown): boolean | null {
  if (typeof v === "boolean") return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === "string") {
    const t = v.trim().toLowerCase();
    if (t === "true" || t === "1") return true;
    if (t === "false" || t === "0") return false;
  }
  return null;
}
add("boolean:equal", "Equal to", "boolean", true, (a, b) => toBoolean(a) !== null && toBoolean(a) === toBoolean(b));
add("boolean:notequal", "Not equal to", "boolean", true, (a, b) => toBoolean(a) !== null && toBoolean(b) !== null && toBoolean(a) !== toBoolean(b));

// ---- arrays: a missing value is an empty array, a single value an array of one ----
function toArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function sameItem(item: unknown, b: unknown, ci: boolean): boolean {
  const primitive = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);
  if (primitive(item) && primitive(b)) {
    return ci ? toText(item).toLowerCase() === toText(b).toLowerCase() : toText(item) === toText(b);
  }
  return JSON.stringify(item) === JSON.stringify(b);
}

add("array:contain", "Contains", "array", true, (a, b) => toArray(a).some((i) => sameItem(i, b, false)));
add("array:contain:ci", "Contains (case insensitive)", "array", true, (a, b) => toArray(a).some((i) => sameItem(i, b, true)));
add("array:notcontain", "Does not contain", "array", true, (a, b) => !toArray(a).some((i) => sameItem(i, b, false)));
add("array:notcontain:ci", "Does not contain (case insensitive)", "array", true, (a, b) => !toArray(a).some((i) => sameItem(i, b, true)));
for (const [name, label, compare] of comparisons) {
  add(`array:length:${name}`, `Length ${label.toLowerCase()}`, "array", true, (a, b) => {
    const n = toNumber(b);
    return n !== null && compare(toArray(a).length, n);
  });
}

/** Codes found in Make/Fusion exports for what we name after/before; accepted on import. */
export const OPERATOR_ALIASES: Readonly<Record<string, string>> = {
  "date:greater": "date:after",
  "date:less": "date:before",
  "date:greaterorequal": "date:afterorequal",
  "date:lessorequal": "date:beforeorequal",
};

/** The catalog for the editor's condition builder. */
export const FILTER_OPERATORS: readonly FilterOperator[] = entries.map(({ code, label, type, takesB }) => ({ code, label, type, takesB }));

const byCode = new Map(entries.map((e) => [e.code, e]));
const catalogByCode = new Map(FILTER_OPERATORS.map((o) => [o.code, o]));

export function findOperator(code: string): FilterOperator | undefined {
  return catalogByCode.get(OPERATOR_ALIASES[code] ?? code);
}

export function testCondition(op: string, a: unknown, b: unknown): boolean {
  const entry = byCode.get(OPERATOR_ALIASES[op] ?? op);
  if (!entry) throw new FilterError(`Unknown filter operator “${op}”.`);
  return entry.test(a, b);
}

/**
 * OR over groups, AND within a group; evaluation stops at the first deciding condition, so a later
 * condition that cannot be evaluated does not matter once the outcome is known. No conditions = pass.
 */
export function filterPasses(filter: EngineFilter, evaluate: (operand: unknown) => unknown): boolean {
  if (filter.conditions.length === 0) return true;
  return filter.conditions.some((group) =>
    group.every((condition) => {
      const op = findOperator(condition.op);
      return testCondition(condition.op, evaluate(condition.a), op?.takesB ? evaluate(condition.b) : undefined);
    }),
  );
}
