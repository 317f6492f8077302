/**
 * JSON with bounds. Shared sub-arrays can make a value's text exponentially larger than the value in
 * memory, and bundles can be huge, so JSON.stringify's own time and memory cannot be trusted here.
 */
import { WalkBudget } from "./budget";
import { MappingEvalError } from "./errors";
import { MAX_RESULT_CHARS } from "./limits";
import { isBinary, type PlainObject } from "./objects";

export const MAX_JSON_DEPTH = 1000;

/**
 * JSON text with a size cap, counted while writing: shared sub-arrays can make the text exponentially
 * larger than the value in memory, so JSON.stringify's own time and memory can't be trusted.
 */
export function toJson(value: unknown, limit = MAX_RESULT_CHARS, budget: WalkBudget = new WalkBudget()): string {
  let size = 0;
  const ancestors = new Set<object>();
  const count = (text: string): string => {
    size += text.length;
    if (size > limit) throw new MappingEvalError(`Text result is larger than ${limit} characters`);
    return text;
  };
  const visit = (v: unknown, depth: number): string => {
    budget.step();
    switch (typeof v) {
      case "string":
        return count(JSON.stringify(v));
      case "number":
        return count(Number.isFinite(v) ? String(v) : "null");
      case "boolean":
        return count(v ? "true" : "false");
      case "bigint":
        return count(v.toString());
      case "object":
        break;
      default:
        return count("null");
    }
    if (v === null) return count("null");
    if (v instanceof Date) return count(Number.isNaN(v.getTime()) ? "null" : JSON.stringify(v.toISOString()));
    if (isBinary(v)) return count(JSON.stringify(Buffer.from(v).toString("base64")));
    if (depth > MAX_JSON_DEPTH) throw new MappingEvalError("Value is nested too deeply");
    if (ancestors.has(v)) throw new MappingEvalError("Value contains itself");
    ancestors.add(v);
    let text: string;
    if (Array.isArray(v)) {
      count("[]");
      const items: string[] = new Array<string>(v.length);
      for (let i = 0; i < v.length; i++) {
        if (i > 0) count(",");
        items[i] = visit(v[i], depth + 1);
      }
      text = "[" + items.join(",") + "]";
    } else {
      count("{}");
      const entries: string[] = [];
      for (const key of Object.keys(v)) {
        const item = (v as PlainObject)[key];
        if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
        const name = count(JSON.stringify(key));
        count(entries.length > 0 ? ",:" : ":");
        entries.push(name + ":" + visit(item, depth + 1));
      }
      text = "{" + entries.join(",") + "}";
    }
    ancestors.delete(v);
    return text;
  };
  return visit(value, 0);
}

/**
 * Throws when value's JSON would exceed `limit` characters (escapes aside), contains itself or is
 * nested too deeply. Measures without building the text: `{{1.body}}` runs for every bundle.
 */
export function assertJsonSize(value: unknown, limit: number): void {
  const budget = new WalkBudget();
  const ancestors = new Set<object>();
  let size = 0;
  const visit = (v: unknown, depth: number): void => {
    budget.step();
    if (typeof v === "string") size += v.length + 2;
    else if (typeof v === "number") size += Number.isFinite(v) ? String(v).length : 4;
    else if (typeof v !== "object" || v === null || v instanceof Date) size += 24;
    else if (isBinary(v)) size += Math.ceil((v.byteLength * 4) / 3) + 2;
    else {
      if (depth > MAX_JSON_DEPTH) throw new MappingEvalError("Value is nested too deeply");
      if (ancestors.has(v)) throw new MappingEvalError("Value contains itself");
      ancestors.add(v);
      if (Array.isArray(v)) {
        size += 1 + v.length;
        for (const item of v) visit(item, depth + 1);
      } else {
        for (const key of Object.keys(v)) {
          size += key.length + 4;
          visit((v as PlainObject)[key], depth + 1);
        }
        size += 2;
      }
      ancestors.delete(v);
    }
    if (size > limit) throw new MappingEvalError(`Result is larger than ${limit} characters`);
  };
  visit(value, 0);
}
