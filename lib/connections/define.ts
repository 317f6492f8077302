import type { FieldSpec } from "../modules/field-spec";

/**
 * A versioned connection type ("workfront@2", "http-apikey@1"): the credential fields an admin fills in
 * and how to check them. Connector folders define these in `connection.ts`; the connections store keeps
 * the values (fields marked `sensitive` encrypted at rest, never sent to a browser).
 */
export interface ConnectionTypeDefinition {
  /** App part, e.g. "http-apikey", "workfront". */
  key: string;
  version: number;
  /** `${key}@${version}`, what modules declare in `connection`. */
  id: string;
  /** The app folder this type belongs to (for icons and grouping). */
  app: string;
  title: string;
  description: string;
  /** Static, non-mappable fields; `sensitive: true` marks secrets. */
  fields: readonly FieldSpec[];
  /**
   * The verification request behind "Test": resolves with a short description of who/what it reached,
   * or throws ConnectionTestError carrying the remote error verbatim.
   */
  verify?: (ctx: ConnectionContext) => Promise<{ message: string }>;
  /** Present for types that authorize through an OAuth2 authorization-code redirect. */
  oauth2?: OAuth2Flow;
  deprecated?: { since: string; sunset: string; reason: string };
}

export interface ConnectionContext {
  /** Decrypted field values. */
  values: Record<string, unknown>;
  /** Tokens obtained at run time, cached (encrypted) per connection; see SessionCache. */
  session: SessionCache;
  signal: AbortSignal;
}

/**
 * Run-time tokens (Workfront sessionIDs, Proof sessions, OAuth2 access tokens), cached per connection and
 * shared by concurrent runs: `obtain` calls `fetch` once per burst, everyone else waits for that result.
 */
export interface SessionCache {
  /** The cached value under `name`, fetching (once) when missing or expired, or always when `force`. */
  obtain<T>(name: string, fetch: () => Promise<SessionToken<T>>, options?: { force?: boolean }): Promise<T>;
  /** Drops a cached value, e.g. after the remote side said the session is invalid. */
  invalidate(name: string): Promise<void>;
}

export interface SessionToken<T> {
  value: T;
  /** When it stops being valid; undefined = until invalidated. */
  expiresAt?: Date;
}

export interface OAuth2Tokens {
  accessToken: string;
  refreshToken?: string;
  expiresAt?: Date;
  scope?: string;
}

export interface OAuth2Flow {
  /** Where to send the admin's browser; `state` must come back unchanged to the redirect URI. */
  authorizationUrl(values: Record<string, unknown>, request: { redirectUri: string; state: string }): string;
  /** Exchanges the authorization code for tokens (server to server). */
  exchangeCode(values: Record<string, unknown>, request: { code: string; redirectUri: string; signal: AbortSignal }): Promise<OAuth2Tokens>;
}

/** Thrown by `verify` (and by modules) when the remote service refused the credentials. */
export class ConnectionTestError extends Error {
  constructor(
    message: string,
    /** The remote service's own error text or body, shown verbatim to the admin. */
    readonly remote?: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ConnectionTestError";
  }
}

export function defineConnectionType(def: Omit<ConnectionTypeDefinition, "id">): ConnectionTypeDefinition {
  if (!/^[a-z][a-z0-9-]*$/.test(def.key)) throw new Error(`Connection type key "${def.key}" must be lower-case letters, digits and dashes.`);
  if (!Number.isInteger(def.version) || def.version < 1) throw new Error(`Connection type ${def.key} needs a positive integer version.`);
  for (const field of def.fields) {
    if (!field.static) throw new Error(`Connection type ${def.key}@${def.version}: field "${field.name}" must be static (connections are not mapped).`);
  }
  return Object.freeze({ ...def, id: `${def.key}@${def.version}` });
}
