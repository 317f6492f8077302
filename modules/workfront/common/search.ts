import { DataError, InvalidConfigurationError } from "@/lib/modules/errors";
import type { ParamPairs } from "../client/encode";

/**
 * Search criteria as Workfront's query parameters (reference A4): `<field>=<value>`, `<field>_Mod=<op>`,
 * `<field>_Range=<upper>` for the between family, and `OR:<n>:` prefixes — criteria sharing a group
 * number are ANDed, the groups are ORed with each other and with the ungrouped criteria.
 */
export interface Criterion {
  field: string;
  operator?: string;
  value?: unknown;
  rangeEnd?: unknown;
  orGroup?: number;
}

export interface SortKey {
  field: string;
  direction?: string;
}

const PRESENCE = new Set(["isnull", "notnull", "isblank", "notblank", "blank"]);
const RANGES = new Set(["between", "cibetween", "notbetween", "cinotbetween"]);

function texts(value: unknown, what: string): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item) => texts(item, what));
  if (typeof value === "string") return [value];
  if (typeof value === "number" || typeof value === "boolean") return [String(value)];
  throw new DataError(`${what} must be text, a number, a boolean or a list of them, not a collection.`);
}

export function criteriaParams(criteria: readonly Criterion[] | undefined): ParamPairs {
  const pairs: ParamPairs = [];
  const used = new Set<string>();
  (criteria ?? []).forEach((criterion, index) => {
    const field = criterion.field?.trim();
    if (!field) return;
    const where = `Search criterion ${index + 1} (${field})`;
    const operator = (criterion.operator ?? "eq").toLowerCase();
    const key = `${criterion.orGroup ? `OR:${criterion.orGroup}:` : ""}${field}`;
    // One field takes one condition per group in Workfront's syntax; a second would overwrite the first.
    if (used.has(key)) throw new DataError(`${where}: the field is already used${criterion.orGroup ? ` in OR group ${criterion.orGroup}` : ""}. Combine the two with “between”, or put one in another OR group.`);
    used.add(key);
    if (PRESENCE.has(operator)) {
      pairs.push([`${key}_Mod`, operator]);
      return;
    }
    const values = texts(criterion.value, where);
    if (values.length === 0) throw new DataError(`${where} needs a value for “${operator}”.`);
    for (const value of values) pairs.push([key, value]);
    pairs.push([`${key}_Mod`, operator]);
    if (RANGES.has(operator)) {
      const [upper] = texts(criterion.rangeEnd, where);
      if (upper === undefined) throw new DataError(`${where} needs a range end for “${operator}”.`);
      pairs.push([`${key}_Range`, upper]);
    }
  });
  return pairs;
}

/** Numbered sort keys (`name_1_Sort=asc`), in the order given. */
export function sortParams(sort: readonly SortKey[] | undefined): ParamPairs {
  return (sort ?? [])
    .filter((key) => key.field?.trim())
    .map((key, index) => [`${key.field.trim()}_${index + 1}_Sort`, key.direction ?? "asc"]);
}

/** Fusion's “Optional filter”: raw API filter text such as `status=CUR&priority_Mod=gte&priority=2`. */
export function rawFilterParams(text: string | undefined, reserved: readonly string[]): ParamPairs {
  if (!text || text.trim() === "") return [];
  const pairs = [...new URLSearchParams(text.trim().replace(/^\?/, ""))] as ParamPairs;
  for (const [name] of pairs) {
    const base = name.replace(/^OR:\d+:/, "").replace(/_(Mod|Range|\d+_Sort|Sort)$/, "");
    if (reserved.includes(base) || name.startsWith("$$") || name === "fields" || /_Sort$/.test(name)) {
      throw new InvalidConfigurationError(`The optional filter may not set “${name}”: the module sets it itself.`);
    }
  }
  return pairs;
}
