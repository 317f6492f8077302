import type { IncomingMessage } from "node:http";
import type { AuthState } from "./auth/state";
import type { Deliveries } from "./events/deliveries";
import type { SubscriptionState } from "./events/subscriptions";
import type { Params } from "./params";
import type { Store } from "./store/store";

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Allowed redirect URIs; empty means any http(s) URI (the demo client). */
  redirectUris?: string[];
}

export interface ResolvedOptions {
  basePath: string;
  removedVersions: ReadonlySet<number>;
  sessionTtlMs: number;
  errorsWithHttp200: boolean;
  delivery: { retryDelaysMs: readonly number[]; timeoutMs: number; versionOverlapMs: number };
  oauth: { accessTokenTtlMs: number; refreshTokenTtlMs: number; codeTtlMs: number; clients: readonly OAuthClient[] };
  seed: boolean;
  now: () => Date;
  timeZone: string;
}

/** Everything a handler may touch. */
export interface Core {
  options: ResolvedOptions;
  store: Store;
  auth: AuthState;
  subscriptions: SubscriptionState;
  deliveries: Deliveries;
}

export interface Principal {
  userID: string;
  isAdmin: boolean;
}

export type Method = "GET" | "PUT" | "POST" | "DELETE";

/** One REST call after URL and body parsing; batch entries are calls too. */
export interface ApiCall {
  method: Method;
  /** Path segments after `/attask/api/vN.0`. */
  segments: string[];
  params: Params;
  /** A bare JSON body: it stands for `updates` (reference A3). */
  json: unknown;
  version: number;
  /** `/attask/api/v21.0` or whichever prefix was used, for links in metadata. */
  prefix: string;
  origin: string;
  req: IncomingMessage;
  body?: { data: Buffer; contentType: string };
  /** Set for batch entries, which share the batch request's credentials. */
  principal?: Principal;
}

export interface ApiResult {
  data: unknown;
  headers?: Record<string, string | string[]>;
}
