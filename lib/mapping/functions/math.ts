import { MappingEvalError } from "../errors";
import { checkNumber, describe, toInteger, toNumber, toText } from "../values";
import { eager, type FunctionTable } from "./types";

/**
 * Half away from zero at `decimals` places. The tiny nudge absorbs binary representation error so
 * that 1.005 rounds to 1.01, as a person expects, rather than to 1.00.
 */
export function roundHalfAwayFromZero(n: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(Math.abs(n) * factor * (1 + Number.EPSILON)) / factor;
  return checkNumber(Math.sign(n) * rounded) || 0;
}

/** Arguments given one by one or as arrays; empty values are skipped. */
function numbersOf(args: unknown[]): number[] {
  return args
    .flatMap((arg) => (Array.isArray(arg) ? arg : [arg]))
    .filter((value) => value !== undefined && value !== null && value !== "")
    .map(toNumber);
}

function decimalsArg(value: unknown, min: number, max: number): number {
  const decimals = value === undefined ? 0 : toInteger(value, "Decimals");
  if (decimals < min || decimals > max) throw new MappingEvalError(`Decimals must be between ${min} and ${max}`);
  return decimals;
}

const THOUSANDS_CANDIDATES = /[\s,.'’\u00a0\u202f]/g;

export const mathFunctions: FunctionTable = {
  round: eager(([n, decimals]) => roundHalfAwayFromZero(toNumber(n), decimalsArg(decimals, -15, 15))),
  ceil: eager(([n]) => Math.ceil(toNumber(n))),
  floor: eager(([n]) => Math.floor(toNumber(n))),
  abs: eager(([n]) => Math.abs(toNumber(n))),

  min: eager((args) => {
    const numbers = numbersOf(args);
    return numbers.length === 0 ? undefined : numbers.reduce((a, b) => Math.min(a, b));
  }),
  max: eager((args) => {
    const numbers = numbersOf(args);
    return numbers.length === 0 ? undefined : numbers.reduce((a, b) => Math.max(a, b));
  }),
  sum: eager((args) => checkNumber(numbersOf(args).reduce((total, n) => total + n, 0))),
  average: eager((args) => {
    const numbers = numbersOf(args);
    if (numbers.length === 0) return undefined;
    return checkNumber(numbers.reduce((total, n) => total + n, 0) / numbers.length);
  }),

  /** "1 234,5" with "," → 1234.5: every other separator-like character is a thousands separator. */
  parseNumber: eager(([text, decimalSeparator]) => {
    if (typeof text === "number") return text;
    if (text === undefined || text === null || text === "") return undefined;
    const separator = decimalSeparator === undefined ? "." : toText(decimalSeparator);
    if (separator.length !== 1) throw new MappingEvalError("Decimal separator must be one character");
    const raw = toText(text).trim();
    const cleaned = raw
      .split(separator)
      .map((part) => part.replace(THOUSANDS_CANDIDATES, ""))
      .join(".");
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(cleaned)) {
      throw new MappingEvalError(`Cannot read ${describe(raw)} as a number`);
    }
    return checkNumber(Number(cleaned));
  }),

  /** Fusion's defaults: "," before decimals and "." between thousands. */
  formatNumber: eager(([n, decimals, decimalSeparator, thousandsSeparator]) => {
    const places = decimalsArg(decimals, 0, 20);
    const value = roundHalfAwayFromZero(toNumber(n), places);
    const [whole, fraction] = Math.abs(value).toFixed(places).split(".");
    const groups = toText(thousandsSeparator === undefined ? "." : thousandsSeparator);
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, groups);
    const sign = value < 0 ? "-" : "";
    const point = toText(decimalSeparator === undefined ? "," : decimalSeparator);
    return sign + grouped + (fraction === undefined ? "" : point + fraction);
  }),

  random: eager(() => Math.random()),
};
