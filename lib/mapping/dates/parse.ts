/**
 * Reading dates from text: Moment-style formats (parseDate) and the ISO-like forms accepted wherever a
 * date is expected, including Workfront's `2020-05-18T17:00:00:000-0600` (milliseconds after a colon).
 */
import { MappingEvalError } from "../errors";
import { monthFromName, weekdayFromName } from "./names";
import { splitFormat, type FormatToken } from "./tokens";
import { checkEpoch, daysInMonth, utcEpoch, zonedEpoch, zonedFields, type LocalFields } from "./zone";

const ISO_LIKE =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.:,](\d{1,9}))?)?)?\s?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
/** Longer text is never a date; checking first keeps the regex away from megabytes of user text. */
const MAX_DATE_TEXT = 64;

function offsetMinutes(text: string): number {
  if (text === "Z" || text === "z") return 0;
  const sign = text[0] === "-" ? -1 : 1;
  const digits = text.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4) || "0");
  if (hours > 23 || minutes > 59) throw new MappingEvalError(`Invalid UTC offset ${JSON.stringify(text)}`);
  return sign * (hours * 60 + minutes);
}

function fractionToMs(digits: string): number {
  return Math.min(999, Math.round(Number(`0.${digits}`) * 1000));
}

function assertValidFields(f: LocalFields, text: string): void {
  const valid =
    f.month >= 1 &&
    f.month <= 12 &&
    f.day >= 1 &&
    f.day <= daysInMonth(f.year, f.month) &&
    f.hour >= 0 &&
    f.hour <= 23 &&
    f.minute >= 0 &&
    f.minute <= 59 &&
    f.second >= 0 &&
    f.second <= 59;
  if (!valid) throw new MappingEvalError(`Invalid date ${JSON.stringify(text.slice(0, 60))}`);
}

/** Epoch ms for ISO-like text, or undefined when the text is not in that form. No offset = `timeZone`. */
export function parseIsoLike(text: string, timeZone: string): number | undefined {
  if (text.length > MAX_DATE_TEXT * 4) return undefined;
  const trimmed = text.trim();
  if (trimmed.length > MAX_DATE_TEXT) return undefined;
  const m = ISO_LIKE.exec(trimmed);
  if (!m) return undefined;
  const fields: LocalFields = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    millisecond: m[7] ? fractionToMs(m[7]) : 0,
  };
  assertValidFields(fields, text);
  if (m[8] !== undefined) return checkEpoch(utcEpoch(fields) - offsetMinutes(m[8]) * 60000);
  return zonedEpoch(fields, timeZone);
}

const TOKEN_PATTERNS: Partial<Record<FormatToken, RegExp>> = {
  YYYY: /[+-]?\d{1,6}/y,
  YY: /\d{2}/y,
  MMMM: /[A-Za-z]+/y,
  MMM: /[A-Za-z]+/y,
  MM: /\d{1,2}/y,
  M: /\d{1,2}/y,
  Do: /(\d{1,2})(?:st|nd|rd|th)/iy,
  DD: /\d{1,2}/y,
  D: /\d{1,2}/y,
  dddd: /[A-Za-z]+/y,
  ddd: /[A-Za-z]+/y,
  d: /[0-6]/y,
  E: /[1-7]/y,
  HH: /\d{1,2}/y,
  H: /\d{1,2}/y,
  hh: /\d{1,2}/y,
  h: /\d{1,2}/y,
  mm: /\d{1,2}/y,
  m: /\d{1,2}/y,
  ss: /\d{1,2}/y,
  s: /\d{1,2}/y,
  SSS: /\d{1,9}/y,
  SS: /\d{1,9}/y,
  S: /\d{1,9}/y,
  A: /[AaPp][Mm]/y,
  a: /[AaPp][Mm]/y,
  ZZ: /Z|z|[+-]\d{2}:?\d{2}/y,
  Z: /Z|z|[+-]\d{2}:?\d{2}/y,
  X: /-?\d{1,12}(\.\d+)?/y,
  x: /-?\d{1,15}/y,
  Q: /[1-4]/y,
};

interface Parsed {
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
  meridiem?: "am" | "pm";
  offset?: number;
  epoch?: number;
}

function apply(token: FormatToken, text: string, match: RegExpExecArray, into: Parsed): void {
  switch (token) {
    case "YYYY":
      into.year = Number(text);
      return;
    case "YY": {
      const yy = Number(text);
      into.year = yy > 68 ? 1900 + yy : 2000 + yy;
      return;
    }
    case "MMMM":
    case "MMM": {
      const month = monthFromName(text);
      if (month === undefined) throw new MappingEvalError(`Unknown month name ${JSON.stringify(text)}`);
      into.month = month;
      return;
    }
    case "MM":
    case "M":
      into.month = Number(text);
      return;
    case "Do":
      into.day = Number(match[1]);
      return;
    case "DD":
    case "D":
      into.day = Number(text);
      return;
    case "dddd":
    case "ddd":
      if (weekdayFromName(text) === undefined) throw new MappingEvalError(`Unknown weekday name ${JSON.stringify(text)}`);
      return;
    case "d":
    case "E":
    case "Q":
      return;
    case "HH":
    case "H":
    case "hh":
    case "h":
      into.hour = Number(text);
      return;
    case "mm":
    case "m":
      into.minute = Number(text);
      return;
    case "ss":
    case "s":
      into.second = Number(text);
      return;
    case "SSS":
    case "SS":
    case "S":
      into.millisecond = fractionToMs(text);
      return;
    case "A":
    case "a":
      into.meridiem = text.toLowerCase() === "am" ? "am" : "pm";
      return;
    case "ZZ":
    case "Z":
      into.offset = offsetMinutes(text);
      return;
    case "X":
      into.epoch = Math.round(Number(text) * 1000);
      return;
    case "x":
      into.epoch = Number(text);
      return;
  }
}

const SEPARATOR = /[\s\-/.,:_T]/;

/**
 * Parses `text` laid out as `format`. Separators are forgiving (any of `- / . , : _ T` or a space matches
 * another), other literal text must match. Missing parts follow Moment: no year/month/day at all means
 * today in `timeZone`; otherwise the parts after the first given one default to January and the 1st.
 */
export function parseWithFormat(text: string, format: string, timeZone: string, now: number): number {
  if (text.length > 1000) throw new MappingEvalError("Text is too long to be a date");
  const parsed: Parsed = {};
  let pos = 0;
  const fail = (): never => {
    throw new MappingEvalError(`Text ${JSON.stringify(text.slice(0, 60))} does not match the format ${JSON.stringify(format.slice(0, 60))}`);
  };
  for (const piece of splitFormat(format)) {
    if ("literal" in piece) {
      for (const char of piece.literal) {
        const actual = text[pos];
        if (actual === char || (actual !== undefined && SEPARATOR.test(char) && SEPARATOR.test(actual))) pos++;
        else if (/\s/.test(char)) continue;
        else fail();
      }
      continue;
    }
    const pattern = TOKEN_PATTERNS[piece.token];
    if (!pattern) continue;
    pattern.lastIndex = pos;
    const match = pattern.exec(text);
    if (!match) fail();
    else {
      apply(piece.token, match[0], match, parsed);
      pos += match[0].length;
    }
  }
  if (text.slice(pos).trim() !== "") fail();
  return resolveParsed(parsed, text, timeZone, now);
}

function resolveParsed(parsed: Parsed, text: string, timeZone: string, now: number): number {
  if (parsed.epoch !== undefined) return checkEpoch(parsed.epoch);
  const today = zonedFields(now, timeZone);
  const dateParts = [parsed.year, parsed.month, parsed.day];
  const firstGiven = dateParts.findIndex((part) => part !== undefined);
  const defaults = [today.year, today.month, today.day];
  const [year, month, day] = dateParts.map((part, i) => {
    if (part !== undefined) return part;
    if (firstGiven < 0 || i < firstGiven) return defaults[i];
    return 1;
  });
  let hour = parsed.hour ?? 0;
  if (parsed.meridiem !== undefined) {
    if (hour < 1 || hour > 12) throw new MappingEvalError(`Invalid 12-hour time in ${JSON.stringify(text.slice(0, 60))}`);
    hour = (hour % 12) + (parsed.meridiem === "pm" ? 12 : 0);
  }
  const fields: LocalFields = {
    year,
    month,
    day,
    hour,
    minute: parsed.minute ?? 0,
    second: parsed.second ?? 0,
    millisecond: parsed.millisecond ?? 0,
  };
  assertValidFields(fields, text);
  if (parsed.offset !== undefined) return checkEpoch(utcEpoch(fields) - parsed.offset * 60000);
  return zonedEpoch(fields, timeZone);
}
