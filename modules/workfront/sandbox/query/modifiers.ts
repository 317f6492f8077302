import { WfError } from "../errors";

/** Values as filters compare them: dates become epoch milliseconds. */
export type Scalar = string | number | boolean;

const lower = (v: Scalar) => String(v).toLowerCase();

function equal(a: Scalar, b: Scalar, ci: boolean): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b;
  return ci ? lower(a) === lower(b) : String(a) === String(b);
}

function order(a: Scalar, b: Scalar, ci = false): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = ci ? lower(a) : String(a);
  const y = ci ? lower(b) : String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function likeRegex(pattern: string, ci: boolean): RegExp {
  const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*").replace(/_/g, ".");
  return new RegExp(`^${body}$`, ci ? "is" : "s");
}

/** American Soundex, for the `soundex` modifier. */
export function soundex(text: string): string {
  const letters = text.toUpperCase().replace(/[^A-Z]/g, "");
  if (!letters) return "";
  const codes: Record<string, string> = { B: "1", F: "1", P: "1", V: "1", C: "2", G: "2", J: "2", K: "2", Q: "2", S: "2", X: "2", Z: "2", D: "3", T: "3", L: "4", M: "5", N: "5", R: "6" };
  let out = letters[0];
  let previous = codes[letters[0]] ?? "";
  for (const letter of letters.slice(1)) {
    const code = codes[letter] ?? "";
    if (code && code !== previous) out += code;
    if (letter !== "H" && letter !== "W") previous = code;
  }
  return out.padEnd(4, "0").slice(0, 4);
}

/** Modifiers whose value is a comma-separated list. */
export const LIST_MODIFIERS = new Set(["in", "ciin", "notin", "cinotin", "allof", "cicontainsany", "cicontainsall", "cinotcontainsany", "cinotcontainsall"]);

/** Modifiers that look only at presence, so their value is not parsed. */
export const PRESENCE_MODIFIERS = new Set(["isnull", "notnull", "isblank", "notblank", "blank"]);

const isBlank = (v: Scalar) => v === "";

/**
 * One condition. `stored` holds the non-null values at the path (several for multi-selects and
 * collections: any match counts, like an EXISTS). As in SQL, a missing value matches only the null/blank
 * modifiers and `nee` ("not equal, or empty").
 */
export function matches(modifier: string, stored: readonly Scalar[], inputs: readonly Scalar[], range: Scalar | undefined, field: string): boolean {
  const any = (test: (v: Scalar) => boolean) => stored.some(test);
  const first = inputs[0] ?? "";
  switch (modifier) {
    case "isnull":
      return stored.length === 0;
    case "notnull":
      return stored.length > 0;
    case "isblank":
    case "blank":
      return stored.every(isBlank);
    case "notblank":
      return stored.some((v) => !isBlank(v));
    case "eq":
    case "exacttime":
      return any((v) => inputs.some((i) => equal(v, i, false)));
    case "cieq":
      return any((v) => inputs.some((i) => equal(v, i, true)));
    case "ne":
      return stored.length > 0 && stored.every((v) => !inputs.some((i) => equal(v, i, false)));
    case "nee":
      return stored.every((v) => !inputs.some((i) => equal(v, i, false)));
    case "cine":
      return stored.length > 0 && stored.every((v) => !inputs.some((i) => equal(v, i, true)));
    case "gt":
      return any((v) => order(v, first) > 0);
    case "gte":
      return any((v) => order(v, first) >= 0);
    case "lt":
      return any((v) => order(v, first) < 0);
    case "lte":
      return any((v) => order(v, first) <= 0);
    case "contains":
      return any((v) => String(v).includes(String(first)));
    case "cicontains":
      return any((v) => lower(v).includes(lower(first)));
    case "notcontains":
      return stored.length > 0 && !any((v) => String(v).includes(String(first)));
    case "cinotcontains":
      return stored.length > 0 && !any((v) => lower(v).includes(lower(first)));
    case "cicontainsany":
      return inputs.some((i) => any((v) => lower(v).includes(lower(i))));
    case "cicontainsall":
      return inputs.every((i) => any((v) => lower(v).includes(lower(i))));
    case "cinotcontainsany":
      return stored.length > 0 && !inputs.some((i) => any((v) => lower(v).includes(lower(i))));
    case "cinotcontainsall":
      return stored.length > 0 && !inputs.every((i) => any((v) => lower(v).includes(lower(i))));
    case "like":
      return any((v) => likeRegex(String(first), false).test(String(v)));
    case "cilike":
      return any((v) => likeRegex(String(first), true).test(String(v)));
    case "startswith":
      return any((v) => String(v).startsWith(String(first)));
    case "soundex":
      return any((v) => soundex(String(v)) === soundex(String(first)));
    case "between":
    case "cibetween":
    case "notbetween":
    case "cinotbetween": {
      if (range === undefined) throw new WfError("invalidParameter", `${field}_Range is required with ${modifier}`);
      const ci = modifier.startsWith("ci");
      const inside = any((v) => order(v, first, ci) >= 0 && order(v, range, ci) <= 0);
      return modifier.includes("not") ? stored.length > 0 && !inside : inside;
    }
    case "in":
      return any((v) => inputs.some((i) => equal(v, i, false)));
    case "ciin":
      return any((v) => inputs.some((i) => equal(v, i, true)));
    case "notin":
      return stored.length > 0 && !any((v) => inputs.some((i) => equal(v, i, false)));
    case "cinotin":
      return stored.length > 0 && !any((v) => inputs.some((i) => equal(v, i, true)));
    case "allof":
      return inputs.every((i) => any((v) => equal(v, i, false)));
    case "length_lt":
      return any((v) => String(v).length < Number(first));
    case "length_eq":
      return any((v) => String(v).length === Number(first));
    case "length_gt":
      return any((v) => String(v).length > Number(first));
    case "bitwiseand":
      return any((v) => (Number(v) & Number(first)) === Number(first));
    case "bitwiseor":
      return any((v) => (Number(v) & Number(first)) !== 0);
    case "bitwisenand":
      return any((v) => (Number(v) & Number(first)) !== Number(first));
    default:
      throw new WfError("invalidParameter", `Unknown modifier '${modifier}' for ${field}`);
  }
}

export const MODIFIERS = [
  "eq", "ne", "nee", "cieq", "cine", "lt", "lte", "gt", "gte", "contains", "notcontains", "cicontains", "cinotcontains", "cicontainsany", "cicontainsall",
  "cinotcontainsany", "cinotcontainsall", "like", "cilike", "startswith", "soundex", "between", "cibetween", "notbetween", "cinotbetween", "in", "ciin",
  "notin", "cinotin", "allof", "bitwiseor", "bitwiseand", "bitwisenand", "exacttime", "length_lt", "length_eq", "length_gt", "isnull", "notnull", "isblank",
  "notblank", "blank",
] as const;
