import { MappingEvalError } from "../errors";
import { describe } from "../values";
import { parseIsoLike } from "./parse";
import { checkEpoch } from "./zone";

/**
 * A date where one is expected: Dates, epoch milliseconds, or ISO-like text (no offset = `timeZone`).
 * Throws for anything else, and for ISO-like text that names no real date ("2021-02-30").
 */
export function toDate(value: unknown, timeZone: string): Date {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  if (typeof value === "number" && Number.isFinite(value) && Math.abs(value) <= 8.64e15) return new Date(value);
  if (typeof value === "string") {
    const epoch = parseIsoLike(value, timeZone);
    if (epoch !== undefined) return new Date(epoch);
  }
  throw new MappingEvalError(`Cannot use ${describe(value)} as a date`);
}

/** Like toDate, but undefined instead of an error (used by `=` and `<`, which compare anything). */
export function asDate(value: unknown, timeZone: string): Date | undefined {
  try {
    return toDate(value, timeZone);
  } catch (error) {
    if (error instanceof MappingEvalError) return undefined;
    throw error;
  }
}

export function dateFromEpoch(epoch: number): Date {
  return new Date(checkEpoch(epoch));
}
