import { WfError } from "../errors";
import { MULTI_VALUE_DISPLAY_TYPES } from "../objects/forms";
import type { CustomValue } from "../objects/schema";
import { enumError, toNumber, type CoerceContext } from "./values";
import type { Store } from "./store";
import { parseDateInput } from "../dates";

/** A custom field (PARAM) as the rest of the sandbox needs it. */
export interface ParamInfo {
  ID: string;
  name: string;
  dataType: string;
  displayType: string;
  multi: boolean;
  /** Allowed values for choice fields; empty for free fields. */
  options: string[];
  /** Object types whose custom forms contain this field. */
  objCodes: Set<string>;
}

export function customFields(store: Store): Map<string, ParamInfo> {
  const forms = new Map(store.all("CTGY").map((row) => [row.ID, String(row.fields.catObjCode)]));
  const result = new Map<string, ParamInfo>();
  for (const row of store.all("PARAM")) {
    const name = String(row.fields.name);
    const options = store
      .all("POPT")
      .filter((option) => option.fields.parameterID === row.ID)
      .sort((a, b) => Number(a.fields.displayOrder) - Number(b.fields.displayOrder))
      .map((option) => String(option.fields.value));
    const objCodes = new Set(
      store
        .all("CTGYPA")
        .filter((link) => link.fields.parameterID === row.ID)
        .map((link) => forms.get(String(link.fields.categoryID)))
        .filter((code): code is string => code !== undefined),
    );
    const displayType = String(row.fields.displayType);
    result.set(name, { ID: row.ID, name, dataType: String(row.fields.dataType), displayType, multi: MULTI_VALUE_DISPLAY_TYPES.has(displayType), options, objCodes });
  }
  return result;
}

/** The custom fields on the forms of one object type, in form order. */
export function customFieldsFor(store: Store, objCode: string): ParamInfo[] {
  return [...customFields(store).values()].filter((info) => info.objCodes.has(objCode));
}

/**
 * A `DE:` value as written. Multi-selects accept one string or an array; choice fields must use an
 * option value (same wording as the enum error). `null` or "" clears the field.
 */
export function coerceCustom(info: ParamInfo, raw: unknown, ctx: CoerceContext): CustomValue | null {
  if (raw === null || raw === undefined || raw === "" || (Array.isArray(raw) && raw.length === 0)) return null;
  const bad = () => new WfError("invalidParameter", `Invalid value '${typeof raw === "string" ? raw : JSON.stringify(raw)}' for field DE:${info.name}`);
  let value: CustomValue;
  if (info.multi) {
    const list = Array.isArray(raw) ? raw : [raw];
    if (!list.every((item) => typeof item === "string" || typeof item === "number")) throw bad();
    value = list.map(String);
  } else if (info.dataType === "NMBR" || info.dataType === "CURR") {
    const n = toNumber(raw, false);
    if (n === undefined) throw bad();
    value = n;
  } else if (info.dataType === "DATE") {
    const date = typeof raw === "string" ? parseDateInput(raw, ctx.timeZone, ctx.now) : null;
    if (!date) throw bad();
    value = date;
  } else if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean") {
    value = String(raw);
  } else throw bad();
  if (info.options.length > 0) {
    const values = Array.isArray(value) ? value : [String(value)];
    const wrong = values.filter((item) => !info.options.includes(item));
    if (wrong.length > 0) throw enumError(info.name, wrong);
  }
  return value;
}

export type CustomOutput = string | number | string[];

/**
 * How a stored custom value is shown. REST and v1 event payloads give a multi-select with one value as
 * a plain string; v2 payloads always give an array (reference A7).
 */
export function customOut(value: CustomValue, info: ParamInfo | undefined, mode: "rest" | "v1" | "v2", formatDate: (date: Date) => string): CustomOutput {
  if (value instanceof Date) return formatDate(value);
  if (Array.isArray(value)) {
    if (mode === "v2" || value.length !== 1 || (info && !info.multi)) return [...value];
    return value[0];
  }
  return value;
}

