/**
 * Tokens of the text between `{{` and `}}`. Lexing is on demand (`lexToken(source, pos)`) because
 * the parser switches modes: after `1.` it reads a path key, where `DE:Color` or `2nd` are one key,
 * not an identifier followed by other tokens.
 */
import { MappingSyntaxError } from "./errors";

export type Punctuator =
  | "("
  | ")"
  | "["
  | "]"
  | ";"
  | "."
  | "+"
  | "-"
  | "*"
  | "/"
  | "%"
  | "="
  | "!="
  | "<"
  | ">"
  | "<="
  | ">="
  | "&&"
  | "||"
  | "!"
  | "}}";

export type Token =
  | { kind: "number"; value: number; integer: boolean; start: number; end: number }
  | { kind: "string"; value: string; start: number; end: number }
  | { kind: "identifier"; name: string; start: number; end: number }
  /** `and`, `or`, `not` are words but behave like `&&`, `||`, `!`. */
  | { kind: "word-operator"; name: "and" | "or" | "not"; start: number; end: number }
  | { kind: "punctuator"; value: Punctuator; start: number; end: number }
  /** A character that starts no token; the parser reports what it expected instead. */
  | { kind: "invalid"; text: string; start: number; end: number }
  | { kind: "end"; start: number; end: number };

const TWO_CHAR: readonly Punctuator[] = ["!=", "<=", ">=", "&&", "||", "}}"];
const ONE_CHAR = new Set<string>(["(", ")", "[", "]", ";", ".", "+", "-", "*", "/", "%", "=", "<", ">", "!"]);

const NUMBER = /\d+(\.\d+)?([eE][+-]?\d+)?/y;
const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*/y;
/** Characters allowed in an unquoted path key: identifier characters plus `:` (Workfront `DE:Field`),
 *  `@` and `#` (XML attributes and text nodes), and any Unicode letter or digit. */
const PATH_KEY = /[\p{L}\p{N}_$:@#]+/uy;

export function skipWhitespace(source: string, pos: number): number {
  while (pos < source.length) {
    const c = source.charCodeAt(pos);
    if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
    else break;
  }
  return pos;
}

export function lexToken(source: string, from: number): Token {
  const start = skipWhitespace(source, from);
  if (start >= source.length) return { kind: "end", start, end: start };
  const c = source[start];

  if (c >= "0" && c <= "9") {
    NUMBER.lastIndex = start;
    const match = NUMBER.exec(source);
    const text = match ? match[0] : c;
    return {
      kind: "number",
      value: Number(text),
      integer: match !== null && match[1] === undefined && match[2] === undefined,
      start,
      end: start + text.length,
    };
  }
  if (c === '"') return lexString(source, start);
  IDENTIFIER.lastIndex = start;
  const word = IDENTIFIER.exec(source);
  if (word) {
    const name = word[0];
    const end = start + name.length;
    if (name === "and" || name === "or" || name === "not") return { kind: "word-operator", name, start, end };
    return { kind: "identifier", name, start, end };
  }
  const two = source.slice(start, start + 2);
  for (const p of TWO_CHAR) {
    if (two === p) return { kind: "punctuator", value: p, start, end: start + 2 };
  }
  if (ONE_CHAR.has(c)) return { kind: "punctuator", value: c as Punctuator, start, end: start + 1 };
  const codePoint = source.codePointAt(start) ?? 0;
  const text = String.fromCodePoint(codePoint);
  return { kind: "invalid", text, start, end: start + text.length };
}

const STRING_ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", n: "\n", r: "\r", t: "\t" };

/** Double-quoted string. Unknown escapes such as `\d` stay as written so regex patterns read naturally. */
function lexString(source: string, start: number): Token {
  let value = "";
  let pos = start + 1;
  while (pos < source.length) {
    const c = source[pos];
    if (c === '"') return { kind: "string", value, start, end: pos + 1 };
    if (c === "\\" && pos + 1 < source.length) {
      const next = source[pos + 1];
      value += STRING_ESCAPES[next] ?? c + next;
      pos += 2;
      continue;
    }
    value += c;
    pos++;
  }
  throw new MappingSyntaxError('closing """', source.length);
}

export interface PathKey {
  name: string;
  quoted: boolean;
  start: number;
  end: number;
}

/** Reads the key right after a `.` in a reference; undefined when none starts at `pos`. */
export function lexPathKey(source: string, pos: number): PathKey | undefined {
  if (source[pos] === "`") return lexBacktickKey(source, pos);
  PATH_KEY.lastIndex = pos;
  const match = PATH_KEY.exec(source);
  if (!match) return undefined;
  return { name: match[0], quoted: false, start: pos, end: pos + match[0].length };
}

/** `` `First Name` ``; inside, "\`" is a backtick and "\\" a backslash, other characters are literal. */
function lexBacktickKey(source: string, start: number): PathKey {
  let name = "";
  let pos = start + 1;
  while (pos < source.length) {
    const c = source[pos];
    if (c === "`") return { name, quoted: true, start, end: pos + 1 };
    if (c === "\\" && (source[pos + 1] === "`" || source[pos + 1] === "\\")) {
      name += source[pos + 1];
      pos += 2;
      continue;
    }
    name += c;
    pos++;
  }
  throw new MappingSyntaxError("closing \"`\"", source.length);
}

const BARE_KEY = /^[\p{L}\p{N}_$:@#]+$/u;

/** How a path key is written back: bare when the tokenizer would read it back whole, else backticks. */
export function formatPathKey(name: string): string {
  if (BARE_KEY.test(name)) return name;
  return "`" + name.replace(/[\\`]/g, (c) => "\\" + c) + "`";
}

export function describeToken(token: Token): string {
  switch (token.kind) {
    case "end":
      return "end of text";
    case "number":
    case "string":
    case "identifier":
    case "word-operator":
    case "punctuator":
    case "invalid": {
      const text = tokenText(token);
      return JSON.stringify(text.length > 40 ? text.slice(0, 40) + "…" : text);
    }
  }
}

function tokenText(token: Exclude<Token, { kind: "end" }>): string {
  switch (token.kind) {
    case "number":
      return String(token.value);
    case "string":
      return token.value;
    case "identifier":
    case "word-operator":
      return token.name;
    case "punctuator":
      return token.value;
    case "invalid":
      return token.text;
  }
}
