import { MONTH_NAMES, WEEKDAY_NAMES } from "./names";
import { splitFormat, type FormatToken } from "./tokens";
import { zonedFields, type ZonedFields } from "./zone";

const pad = (n: number, width: number) => {
  const sign = n < 0 ? "-" : "";
  return sign + String(Math.abs(n)).padStart(width, "0");
};

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return n + (["th", "st", "nd", "rd"][n % 10] ?? "th");
}

function offset(minutes: number, separator: string): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return sign + pad(Math.floor(abs / 60), 2) + separator + pad(abs % 60, 2);
}

function renderToken(token: FormatToken, f: ZonedFields, epoch: number): string {
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  switch (token) {
    case "YYYY":
      return f.year >= 0 && f.year <= 9999 ? pad(f.year, 4) : (f.year < 0 ? "-" : "+") + pad(Math.abs(f.year), 6);
    case "YY":
      return pad(((f.year % 100) + 100) % 100, 2);
    case "MMMM":
      return MONTH_NAMES[f.month - 1];
    case "MMM":
      return MONTH_NAMES[f.month - 1].slice(0, 3);
    case "MM":
      return pad(f.month, 2);
    case "M":
      return String(f.month);
    case "Do":
      return ordinal(f.day);
    case "DD":
      return pad(f.day, 2);
    case "D":
      return String(f.day);
    case "dddd":
      return WEEKDAY_NAMES[f.weekday];
    case "ddd":
      return WEEKDAY_NAMES[f.weekday].slice(0, 3);
    case "d":
      return String(f.weekday);
    case "E":
      return String(f.weekday === 0 ? 7 : f.weekday);
    case "HH":
      return pad(f.hour, 2);
    case "H":
      return String(f.hour);
    case "hh":
      return pad(hour12, 2);
    case "h":
      return String(hour12);
    case "mm":
      return pad(f.minute, 2);
    case "m":
      return String(f.minute);
    case "ss":
      return pad(f.second, 2);
    case "s":
      return String(f.second);
    case "SSS":
      return pad(f.millisecond, 3);
    case "SS":
      return pad(Math.floor(f.millisecond / 10), 2);
    case "S":
      return String(Math.floor(f.millisecond / 100));
    case "A":
      return f.hour < 12 ? "AM" : "PM";
    case "a":
      return f.hour < 12 ? "am" : "pm";
    case "ZZ":
      return offset(f.offsetMinutes, "");
    case "Z":
      return offset(f.offsetMinutes, ":");
    case "X":
      return String(Math.floor(epoch / 1000));
    case "x":
      return String(epoch);
    case "Q":
      return String(Math.ceil(f.month / 3));
  }
}

/** Moment-style formatting of an instant as a clock in `timeZone` shows it (English names). */
export function formatInZone(epoch: number, format: string, timeZone: string): string {
  const fields = zonedFields(epoch, timeZone);
  return splitFormat(format)
    .map((piece) => ("token" in piece ? renderToken(piece.token, fields, epoch) : piece.literal))
    .join("");
}
