/**
 * URL shapes (reference A1): `<host>/attask/api/v<MAJOR>.0/<objCode>/<ID-or-action>`. The version
 * segment carries both the leading `v` and the trailing `.0`.
 */

/** "21.0", "21" or "v21.0" → "21.0". */
export function normaliseApiVersion(version: string): string {
  const match = /^v?(\d+)(?:\.0)?$/.exec(version.trim());
  if (!match) throw new Error(`“${version}” is not a Workfront API version like 21.0.`);
  return `${Number(match[1])}.0`;
}

export function apiPrefix(apiVersion: string): string {
  return `/attask/api/v${normaliseApiVersion(apiVersion)}`;
}

/** Path segments are encoded one by one, so an ID or action name can never add a path level. */
export function apiUrl(host: string, apiVersion: string, ...segments: string[]): string {
  return `${host}${apiPrefix(apiVersion)}/${segments.map((s) => encodeURIComponent(s)).join("/")}`;
}

export const SUBSCRIPTIONS_PATH = "/attask/eventsubscription/api/v1/subscriptions";
