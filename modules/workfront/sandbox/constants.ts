/**
 * Fixed values of the simulated Workfront tenant. Demo credentials are exported so the app can create
 * demo connections; they only ever open this in-memory sandbox.
 */

/** Versions the simulator knows (`/attask/api/v15.0` … `/attask/api/v22.0`). */
export const OLDEST_API_VERSION = 15;
export const NEWEST_API_VERSION = 22;
/** Versions answered with the error envelope by default: v15 was removed on 2025-12-18 (reference A1). */
export const DEFAULT_REMOVED_VERSIONS: readonly number[] = [15];

export const DEMO_CUSTOMER_ID = "5f0c1a2b000000a1c0ffee0000000001";
export const DEMO_TIME_ZONE = "America/Denver";

/** The seeded System Administrator. */
export const DEMO_ADMIN_USERNAME = "admin@patchbay.test";
export const DEMO_ADMIN_PASSWORD = "sandbox-admin";
/** The admin's API key, present from the start (32 lower-case alphanumerics, like real keys). */
export const DEMO_API_KEY = "pbdemo0apikey0for0the0sandbox001";

/** A seeded user without admin rights, for permission tests and demos. */
export const DEMO_USER_USERNAME = "jane.doe@patchbay.test";
export const DEMO_USER_PASSWORD = "sandbox-user";

/** The OAuth2 client every sandbox accepts (any http(s) redirect URI). */
export const DEMO_OAUTH_CLIENT_ID = "patchbay-demo-client";
export const DEMO_OAUTH_CLIENT_SECRET = "patchbay-demo-secret";

export const DEFAULT_SESSION_TTL_MS = 30 * 60_000;
export const DEFAULT_ACCESS_TOKEN_TTL_MS = 60 * 60_000;
export const DEFAULT_REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60_000;
/** "The code is valid for 2 minutes" (reference A2). */
export const DEFAULT_AUTH_CODE_TTL_MS = 2 * 60_000;

/** Delay before retry n is ((2^n) − 1) × 84,800 ms after the first attempt; stored as gaps between attempts. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = Array.from({ length: 11 }, (_, i) => 2 ** i * 84_800);
export const DEFAULT_DELIVERY_TIMEOUT_MS = 5_000;
export const MAX_DELIVERY_BYTES = 1_048_576;
/** After a version change both formats are delivered for 5 minutes (reference A7). */
export const DEFAULT_VERSION_OVERLAP_MS = 5 * 60_000;

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 2000;
export const MAX_BULK = 100;
export const MAX_FIELD_DEPTH = 4;
/** CDN limit on URIs (reference A1); longer ones never reach Workfront. */
export const MAX_URI_BYTES = 8892;
