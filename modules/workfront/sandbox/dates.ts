/**
 * Workfront date formats. REST answers use a colon before the milliseconds and no colon in the offset
 * (`2020-05-18T17:00:00:000-0600`); event payloads use a dot (`2017-10-06T13:48:07.776-0600`). The offset
 * is the customer's time zone, so DST changes it just as in a real tenant.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes east of UTC for `timeZone` at instant `ms`. */
export function offsetMinutes(ms: number, timeZone: string): number {
  const name = offsetFormatter(timeZone).formatToParts(new Date(ms)).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{1,2})(?::?(\d{2}))?/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function format(ms: number, timeZone: string, msSeparator: ":" | "."): string {
  const offset = offsetMinutes(ms, timeZone);
  const local = new Date(ms + offset * 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${msSeparator}${pad(local.getUTCMilliseconds(), 3)}${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}

/** REST format: `2020-05-18T17:00:00:000-0600`. */
export function formatRestDate(date: Date, timeZone: string): string {
  return format(date.getTime(), timeZone, ":");
}

/** Event-subscription payload format: `2017-10-06T13:48:07.776-0600`. */
export function formatEventDate(date: Date, timeZone: string): string {
  return format(date.getTime(), timeZone, ".");
}

/** Subscription resource dates: UTC, no zone, microseconds (`2024-04-11T17:10:10.305981`). */
export function formatSubscriptionDate(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000`;
}

/** The UTC instant of a wall-clock time in `timeZone` (two passes settle DST edges). */
export function zonedToUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, msec: number, timeZone: string): number {
  const guess = Date.UTC(y, mo, d, h, mi, s, msec);
  let utc = guess - offsetMinutes(guess, timeZone) * 60_000;
  const second = guess - offsetMinutes(utc, timeZone) * 60_000;
  if (second !== utc) utc = second;
  return utc;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[:.](\d{1,3}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;
const WILDCARD_RE = /^\$\$(NOW|TODAY)((?:[+-]\d+[hdwmy])*)$/i;

/**
 * Date input as filters and writes accept it: Workfront's own format, true ISO 8601
 * (`2020-05-13T18:18:37.255Z`, which the docs use in filters), a bare date (midnight in the customer's
 * zone), or the `$$NOW` / `$$TODAY` wildcards with arithmetic (`$$TODAY-7d`, `$$NOW+2h`, `$$TODAY+1m`).
 */
export function parseDateInput(input: string, timeZone: string, now: Date): Date | null {
  const text = input.trim();
  const wildcard = WILDCARD_RE.exec(text);
  if (wildcard) return applyWildcard(wildcard[1].toUpperCase() as "NOW" | "TODAY", wildcard[2], timeZone, now);
  const match = DATE_RE.exec(text);
  if (!match) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0", zone] = match;
  const msec = Number(frac.padEnd(3, "0"));
  if (zone) {
    const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), msec);
    if (zone === "Z") return new Date(base);
    const digits = zone.replace(":", "");
    const offset = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * (digits[0] === "-" ? -1 : 1);
    return new Date(base - offset * 60_000);
  }
  const date = new Date(zonedToUtc(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), msec, timeZone));
  return Number.isNaN(date.getTime()) ? null : date;
}

function applyWildcard(kind: "NOW" | "TODAY", arithmetic: string, timeZone: string, now: Date): Date {
  const offset = offsetMinutes(now.getTime(), timeZone);
  const local = new Date(now.getTime() + offset * 60_000);
  const parts = {
    y: local.getUTCFullYear(),
    mo: local.getUTCMonth(),
    d: local.getUTCDate(),
    h: kind === "NOW" ? local.getUTCHours() : 0,
    mi: kind === "NOW" ? local.getUTCMinutes() : 0,
    s: kind === "NOW" ? local.getUTCSeconds() : 0,
    ms: kind === "NOW" ? local.getUTCMilliseconds() : 0,
  };
  for (const step of arithmetic.matchAll(/([+-]\d+)([hdwmy])/gi)) {
    const n = Number(step[1]);
    const unit = step[2].toLowerCase();
    if (unit === "h") parts.h += n;
    else if (unit === "d") parts.d += n;
    else if (unit === "w") parts.d += 7 * n;
    else if (unit === "m") parts.mo += n;
    else parts.y += n;
  }
  // Date.UTC normalises overflowing months/days/hours, so calendar arithmetic stays in local time.
  const normal = new Date(Date.UTC(parts.y, parts.mo, parts.d, parts.h, parts.mi, parts.s, parts.ms));
  return new Date(
    zonedToUtc(
      normal.getUTCFullYear(),
      normal.getUTCMonth(),
      normal.getUTCDate(),
      normal.getUTCHours(),
      normal.getUTCMinutes(),
      normal.getUTCSeconds(),
      normal.getUTCMilliseconds(),
      timeZone,
    ),
  );
}
