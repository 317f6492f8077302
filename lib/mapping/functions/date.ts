/**
 * Date functions. Calendar steps (days, months, "start of", setters) happen on the wall clock of the
 * time zone, so adding a day across a DST change keeps 09:00 at 09:00; steps of hours and smaller are
 * exact durations.
 */
import { dateFromEpoch, toDate } from "../dates/coerce";
import { formatInZone } from "../dates/format";
import { monthFromName, weekdayFromName } from "../dates/names";
import { parseWithFormat } from "../dates/parse";
import { assertTimeZone, daysInMonth, utcEpoch, zonedEpoch, zonedFields, type LocalFields } from "../dates/zone";
import { MappingEvalError } from "../errors";
import { toInteger, toNumber, toText } from "../values";
import { eager, type FunctionEnv, type FunctionTable } from "./types";

type Unit = "milliseconds" | "seconds" | "minutes" | "hours" | "days" | "weeks" | "months" | "years";

const UNIT_ALIASES: Record<string, Unit> = {
  ms: "milliseconds",
  millisecond: "milliseconds",
  milliseconds: "milliseconds",
  s: "seconds",
  second: "seconds",
  seconds: "seconds",
  m: "minutes",
  minute: "minutes",
  minutes: "minutes",
  h: "hours",
  hour: "hours",
  hours: "hours",
  d: "days",
  day: "days",
  days: "days",
  w: "weeks",
  week: "weeks",
  weeks: "weeks",
  M: "months",
  month: "months",
  months: "months",
  y: "years",
  year: "years",
  years: "years",
};

const UNIT_MS: Partial<Record<Unit, number>> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
};

function timeZoneArg(value: unknown, env: FunctionEnv): string {
  return value === undefined || value === null || value === "" ? env.timezone : assertTimeZone(value);
}

function local(date: Date, tz: string): LocalFields & { weekday: number } {
  return zonedFields(date.getTime(), tz);
}

function atLocal(fields: LocalFields, tz: string): Date {
  return dateFromEpoch(zonedEpoch(fields, tz));
}

function addMonthsLocal(date: Date, months: number, tz: string): Date {
  const f = local(date, tz);
  const monthIndex = f.year * 12 + (f.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return atLocal({ ...f, year, month, day: Math.min(f.day, daysInMonth(year, month)) }, tz);
}

function addDaysLocal(date: Date, days: number, tz: string): Date {
  const f = local(date, tz);
  return atLocal({ ...f, day: f.day + days }, tz);
}

function durationAdder(unitMs: number) {
  return eager(([date, amount], env) =>
    dateFromEpoch(toDate(date, env.timezone).getTime() + Math.round(toNumber(amount) * unitMs)),
  );
}

function wholeAmount(amount: unknown): number {
  const n = toNumber(amount);
  if (!Number.isFinite(n) || Math.abs(n) > 1e7) throw new MappingEvalError("Amount is out of range");
  return Math.round(n);
}

/** A setter of one wall-clock field; values out of range roll over into the next field, like Fusion. */
function setter(field: "second" | "minute" | "hour" | "day" | "year") {
  return eager(([date, value], env) => {
    const f = local(toDate(date, env.timezone), env.timezone);
    const n = toInteger(value, "Value");
    if (Math.abs(n) > 1e7) throw new MappingEvalError("Value is out of range");
    const next = { ...f, [field]: n };
    if (field === "year") next.day = Math.min(f.day, daysInMonth(n, f.month));
    return atLocal(next, env.timezone);
  });
}

/** 1 = Sunday … 7 = Saturday (Fusion's numbering), or an English day name. */
function weekdayArg(value: unknown): number {
  if (typeof value === "string" && !/^\s*-?\d+\s*$/.test(value)) {
    const weekday = weekdayFromName(value.trim());
    if (weekday === undefined) throw new MappingEvalError(`Unknown day name ${JSON.stringify(value)}`);
    return weekday + 1;
  }
  const n = toInteger(value, "Day");
  if (Math.abs(n) > 1e6) throw new MappingEvalError("Day is out of range");
  return n;
}

function monthArg(value: unknown): number {
  if (typeof value === "string" && !/^\s*-?\d+\s*$/.test(value)) {
    const month = monthFromName(value.trim());
    if (month === undefined) throw new MappingEvalError(`Unknown month name ${JSON.stringify(value)}`);
    return month;
  }
  const n = toInteger(value, "Month");
  if (Math.abs(n) > 1e6) throw new MappingEvalError("Month is out of range");
  return n;
}

type Period = "day" | "week" | "month" | "year";

function startOf(date: Date, period: Period, tz: string, firstWeekday = 1): Date {
  const f = local(date, tz);
  const midnight = { ...f, hour: 0, minute: 0, second: 0, millisecond: 0 };
  switch (period) {
    case "day":
      return atLocal(midnight, tz);
    case "week": {
      const back = (f.weekday - (firstWeekday - 1) + 7) % 7;
      return atLocal({ ...midnight, day: f.day - back }, tz);
    }
    case "month":
      return atLocal({ ...midnight, day: 1 }, tz);
    case "year":
      return atLocal({ ...midnight, month: 1, day: 1 }, tz);
  }
}

function endOf(date: Date, period: Period, tz: string, firstWeekday = 1): Date {
  const start = startOf(date, period, tz, firstWeekday);
  const next =
    period === "day"
      ? addDaysLocal(start, 1, tz)
      : period === "week"
        ? addDaysLocal(start, 7, tz)
        : addMonthsLocal(start, period === "month" ? 1 : 12, tz);
  return dateFromEpoch(next.getTime() - 1);
}

function firstWeekdayArg(value: unknown): number {
  if (value === undefined) return 1;
  const day = weekdayArg(value);
  if (day < 1 || day > 7) throw new MappingEvalError("First day of the week must be 1 (Sunday) to 7 (Saturday)");
  return day;
}

/** Milliseconds since the epoch as the wall clock reads, so that days are counted in calendar days. */
function wallMs(date: Date, tz: string): number {
  return utcEpoch(local(date, tz));
}

/**
 * Moment's month difference, `a − b` in months with the fraction of the month in progress. It anchors
 * on the date with the later day of the month so that Jan 31 → Feb 28 counts as one whole month.
 */
function monthDifference(a: Date, b: Date, tz: string): number {
  const fa = local(a, tz);
  const fb = local(b, tz);
  if (fa.day < fb.day) return -monthDifference(b, a, tz);
  const whole = (fb.year - fa.year) * 12 + (fb.month - fa.month);
  const anchor = addMonthsLocal(a, whole, tz).getTime();
  const target = b.getTime();
  let adjust: number;
  if (target - anchor < 0) {
    const previous = addMonthsLocal(a, whole - 1, tz).getTime();
    adjust = (target - anchor) / (anchor - previous);
  } else {
    const following = addMonthsLocal(a, whole + 1, tz).getTime();
    adjust = (target - anchor) / (following - anchor);
  }
  return -(whole + adjust) || 0;
}

export const dateFunctions: FunctionTable = {
  today: eager((_args, env) => startOf(env.now, "day", env.timezone)),

  parseDate: eager(([text, format, tz], env) => {
    const zone = timeZoneArg(tz, env);
    if (text instanceof Date) return text;
    if (text === undefined || text === null || text === "") return undefined;
    return dateFromEpoch(parseWithFormat(toText(text), toText(format), zone, env.now.getTime()));
  }),

  formatDate: eager(([date, format, tz], env) => {
    const zone = timeZoneArg(tz, env);
    if (date === undefined || date === null || date === "") return undefined;
    return formatInZone(toDate(date, env.timezone).getTime(), toText(format), zone);
  }),

  addSeconds: durationAdder(1000),
  addMinutes: durationAdder(60_000),
  addHours: durationAdder(3_600_000),
  addDays: eager(([date, amount], env) => addDaysLocal(toDate(date, env.timezone), wholeAmount(amount), env.timezone)),
  addMonths: eager(([date, amount], env) => addMonthsLocal(toDate(date, env.timezone), wholeAmount(amount), env.timezone)),
  addYears: eager(([date, amount], env) =>
    addMonthsLocal(toDate(date, env.timezone), wholeAmount(amount) * 12, env.timezone),
  ),

  setSecond: setter("second"),
  setMinute: setter("minute"),
  setHour: setter("hour"),
  setDate: setter("day"),
  setYear: setter("year"),
  setMonth: eager(([date, value], env) => {
    const f = local(toDate(date, env.timezone), env.timezone);
    const monthIndex = f.year * 12 + monthArg(value) - 1;
    const year = Math.floor(monthIndex / 12);
    const month = monthIndex - year * 12 + 1;
    return atLocal({ ...f, year, month, day: Math.min(f.day, daysInMonth(year, month)) }, env.timezone);
  }),
  /** Within the Sunday-to-Saturday week of the date; 8 is next Sunday, 0 last Saturday. */
  setDay: eager(([date, value], env) => {
    const d = toDate(date, env.timezone);
    const f = local(d, env.timezone);
    return addDaysLocal(d, weekdayArg(value) - 1 - f.weekday, env.timezone);
  }),

  startOfDay: eager(([date], env) => startOf(toDate(date, env.timezone), "day", env.timezone)),
  startOfWeek: eager(([date, first], env) =>
    startOf(toDate(date, env.timezone), "week", env.timezone, firstWeekdayArg(first)),
  ),
  startOfMonth: eager(([date], env) => startOf(toDate(date, env.timezone), "month", env.timezone)),
  startOfYear: eager(([date], env) => startOf(toDate(date, env.timezone), "year", env.timezone)),
  endOfDay: eager(([date], env) => endOf(toDate(date, env.timezone), "day", env.timezone)),
  endOfWeek: eager(([date, first], env) => endOf(toDate(date, env.timezone), "week", env.timezone, firstWeekdayArg(first))),
  endOfMonth: eager(([date], env) => endOf(toDate(date, env.timezone), "month", env.timezone)),
  endOfYear: eager(([date], env) => endOf(toDate(date, env.timezone), "year", env.timezone)),

  /** date1 − date2 in `unit` (default milliseconds), truncated toward zero. */
  dateDifference: eager(([first, second, unitArg], env) => {
    const a = toDate(first, env.timezone);
    const b = toDate(second, env.timezone);
    const unitName = unitArg === undefined ? "milliseconds" : toText(unitArg).trim();
    const unit = UNIT_ALIASES[unitName] ?? UNIT_ALIASES[unitName.toLowerCase()];
    if (!unit) throw new MappingEvalError(`Unknown unit ${JSON.stringify(unitName)}; use milliseconds, seconds, minutes, hours, days, weeks, months or years`);
    const exact = UNIT_MS[unit];
    let difference: number;
    if (exact !== undefined) difference = (a.getTime() - b.getTime()) / exact;
    else if (unit === "days" || unit === "weeks") {
      difference = (wallMs(a, env.timezone) - wallMs(b, env.timezone)) / (unit === "days" ? 86_400_000 : 604_800_000);
    } else {
      const months = monthDifference(a, b, env.timezone);
      difference = unit === "months" ? months : months / 12;
    }
    return Math.trunc(difference) || 0;
  }),
};
