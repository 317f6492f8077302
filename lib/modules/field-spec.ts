import type { JsonValue } from "./json";

/**
 * The declarative field spec of a module: JSON-serialisable, so the browser can draw a form from it and
 * the server can derive its validators from it (one source of truth).
 *
 * Top-level fields marked `static: true` live in the blueprint's `params`: they shape the module (an object
 * type, a source module) and are never mapped. All other fields live in `mapper` and may hold `{{…}}`.
 * Nested fields (inside a collection or an array of collections) follow their top-level field.
 */
export type FieldType = FieldSpec["type"];

export type PrimitiveItemType = "text" | "number" | "boolean" | "date" | "any";

interface FieldCommon {
  /** Key in `params` / `mapper`; also what downstream code reads. */
  name: string;
  label: string;
  help?: string;
  /** Enforced at run time (after mapping). Saving an unfinished module is allowed, as in Fusion. */
  required?: boolean;
  /** Used at run time when the value is missing, null or empty text. */
  default?: JsonValue;
  /** Lives in `params`, not `mapper`: not mappable. Only meaningful on top-level fields. */
  static?: boolean;
  /** A secret (password, token): masked in forms and redacted in execution logs. */
  sensitive?: boolean;
}

export interface TextField extends FieldCommon {
  type: "text";
  multiline?: boolean;
  maxLength?: number;
}

export interface NumberField extends FieldCommon {
  type: "number";
  min?: number;
  max?: number;
  integer?: boolean;
}

export interface BooleanField extends FieldCommon {
  type: "boolean";
}

/** A point in time; run-time values are normalised to ISO 8601 text. */
export interface DateField extends FieldCommon {
  type: "date";
}

/** Any JSON value, taken as mapped (e.g. the structure json:create serialises). */
export interface AnyField extends FieldCommon {
  type: "any";
}

export interface SelectOption {
  value: string;
  label: string;
}

export interface StaticSelectField extends FieldCommon {
  type: "select";
  options: readonly SelectOption[];
  multiple?: boolean;
}

/** Options loaded through the module's connection by `module.options[dynamicOptions]`. */
export interface DynamicSelectField extends FieldCommon {
  type: "select";
  dynamicOptions: string;
  multiple?: boolean;
}

export type SelectField = StaticSelectField | DynamicSelectField;

export type ArrayItemSpec = { type: PrimitiveItemType } | { type: "collection"; fields: readonly FieldSpec[] };

export interface ArrayField extends FieldCommon {
  type: "array";
  items: ArrayItemSpec;
  minItems?: number;
  maxItems?: number;
}

export interface CollectionField extends FieldCommon {
  type: "collection";
  fields: readonly FieldSpec[];
}

/** A further connection (beyond the module's own) of the given type, e.g. "http@1"; its value is a connection id. */
export interface ConnectionField extends FieldCommon {
  type: "connection";
  connectionType: string;
}

export type FieldSpec =
  | TextField
  | NumberField
  | BooleanField
  | DateField
  | AnyField
  | SelectField
  | ArrayField
  | CollectionField
  | ConnectionField;

export function isStaticSelect(field: SelectField): field is StaticSelectField {
  return "options" in field;
}

export function staticFields(fields: readonly FieldSpec[]): FieldSpec[] {
  return fields.filter((f) => f.static === true);
}

export function mappableFields(fields: readonly FieldSpec[]): FieldSpec[] {
  return fields.filter((f) => f.static !== true);
}

// ---- Types of validated values, inferred from a literal spec (defineModule's `const` type parameter) ----

type PrimitiveValue<T> = T extends "text" | "date"
  ? string
  : T extends "number"
    ? number
    : T extends "boolean"
      ? boolean
      : unknown;

type OptionValue<F> = F extends { options: readonly (infer O)[] } ? (O extends { value: infer V } ? V : string) : string;

export type FieldValue<F> = F extends { type: "select" }
  ? F extends { multiple: true }
    ? OptionValue<F>[]
    : OptionValue<F>
  : F extends { type: "array"; items: { type: "collection"; fields: readonly (infer C)[] } }
    ? ValuesOf<C>[]
    : F extends { type: "array"; items: { type: infer T } }
      ? PrimitiveValue<T>[]
      : F extends { type: "collection"; fields: readonly (infer C)[] }
        ? ValuesOf<C>
        : F extends { type: "connection" }
          ? string
          : F extends { type: infer T }
            ? PrimitiveValue<T>
            : unknown;

/** Present after run-time validation: required, or has a default. */
type AlwaysPresent<F> = F extends { required: true } ? true : F extends { default: unknown } ? true : false;

type NameOf<F> = F extends { name: infer N extends string } ? N : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The validated values of a union of field specs. */
export type ValuesOf<F> = Simplify<
  { [K in F as AlwaysPresent<K> extends true ? NameOf<K> : never]: FieldValue<K> } & {
    [K in F as AlwaysPresent<K> extends true ? never : NameOf<K>]?: FieldValue<K>;
  }
>;

export type ParamsOf<Fs extends readonly FieldSpec[]> = ValuesOf<Extract<Fs[number], { static: true }>>;
export type MapperOf<Fs extends readonly FieldSpec[]> = ValuesOf<Exclude<Fs[number], { static: true }>>;
