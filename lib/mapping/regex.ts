/**
 * Regular expressions written by scenario authors, run with guards. JavaScript regexes backtrack and
 * cannot be interrupted, so we cap pattern and input sizes and refuse the classic catastrophic shape:
 * a repeated group that itself contains an unbounded repetition, such as `(a+)+` or `(\w*\s?)*`.
 */
import { MappingEvalError } from "./errors";
import { MAX_REGEX_INPUT, MAX_REGEX_PATTERN, MAX_RESULT_CHARS } from "./limits";

const REGEX_LITERAL = /^\/([\s\S]+)\/([a-z]*)$/;
const ALLOWED_FLAGS = /^(?!.*(.).*\1)[gimsu]*$/;

/** `"/ab+c/gi"` → a RegExp; undefined when the text is not written as a regex literal. */
export function regexFromLiteral(text: string, fn: string): RegExp | undefined {
  const match = REGEX_LITERAL.exec(text);
  if (!match) return undefined;
  const [, pattern, flags] = match;
  if (!ALLOWED_FLAGS.test(flags)) throw new MappingEvalError(`Unsupported regular expression flags "${flags}"`, fn);
  return compileGuarded(pattern, flags, fn);
}

export function compileGuarded(pattern: string, flags: string, fn: string): RegExp {
  if (pattern.length > MAX_REGEX_PATTERN) {
    throw new MappingEvalError(`Regular expression is longer than ${MAX_REGEX_PATTERN} characters`, fn);
  }
  if (hasNestedRepetition(pattern)) {
    throw new MappingEvalError(
      "Regular expression repeats a group that already repeats (like (a+)+); it could run for a very long time",
      fn,
    );
  }
  try {
    return new RegExp(pattern, flags);
  } catch (error) {
    throw new MappingEvalError(`Invalid regular expression: ${(error as Error).message}`, fn);
  }
}

export function checkRegexInput(text: string, fn: string): void {
  if (text.length > MAX_REGEX_INPUT) {
    throw new MappingEvalError(`Text is longer than ${MAX_REGEX_INPUT} characters for a regular expression`, fn);
  }
}

/** True when a group repeated without bound contains an unbounded repetition (or a backreference). */
export function hasNestedRepetition(pattern: string): boolean {
  const groupHasRepeat: boolean[] = [];
  let repeatInside = false;
  let i = 0;
  /** `*`, `+`, `{n,}` and `{n,m}` with m > 1 let the engine try many lengths. */
  const unboundedQuantifierAt = (at: number): boolean => {
    const c = pattern[at];
    if (c === "*" || c === "+") return true;
    if (c !== "{") return false;
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at, at + 24));
    return m !== null && m[2] !== undefined && (m[3] === "" || Number(m[3]) > 1);
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "\\") {
      if (/[1-9k]/.test(pattern[i + 1] ?? "")) repeatInside = true;
      i += 2;
      continue;
    }
    if (c === "[") {
      i++;
      if (pattern[i] === "]") i++;
      while (i < pattern.length && pattern[i] !== "]") i += pattern[i] === "\\" ? 2 : 1;
      i++;
      continue;
    }
    if (c === "(") {
      groupHasRepeat.push(repeatInside);
      repeatInside = false;
      i++;
      continue;
    }
    if (c === ")") {
      const inner = repeatInside;
      repeatInside = groupHasRepeat.pop() ?? false;
      i++;
      const repeated = unboundedQuantifierAt(i);
      if (inner && repeated) return true;
      if (inner || repeated) repeatInside = true;
      continue;
    }
    if (unboundedQuantifierAt(i)) repeatInside = true;
    i++;
  }
  return false;
}

/**
 * String.replace with a budget: the replacement is expanded by us (`$1`, `$<name>`, `$&`, `$$`) so the
 * output can be counted while it grows, rather than after a gigabyte was allocated.
 */
export function replaceBounded(text: string, search: RegExp | string, replacement: string, fn: string): string {
  let produced = text.length;
  const grow = (piece: string, matched: string) => {
    produced += piece.length - matched.length;
    if (produced > MAX_RESULT_CHARS) throw new MappingEvalError(`Text result is larger than ${MAX_RESULT_CHARS} characters`, fn);
    return piece;
  };
  if (typeof search === "string") {
    if (search === "") return text;
    let out = "";
    let from = 0;
    for (let at = text.indexOf(search); at !== -1; at = text.indexOf(search, from)) {
      out += text.slice(from, at) + grow(replacement, search);
      from = at + search.length;
    }
    return out + text.slice(from);
  }
  return text.replace(search, (...matchArgs: unknown[]) => {
    const matched = matchArgs[0] as string;
    const last = matchArgs[matchArgs.length - 1];
    const hasNamed = typeof last === "object" && last !== null;
    const named = hasNamed ? (last as Record<string, string | undefined>) : undefined;
    const groupCount = matchArgs.length - (hasNamed ? 4 : 3);
    const groups = matchArgs.slice(1, 1 + groupCount) as Array<string | undefined>;
    return grow(expandReplacement(replacement, matched, groups, named), matched);
  });
}

function expandReplacement(
  template: string,
  matched: string,
  groups: ReadonlyArray<string | undefined>,
  named: Record<string, string | undefined> | undefined,
): string {
  return template.replace(/\$(\$|&|<([^>]*)>|(\d\d?))/g, (whole, token: string, name?: string, digits?: string) => {
    if (token === "$") return "$";
    if (token === "&") return matched;
    if (name !== undefined) return named ? (named[name] ?? "") : whole;
    if (digits !== undefined) {
      const two = Number(digits);
      if (digits.length === 2 && two >= 1 && two <= groups.length) return groups[two - 1] ?? "";
      const one = Number(digits[0]);
      if (one >= 1 && one <= groups.length) return (groups[one - 1] ?? "") + digits.slice(1);
      return whole;
    }
    return whole;
  });
}
