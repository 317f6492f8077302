import { looseEquals } from "../compare";
import { asDate } from "../dates/coerce";
import { MappingEvalError } from "../errors";
import { MAX_ARRAY_ITEMS, MAX_RESULT_CHARS } from "../limits";
import { checkRegexInput, regexFromLiteral, replaceBounded } from "../regex";
import { checkArraySize, isBinary, isPlainObject, toInteger, toText } from "../values";
import { eager, type FunctionTable } from "./types";

function pad(text: string, length: unknown, filler: unknown, atStart: boolean): string {
  const target = toInteger(length, "Length");
  if (target > MAX_RESULT_CHARS) throw new MappingEvalError(`Length must be at most ${MAX_RESULT_CHARS}`);
  const fill = filler === undefined ? " " : toText(filler);
  return atStart ? text.padStart(target, fill) : text.padEnd(target, fill);
}

export const textFunctions: FunctionTable = {
  lower: eager(([text]) => toText(text).toLowerCase()),
  upper: eager(([text]) => toText(text).toUpperCase()),
  capitalize: eager(([text]) => {
    const value = toText(text);
    return value.charAt(0).toUpperCase() + value.slice(1);
  }),
  trim: eager(([text]) => toText(text).trim()),

  /** Plain search text replaces every occurrence; "/pattern/flags" is a regular expression. */
  replace: eager(([text, search, replacement]) => {
    const input = toText(text);
    const searchText = toText(search);
    const regex = regexFromLiteral(searchText, "replace");
    if (regex) checkRegexInput(input, "replace");
    return replaceBounded(input, regex ?? searchText, toText(replacement), "replace");
  }),

  substring: eager(([text, start, end]) => {
    const value = toText(text);
    return end === undefined
      ? value.substring(toInteger(start, "Start"))
      : value.substring(toInteger(start, "Start"), toInteger(end, "End"));
  }),

  indexOf: eager(([text, search, start]) =>
    toText(text).indexOf(toText(search), start === undefined ? 0 : toInteger(start, "Start")),
  ),

  length: eager(([value]) => {
    if (value === undefined || value === null) return 0;
    if (Array.isArray(value)) return value.length;
    if (isBinary(value)) return value.byteLength;
    if (isPlainObject(value)) return Object.keys(value).length;
    return toText(value).length;
  }),

  split: eager(([text, separator]) => {
    if (text === undefined || text === null || text === "") return [];
    // The limit stops split from allocating millions of parts only to have them refused.
    const parts = toText(text).split(toText(separator), MAX_ARRAY_ITEMS + 1);
    checkArraySize(parts.length);
    return parts;
  }),

  contains: eager(([haystack, needle], env) => {
    if (Array.isArray(haystack)) return haystack.some((item) => looseEquals(item, needle, (v) => asDate(v, env.timezone), env.work));
    if (haystack === undefined || haystack === null) return false;
    return toText(haystack).includes(toText(needle));
  }),

  startsWith: eager(([text, prefix]) => toText(text).startsWith(toText(prefix))),
  endsWith: eager(([text, suffix]) => toText(text).endsWith(toText(suffix))),
  toString: eager(([value]) => toText(value)),
  padStart: eager(([text, length, filler]) => pad(toText(text), length, filler, true)),
  padEnd: eager(([text, length, filler]) => pad(toText(text), length, filler, false)),
};
