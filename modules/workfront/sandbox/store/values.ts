import { parseDateInput } from "../dates";
import { WfError } from "../errors";
import type { FieldDef, FieldValue } from "../objects/schema";

export interface CoerceContext {
  timeZone: string;
  now: Date;
}

const INT_RE = /^-?\d+$/;
const NUMBER_RE = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function invalid(name: string, raw: unknown): WfError {
  return new WfError("invalidParameter", `Invalid value '${typeof raw === "string" ? raw : JSON.stringify(raw)}' for field ${name}`);
}

/** Quotes values the way the enum error does: `['APV']`. */
export function enumError(label: string, values: readonly unknown[]): WfError {
  return new WfError("validation", `Invalid custom enum value(s) for field '${label}': [${values.map((v) => `'${String(v)}'`).join(", ")}]`);
}

export function toNumber(raw: unknown, integer: boolean): number | undefined {
  if (typeof raw === "number" && Number.isFinite(raw)) return integer && !Number.isInteger(raw) ? undefined : raw;
  if (typeof raw === "string" && (integer ? INT_RE : NUMBER_RE).test(raw.trim())) return Number(raw.trim());
  return undefined;
}

/**
 * Turns an input (a query/form string or a JSON value) into the stored type. Query parameters are always
 * strings, so "3" for an int and "true" for a boolean must work exactly like 3 and true in a JSON body.
 */
export function coerceField(name: string, def: FieldDef, raw: unknown, ctx: CoerceContext): FieldValue {
  if (raw === null || raw === undefined) return null;
  if (raw === "" && def.type !== "string") return null;
  let value: FieldValue;
  switch (def.type) {
    case "string":
      if (typeof raw === "string") value = raw;
      else if (typeof raw === "number" || typeof raw === "boolean") value = String(raw);
      else throw invalid(name, raw);
      break;
    case "int":
    case "double": {
      const n = toNumber(raw, def.type === "int");
      if (n === undefined) throw invalid(name, raw);
      value = n;
      break;
    }
    case "boolean":
      if (typeof raw === "boolean") value = raw;
      else if (typeof raw === "string" && /^(true|false)$/i.test(raw)) value = raw.toLowerCase() === "true";
      else throw invalid(name, raw);
      break;
    case "dateTime": {
      const date = raw instanceof Date ? raw : typeof raw === "string" ? parseDateInput(raw, ctx.timeZone, ctx.now) : null;
      if (!date) throw invalid(name, raw);
      value = date;
      break;
    }
    case "string[]":
      if (Array.isArray(raw) && raw.every((item) => typeof item === "string")) value = raw;
      else if (typeof raw === "string") value = raw.split(",").filter(Boolean);
      else throw invalid(name, raw);
      break;
  }
  if (def.options && value !== null && !def.options.some((option) => option.value === value)) throw enumError(def.label, [value]);
  return value;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  return (a ?? null) === (b ?? null);
}
