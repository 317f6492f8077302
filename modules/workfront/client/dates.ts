/**
 * Workfront's date text. REST answers put a colon before the milliseconds and no colon in the offset
 * (`2020-05-18T17:00:00:000-0600`); event payloads use a dot (`2017-10-06T13:48:07.776-0600`). Neither
 * is ISO 8601 as JavaScript's Date reads it, so both are parsed here by hand.
 */
const WORKFRONT_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[:.](\d{1,3}))?(Z|[+-]\d{2}:?\d{2})$/;

/** The instant a Workfront (or ISO 8601) date-time text names, or null when it is not one. */
export function parseWorkfrontDate(text: string): Date | null {
  const match = WORKFRONT_DATE.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction = "0", zone] = match;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(fraction.padEnd(3, "0")));
  if (Number.isNaN(utc)) return null;
  if (zone === "Z") return new Date(utc);
  const digits = zone.replace(":", "");
  const offsetMinutes = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * (digits.startsWith("-") ? -1 : 1);
  return new Date(utc - offsetMinutes * 60_000);
}

/** Only Workfront's own shapes (colon or dot before exactly three digits of milliseconds, ±HHMM offset). */
const WORKFRONT_ONLY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[:.]\d{3}[+-]\d{4}$/;

export function isWorkfrontDate(value: unknown): value is string {
  return typeof value === "string" && WORKFRONT_ONLY.test(value);
}

/** `2020-05-18T17:00:00:000-0600` → `2020-05-18T23:00:00.000Z`; anything else unchanged. */
export function toIsoDate(text: string): string {
  if (!isWorkfrontDate(text)) return text;
  return parseWorkfrontDate(text)?.toISOString() ?? text;
}

/**
 * Every Workfront date text inside a value, at any depth, as ISO 8601 (UTC). Version 2 modules output
 * dates this way so mapping functions read them without a custom format; other text is left alone.
 */
export function withIsoDates<T>(value: T): T {
  if (typeof value === "string") return toIsoDate(value) as T;
  if (Array.isArray(value)) return value.map((item) => withIsoDates(item)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = withIsoDates(item);
    return out as T;
  }
  return value;
}
