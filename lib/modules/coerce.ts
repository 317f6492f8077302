import type { NumberField, SelectField } from "./field-spec";
import { isStaticSelect } from "./field-spec";
import { isPlainObject } from "./json";

/**
 * Fusion-style coercion of one primitive value, shared by the save-time check (is this literal usable?)
 * and the run-time validator (make it usable). Each returns the coerced value or an issue text that
 * completes "Field “Label” (path) …".
 */
export type Coerced<T> = { ok: true; value: T } | { ok: false; problem: string };

const ok = <T>(value: T): Coerced<T> => ({ ok: true, value });
const fail = (problem: string): Coerced<never> => ({ ok: false, problem });

export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (isPlainObject(value)) return "a collection";
  if (typeof value === "string") return `“${value.length > 40 ? `${value.slice(0, 40)}…` : value}”`;
  return String(value);
}

export function coerceText(value: unknown, maxLength?: number): Coerced<string> {
  let text: string;
  if (typeof value === "string") text = value;
  else if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean" || typeof value === "bigint") {
    text = String(value);
  } else if (value instanceof Date && !Number.isNaN(value.getTime())) text = value.toISOString();
  else return fail(`expects text, got ${describeValue(value)}`);
  if (maxLength !== undefined && text.length > maxLength) return fail(`is longer than ${maxLength} characters`);
  return ok(text);
}

export function coerceNumber(value: unknown, field?: Pick<NumberField, "min" | "max" | "integer">): Coerced<number> {
  let n: number;
  if (typeof value === "number") n = value;
  else if (typeof value === "string" && value.trim() !== "") n = Number(value.trim());
  else return fail(`expects a number, got ${describeValue(value)}`);
  if (!Number.isFinite(n)) return fail(`expects a number, got ${describeValue(value)}`);
  if (field?.integer && !Number.isInteger(n)) return fail(`expects a whole number, got ${n}`);
  if (field?.min !== undefined && n < field.min) return fail(`must be at least ${field.min}, got ${n}`);
  if (field?.max !== undefined && n > field.max) return fail(`must be at most ${field.max}, got ${n}`);
  return ok(n);
}

const TRUE_TEXT = new Set(["true", "1", "yes"]);
const FALSE_TEXT = new Set(["false", "0", "no"]);

export function coerceBoolean(value: unknown): Coerced<boolean> {
  if (typeof value === "boolean") return ok(value);
  if (value === 1 || value === 0) return ok(value === 1);
  if (typeof value === "string") {
    const t = value.trim().toLowerCase();
    if (TRUE_TEXT.has(t)) return ok(true);
    if (FALSE_TEXT.has(t)) return ok(false);
  }
  return fail(`expects true or false, got ${describeValue(value)}`);
}

/** Parses what Fusion accepts as a date: a Date, epoch milliseconds, or ISO-like text. */
export function toDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === "number") return Number.isFinite(value) ? new Date(value) : null;
  if (typeof value === "string" && value.trim() !== "") {
    const t = value.trim();
    const d = /^-?\d+$/.test(t) ? new Date(Number(t)) : new Date(t);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

export function coerceDate(value: unknown): Coerced<string> {
  const d = toDate(value);
  return d ? ok(d.toISOString()) : fail(`expects a date, got ${describeValue(value)}`);
}

export function coerceSelect(value: unknown, field: SelectField): Coerced<string | string[]> {
  if (field.multiple) {
    const items = Array.isArray(value) ? value : [value];
    const out: string[] = [];
    for (const item of items) {
      const one = coerceOneOption(item, field);
      if (!one.ok) return one;
      out.push(one.value);
    }
    return ok(out);
  }
  return coerceOneOption(value, field);
}

function coerceOneOption(value: unknown, field: SelectField): Coerced<string> {
  const text = coerceText(value);
  if (!text.ok) return fail(`expects one of the options, got ${describeValue(value)}`);
  if (isStaticSelect(field) && !field.options.some((o) => o.value === text.value)) {
    const allowed = field.options.map((o) => `“${o.value}”`).join(", ");
    return fail(`must be one of ${allowed}, got ${describeValue(value)}`);
  }
  return ok(text.value);
}
