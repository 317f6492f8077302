/**
 * What the editor lists: every function with its category, Fusion-style signature and arity.
 * Kept apart from the implementations (which use node:crypto) so the browser can import it.
 */
import type { FunctionCategory, FunctionInfo } from "./types";

const ANY = Number.POSITIVE_INFINITY;

type Entry = [name: string, signature: string, minArgs: number, maxArgs: number, description: string];

function group(category: FunctionCategory, entries: Entry[]): FunctionInfo[] {
  return entries.map(([name, signature, minArgs, maxArgs, description]) => ({
    name,
    category,
    signature,
    description,
    minArgs,
    maxArgs,
  }));
}

export const functionCatalog: readonly FunctionInfo[] = Object.freeze([
  ...group("general", [
    ["if", "if(condition; value1; value2)", 3, 3, "value1 when the condition is true, otherwise value2. Only the chosen value is evaluated."],
    ["ifempty", "ifempty(value1; value2)", 2, 2, "value1 unless it is empty (nothing, empty text or an empty array), otherwise value2."],
    ["switch", "switch(expression; value1; result1; [value2; result2; …]; [else])", 3, ANY, "The result paired with the first value equal to the expression; the else value (or nothing) when none matches."],
    ["get", "get(collection or array; path)", 2, 2, 'The value at a path such as "items[1].name" or "items.1.name" (positions are 1-based).'],
    ["pick", "pick(collection; key1; [key2; …])", 2, ANY, "A collection with only the given keys. Keys may also be given as an array."],
    ["omit", "omit(collection; key1; [key2; …])", 2, ANY, "A collection without the given keys. Keys may also be given as an array."],
  ]),
  ...group("text", [
    ["lower", "lower(text)", 1, 1, "The text in lower case."],
    ["upper", "upper(text)", 1, 1, "The text in upper case."],
    ["capitalize", "capitalize(text)", 1, 1, "The text with its first character in upper case."],
    ["trim", "trim(text)", 1, 1, "The text without leading and trailing white space."],
    ["replace", "replace(text; search; replacement)", 3, 3, 'Replaces every occurrence of search. A search written "/pattern/flags" is a regular expression; the replacement may use $1, $<name> and $&.'],
    ["substring", "substring(text; start; [end])", 2, 3, "The characters from position start up to, not including, end (positions start at 0)."],
    ["indexOf", "indexOf(text; value; [start])", 2, 3, "Position of the first occurrence of value (from 0), or -1."],
    ["length", "length(text or array)", 1, 1, "Number of characters of a text, or items of an array."],
    ["split", "split(text; separator)", 2, 2, "The parts of the text between separators, as an array."],
    ["contains", "contains(text or array; value)", 2, 2, "Whether the text contains the value, or the array has an item equal to it."],
    ["startsWith", "startsWith(text; value)", 2, 2, "Whether the text starts with the value."],
    ["endsWith", "endsWith(text; value)", 2, 2, "Whether the text ends with the value."],
    ["toString", "toString(value)", 1, 1, "The value as text (collections and arrays as JSON, dates as ISO 8601)."],
    ["padStart", "padStart(text; length; [pad])", 2, 3, "The text padded at the start with pad (a space by default) to the given length."],
    ["padEnd", "padEnd(text; length; [pad])", 2, 3, "The text padded at the end with pad (a space by default) to the given length."],
  ]),
  ...group("math", [
    ["round", "round(number; [decimals])", 1, 2, "The number rounded half away from zero to the given decimals (0 by default)."],
    ["ceil", "ceil(number)", 1, 1, "The smallest integer not less than the number."],
    ["floor", "floor(number)", 1, 1, "The largest integer not greater than the number."],
    ["abs", "abs(number)", 1, 1, "The absolute value."],
    ["min", "min(number1; [number2; …])", 1, ANY, "The smallest of the numbers (arrays are expanded)."],
    ["max", "max(number1; [number2; …])", 1, ANY, "The largest of the numbers (arrays are expanded)."],
    ["sum", "sum(number1; [number2; …])", 1, ANY, "The sum of the numbers, or of one array of numbers."],
    ["average", "average(number1; [number2; …])", 1, ANY, "The average of the numbers (arrays are expanded)."],
    ["parseNumber", "parseNumber(text; [decimal separator])", 1, 2, 'The number in a text such as "1,234.5", or "1.234,5" with "," as the decimal separator.'],
    ["formatNumber", "formatNumber(number; decimals; [decimal separator]; [thousands separator])", 2, 4, 'The number as text with fixed decimals. Separators default to "," (decimals) and "." (thousands), as in Fusion.'],
    ["random", "random()", 0, 0, "A random number from 0 (included) to 1 (excluded). Also the keyword random."],
  ]),
  ...group("date", [
    ["today", "today()", 0, 0, "Midnight today in the scenario's time zone. Also the keyword today."],
    ["parseDate", "parseDate(text; format; [timezone])", 2, 3, 'Reads a date from text laid out as format (e.g. "DD/MM/YYYY HH:mm"). Without an offset in the text, the time zone (the scenario\'s by default) applies.'],
    ["formatDate", "formatDate(date; format; [timezone])", 2, 3, 'The date as text, e.g. formatDate(now; "YYYY-MM-DD HH:mm"), as a clock in the time zone shows it.'],
    ["addSeconds", "addSeconds(date; number)", 2, 2, "The date plus the seconds (negative to subtract)."],
    ["addMinutes", "addMinutes(date; number)", 2, 2, "The date plus the minutes."],
    ["addHours", "addHours(date; number)", 2, 2, "The date plus the hours."],
    ["addDays", "addDays(date; number)", 2, 2, "The date plus whole days; the clock time is kept across daylight-saving changes."],
    ["addMonths", "addMonths(date; number)", 2, 2, "The date plus whole months; Jan 31 + 1 month is the last day of February."],
    ["addYears", "addYears(date; number)", 2, 2, "The date plus whole years."],
    ["setSecond", "setSecond(date; number)", 2, 2, "The date with the seconds set (0–59; other values roll over)."],
    ["setMinute", "setMinute(date; number)", 2, 2, "The date with the minutes set (0–59; other values roll over)."],
    ["setHour", "setHour(date; number)", 2, 2, "The date with the hour set (0–23; other values roll over)."],
    ["setDay", "setDay(date; number or name)", 2, 2, 'The date moved to a day of its Sunday-to-Saturday week: 1 = Sunday … 7 = Saturday, or a name such as "Monday".'],
    ["setDate", "setDate(date; number)", 2, 2, "The date with the day of the month set (1–31; other values roll over)."],
    ["setMonth", "setMonth(date; number or name)", 2, 2, 'The date with the month set: 1–12 or a name such as "March".'],
    ["setYear", "setYear(date; number)", 2, 2, "The date with the year set."],
    ["startOfDay", "startOfDay(date)", 1, 1, "Midnight at the start of the date's day."],
    ["startOfWeek", "startOfWeek(date; [first day])", 1, 2, "Midnight at the start of the week; weeks start on Sunday unless first day says otherwise (1 = Sunday … 7, or a name)."],
    ["startOfMonth", "startOfMonth(date)", 1, 1, "Midnight on the 1st of the date's month."],
    ["startOfYear", "startOfYear(date)", 1, 1, "Midnight on January 1st of the date's year."],
    ["endOfDay", "endOfDay(date)", 1, 1, "The last millisecond of the date's day."],
    ["endOfWeek", "endOfWeek(date; [first day])", 1, 2, "The last millisecond of the date's week."],
    ["endOfMonth", "endOfMonth(date)", 1, 1, "The last millisecond of the date's month."],
    ["endOfYear", "endOfYear(date)", 1, 1, "The last millisecond of the date's year."],
    ["dateDifference", "dateDifference(date1; date2; [unit])", 2, 3, "date1 − date2 in milliseconds, seconds, minutes, hours, days, weeks, months or years (milliseconds by default), truncated toward zero."],
  ]),
  ...group("array", [
    ["map", "map(array; key; [filter key]; [filter values])", 2, 4, 'The value of key in every item; with a filter, only items whose filter key is one of the comma-separated filter values.'],
    ["first", "first(array)", 1, 1, "The first item."],
    ["last", "last(array)", 1, 1, "The last item."],
    ["join", "join(array; separator)", 2, 2, "The items as one text, separated by separator."],
    ["slice", "slice(array; start; [end])", 2, 3, "The items from position start up to, not including, end (positions start at 0; negative counts from the end)."],
    ["merge", "merge(array1; array2; …)", 1, ANY, "One array with the items of all arrays, in order."],
    ["distinct", "distinct(array; [key])", 1, 2, "The array without duplicates (by the value of key in each item, if given); the first one is kept."],
    ["sort", "sort(array; [order]; [key])", 1, 3, 'The items sorted: order "asc" (default), "desc", "asc ci" or "desc ci" (case-insensitive); key sorts collections by a field.'],
    ["reverse", "reverse(array)", 1, 1, "The items in reverse order."],
    ["flatten", "flatten(array; [depth])", 1, 2, "Items of nested arrays pulled up into one array, depth levels deep (1 by default)."],
    ["keys", "keys(collection)", 1, 1, "The keys of a collection, as an array."],
    ["values", "values(collection)", 1, 1, "The values of a collection, as an array."],
    ["toCollection", "toCollection(array; key field; value field)", 3, 3, "A collection built from an array of items: each item's key field becomes a key, its value field the value."],
    ["add", "add(array; value1; [value2; …])", 2, ANY, "The array with the values added at the end."],
    ["remove", "remove(array; value1; [value2; …])", 2, ANY, "The array without items equal to any of the values."],
  ]),
  ...group("encoding", [
    ["base64", "base64(text)", 1, 1, "The text (UTF-8) encoded as base64."],
    ["decodeBase64", "decodeBase64(text)", 1, 1, "Base64 decoded back to text (UTF-8)."],
    ["encodeURL", "encodeURL(text)", 1, 1, "The text encoded for use in a URL (query values, path segments)."],
    ["decodeURL", "decodeURL(text)", 1, 1, "URL-encoded text decoded."],
    ["md5", "md5(text; [encoding])", 1, 2, 'MD5 hash of the text, "hex" (default) or "base64".'],
    ["sha1", "sha1(text; [encoding])", 1, 2, 'SHA-1 hash of the text, "hex" (default) or "base64".'],
    ["sha256", "sha256(text; [encoding])", 1, 2, 'SHA-256 hash of the text, "hex" (default) or "base64".'],
    ["sha512", "sha512(text; [encoding])", 1, 2, 'SHA-512 hash of the text, "hex" (default) or "base64".'],
    ["hmac", "hmac(text; key; [algorithm]; [encoding])", 2, 4, 'HMAC signature of the text with the key: algorithm md5, sha1, sha256 (default) or sha512; encoding "hex" (default) or "base64".'],
    ["escapeHTML", "escapeHTML(text)", 1, 1, "The text with & < > \" ' escaped for HTML."],
    ["stripHTML", "stripHTML(text)", 1, 1, "The text without HTML tags and comments."],
    ["uuid", "uuid()", 0, 0, "A new random UUID (version 4)."],
  ]),
]);

const byName = new Map(functionCatalog.map((info) => [info.name, info]));

export function functionInfo(name: string): FunctionInfo | undefined {
  return byName.get(name);
}

export interface KeywordInfo {
  name: string;
  description: string;
}

/** Built-in names usable without parentheses. */
export const keywordCatalog: readonly KeywordInfo[] = Object.freeze([
  { name: "now", description: "The current date and time (fixed for the whole run)." },
  { name: "today", description: "Midnight today in the scenario's time zone." },
  { name: "timestamp", description: "The current Unix time in seconds." },
  { name: "random", description: "A random number from 0 (included) to 1 (excluded)." },
  { name: "pi", description: "π, 3.14159…" },
  { name: "emptyarray", description: "An empty array." },
  { name: "emptystring", description: "Empty text." },
  { name: "true", description: "Yes." },
  { name: "false", description: "No." },
  { name: "null", description: "No value." },
  { name: "executionId", description: "The id of this run (also executionID)." },
  { name: "scenarioId", description: "The id of the scenario (also scenarioID)." },
  { name: "scenarioName", description: "The name of the scenario." },
]);
