/** Plain data helpers. Bundles are untrusted JSON: only own keys are ever read or written. */

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !ArrayBuffer.isView(value)
  );
}

export function isBinary(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

/** Own, enumerable lookup only: `constructor` or `__proto__` must never reach prototypes. */
export function getOwn(object: PlainObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** Sets a key as plain data, even `__proto__`. */
export function setOwn(object: PlainObject, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}
