import type { JsonValue } from "@/lib/modules/json";

/** What a SOAP value becomes in JSON: strings, typed numbers and booleans, null (xsi:nil), arrays, objects. */
export type SoapValue = JsonValue;

/** Arguments of a call, keyed by WSDL part name. */
export type SoapArgs = Record<string, SoapValue | undefined>;

export function isSoapObject(value: unknown): value is { [key: string]: SoapValue } {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Sets an own property even when the key is "__proto__": keys come from remote XML, and a plain
 * assignment with that key would replace the object's prototype instead.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
