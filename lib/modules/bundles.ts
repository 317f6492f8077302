import { isPlainObject, type Bundle } from "./json";

/** A value as a bundle: collections are bundles already; anything else is wrapped as `value`. */
export function asBundle(value: unknown): Bundle {
  return isPlainObject(value) ? value : { value };
}

/** Fusion's rule for payloads and parsed JSON: a top-level array is one bundle per item. */
export function asBundles(value: unknown): Bundle[] {
  return Array.isArray(value) ? value.map(asBundle) : [asBundle(value)];
}
