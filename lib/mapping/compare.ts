/** Equality and order between mapping values, as `=`, `<`, `contains`, `sort` and friends use them. */
import { WalkBudget } from "./budget";
import { MappingEvalError } from "./errors";
import { MAX_JSON_DEPTH } from "./json";
import { getOwn, isPlainObject } from "./objects";
import { asNumber, describe } from "./values";

/** `=`: numbers match numeric text, booleans match "true"/"false", collections compare by content. */
export function looseEquals(
  a: unknown,
  b: unknown,
  dateOf: (v: unknown) => Date | undefined,
  budget: WalkBudget = new WalkBudget(),
): boolean {
  return equalsWithin(a, b, dateOf, budget, 0);
}

function equalsWithin(
  a: unknown,
  b: unknown,
  dateOf: (v: unknown) => Date | undefined,
  budget: WalkBudget,
  depth: number,
): boolean {
  budget.step();
  if (a === b) return true;
  if (a === undefined || a === null || b === undefined || b === null) return (a ?? null) === (b ?? null);
  if (a instanceof Date || b instanceof Date) {
    const da = dateOf(a);
    const db = dateOf(b);
    return da !== undefined && db !== undefined && da.getTime() === db.getTime();
  }
  if (typeof a === "number" || typeof b === "number") {
    const na = asNumber(a);
    const nb = asNumber(b);
    return na !== undefined && nb !== undefined && na === nb;
  }
  if (typeof a === "boolean" || typeof b === "boolean") return String(a) === String(b);
  if (depth > MAX_JSON_DEPTH) throw new MappingEvalError("Value is nested too deeply");
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => equalsWithin(item, b[i], dateOf, budget, depth + 1));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keysA = Object.keys(a);
    if (keysA.length !== Object.keys(b).length) return false;
    return keysA.every((key) => equalsWithin(a[key], getOwn(b, key), dateOf, budget, depth + 1));
  }
  return false;
}

/**
 * Order for `< > <= >=` and sorting: numbers (and numeric text against numbers) numerically, dates by
 * time, text by code unit. Undefined when either side is empty (the comparison is then false).
 */
export function compareOrder(a: unknown, b: unknown, dateOf: (v: unknown) => Date | undefined): number | undefined {
  if (a === undefined || a === null || b === undefined || b === null) return undefined;
  if (a instanceof Date || b instanceof Date) {
    const da = dateOf(a);
    const db = dateOf(b);
    if (!da || !db) throw new MappingEvalError(`Cannot compare ${describe(a)} with ${describe(b)}`);
    return da.getTime() - db.getTime();
  }
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  const na = typeof a === "boolean" ? Number(a) : asNumber(a);
  const nb = typeof b === "boolean" ? Number(b) : asNumber(b);
  if (na === undefined || nb === undefined) throw new MappingEvalError(`Cannot compare ${describe(a)} with ${describe(b)}`);
  return na - nb;
}
