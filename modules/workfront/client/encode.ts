/**
 * Parameter encoding as the official client does it (reference A3, WF-JS populateQueryStringAndBodyParams):
 *   GET / DELETE           every parameter in the query string
 *   POST / PUT + updates   `Content-Type: application/json`, the body is the bare JSON of `updates`;
 *                          `fields`, `method`, … stay in the query string
 *   other POST / PUT       `application/x-www-form-urlencoded` body with every parameter
 *                          (actions, login, batch; `updates=` as JSON text when there is one)
 * Arrays become repeated keys (`id=a&id=b`); objects are sent as JSON text.
 */
export type ParamValue = string | number | boolean | null | undefined | readonly ParamValue[] | { readonly [key: string]: unknown };
export type ParamInput = Readonly<Record<string, ParamValue>> | ReadonlyArray<readonly [string, ParamValue]>;
export type ParamPairs = Array<[string, string]>;

function scalar(value: ParamValue): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Pairs in the given order; `undefined` and `null` are left out, arrays repeat the key. */
export function toPairs(input: ParamInput | undefined): ParamPairs {
  if (!input) return [];
  const entries: ReadonlyArray<readonly [string, ParamValue]> = Array.isArray(input) ? (input as ReadonlyArray<readonly [string, ParamValue]>) : Object.entries(input);
  const out: ParamPairs = [];
  for (const [name, value] of entries) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly ParamValue[]) if (item !== undefined && item !== null) out.push([name, scalar(item)]);
    } else out.push([name, scalar(value)]);
  }
  return out;
}

/** The query string as the server will see it, for the URI length check. */
export function encodedLength(url: string, pairs: ParamPairs): number {
  const search = new URLSearchParams(pairs).toString();
  return Buffer.byteLength(search ? `${url}?${search}` : url);
}

/**
 * The CDN in front of Workfront refuses URIs over 8,892 bytes (reference A1). Searches whose query would
 * come near that are sent as POST with `method=GET` and the parameters in a form body, as WF-JS's
 * `useHttpPost` does for long queries.
 */
export const LONG_URI_BYTES = 8_000;
