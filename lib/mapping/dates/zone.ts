/**
 * Wall-clock arithmetic in IANA time zones with nothing but Intl.DateTimeFormat.
 * An instant is epoch milliseconds; "local fields" are what a clock in the zone shows.
 */
import { MappingEvalError } from "../errors";

export interface LocalFields {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export interface ZonedFields extends LocalFields {
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** Minutes east of UTC, e.g. 120 for Paris in summer (rounded: old local mean times had seconds). */
  offsetMinutes: number;
  /** The exact offset in milliseconds. */
  offsetMs: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        era: "short",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      throw new MappingEvalError(`Unknown time zone ${JSON.stringify(timeZone)}`);
    }
    if (formatters.size > 500) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function assertTimeZone(timeZone: unknown): string {
  if (typeof timeZone !== "string" || timeZone === "") throw new MappingEvalError("Time zone must be an IANA name such as \"Europe/Paris\"");
  formatterFor(timeZone);
  return timeZone;
}

/** Epoch ms of the given fields read as UTC; fields may overflow (month 13, day 0) and roll over. */
export function utcEpoch(fields: LocalFields): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  date.setUTCHours(fields.hour, fields.minute, fields.second, fields.millisecond);
  return date.getTime();
}

function utcFields(epoch: number): ZonedFields {
  const d = new Date(epoch);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    offsetMinutes: 0,
    offsetMs: 0,
  };
}

export function checkEpoch(epoch: number): number {
  if (!Number.isFinite(epoch) || Math.abs(epoch) > 8.64e15) throw new MappingEvalError("Date is out of range");
  return epoch;
}

export function zonedFields(epoch: number, timeZone: string): ZonedFields {
  checkEpoch(epoch);
  if (timeZone === "UTC" || timeZone === "Etc/UTC") return utcFields(epoch);
  const parts = formatterFor(timeZone).formatToParts(new Date(epoch));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const era = parts.find((p) => p.type === "era")?.value;
  const yearOfEra = get("year");
  const local: LocalFields = {
    year: era === "BC" || era === "B" ? 1 - yearOfEra : yearOfEra,
    month: get("month"),
    day: get("day"),
    hour: get("hour") % 24,
    minute: get("minute"),
    second: get("second"),
    millisecond: ((epoch % 1000) + 1000) % 1000,
  };
  const asUtc = utcEpoch(local);
  return {
    ...local,
    weekday: new Date(asUtc).getUTCDay(),
    offsetMinutes: Math.round((asUtc - epoch) / 60000),
    offsetMs: asUtc - epoch,
  };
}

function offsetAt(epoch: number, timeZone: string): number {
  return zonedFields(epoch, timeZone).offsetMs;
}

const DAY_MS = 86_400_000;

/**
 * The instant a clock in `timeZone` shows `fields`. Like Moment: a time skipped by a DST jump moves
 * forward by the jump (02:30 → 03:30), a time that happens twice resolves to the first occurrence.
 */
export function zonedEpoch(fields: LocalFields, timeZone: string): number {
  const asUtc = checkEpoch(utcEpoch(fields));
  if (timeZone === "UTC" || timeZone === "Etc/UTC") return asUtc;
  const before = offsetAt(asUtc - DAY_MS, timeZone);
  const after = offsetAt(asUtc + DAY_MS, timeZone);
  const valid = [before, after]
    .map((offset) => asUtc - offset)
    .filter((epoch) => offsetAt(epoch, timeZone) === asUtc - epoch);
  if (valid.length > 0) return Math.min(...valid);
  return asUtc - before;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcEpoch({ year, month: month + 1, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0 })).getUTCDate();
}
