import { MappingEvalError } from "../errors";

/** Moment-style format tokens, longest first so `YYYY` wins over `YY` and `MMMM` over `MM`. */
export const FORMAT_TOKENS = [
  "YYYY",
  "YY",
  "MMMM",
  "MMM",
  "MM",
  "M",
  "Do",
  "DD",
  "D",
  "dddd",
  "ddd",
  "d",
  "E",
  "HH",
  "H",
  "hh",
  "h",
  "mm",
  "m",
  "ss",
  "s",
  "SSS",
  "SS",
  "S",
  "A",
  "a",
  "ZZ",
  "Z",
  "X",
  "x",
  "Q",
] as const;

export type FormatToken = (typeof FORMAT_TOKENS)[number];

export type FormatPiece = { token: FormatToken } | { literal: string };

const MAX_FORMAT_LENGTH = 1000;

/** Splits a format into tokens and literal text; `[text]` is always literal. */
export function splitFormat(format: string): FormatPiece[] {
  const pieces: FormatPiece[] = [];
  let i = 0;
  if (format.length > MAX_FORMAT_LENGTH) throw new MappingEvalError(`Date format is longer than ${MAX_FORMAT_LENGTH} characters`);
  const input = format;
  outer: while (i < input.length) {
    if (input[i] === "[") {
      const close = input.indexOf("]", i + 1);
      if (close > i) {
        pieces.push({ literal: input.slice(i + 1, close) });
        i = close + 1;
        continue;
      }
    }
    for (const token of FORMAT_TOKENS) {
      if (input.startsWith(token, i)) {
        pieces.push({ token });
        i += token.length;
        continue outer;
      }
    }
    const last = pieces[pieces.length - 1];
    if (last && "literal" in last) last.literal += input[i];
    else pieces.push({ literal: input[i] });
    i++;
  }
  return pieces;
}
