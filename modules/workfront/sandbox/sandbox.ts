import type { IncomingMessage, ServerResponse } from "node:http";
import { handleRest } from "./api/rest";
import { handleDownload } from "./api/upload";
import { handleOAuth } from "./auth/oauth";
import { AuthState } from "./auth/state";
import {
  DEFAULT_ACCESS_TOKEN_TTL_MS, DEFAULT_AUTH_CODE_TTL_MS, DEFAULT_DELIVERY_TIMEOUT_MS, DEFAULT_REFRESH_TOKEN_TTL_MS, DEFAULT_REMOVED_VERSIONS,
  DEFAULT_RETRY_DELAYS_MS, DEFAULT_SESSION_TTL_MS, DEFAULT_VERSION_OVERLAP_MS, DEMO_API_KEY, DEMO_CUSTOMER_ID, DEMO_OAUTH_CLIENT_ID,
  DEMO_OAUTH_CLIENT_SECRET, DEMO_TIME_ZONE,
} from "./constants";
import type { Core, OAuthClient, ResolvedOptions } from "./core";
import { Deliveries, type DeliveryRecord } from "./events/deliveries";
import { handleSubscriptions, SubscriptionState } from "./events/subscriptions";
import { send } from "./http";
import type { Row } from "./objects/schema";
import { seedPeople, seedWork, SEED_IDS } from "./seed";
import { Store } from "./store/store";
import { createRecord, deleteRecord, editRecord, type WriteContext } from "./store/write";
import { handleUi } from "./ui/ui";

export interface WorkfrontSandboxOptions {
  /** "" when standalone, "/sandbox/workfront" when mounted in the app. */
  basePath?: string;
  /** API versions answered with the error envelope; default [15], as in the real schedule. */
  removedVersions?: number[];
  /** Idle session timeout; default 30 minutes. */
  sessionTtlMs?: number;
  /** Answer REST errors with HTTP 200 (the envelope still says error), as some real servers do. */
  errorsWithHttp200?: boolean;
  /** Event deliveries; compress the retry gaps and timeout in tests. */
  delivery?: { retryDelaysMs?: number[]; timeoutMs?: number; versionOverlapMs?: number };
  /** OAuth2 lifetimes and extra clients (the demo client is always there). */
  oauth?: { accessTokenTtlMs?: number; refreshTokenTtlMs?: number; codeTtlMs?: number; clients?: OAuthClient[] };
  /** Demo data; default true. Without it only the users and access levels exist. */
  seed?: boolean;
  now?: () => Date;
  /** The customer's time zone, which dates are shown in; default America/Denver. */
  timeZone?: string;
}

/** One stored object: `fields` by name, `custom` by custom-field name (what follows `DE:`). */
export type SandboxRecord = Row;

export interface SandboxWriteOptions {
  /** Acting user (default: the seeded admin); shows up as enteredBy/lastUpdatedBy and in journal entries. */
  asUserID?: string;
  force?: boolean;
}

/** Direct, typed access for tests: writes go through the same validation, journal and events as the API. */
export interface SandboxStore {
  create(objCode: string, values: Record<string, unknown>, options?: SandboxWriteOptions): SandboxRecord;
  edit(objCode: string, id: string, values: Record<string, unknown>, options?: SandboxWriteOptions): SandboxRecord;
  remove(objCode: string, id: string, options?: SandboxWriteOptions): void;
  get(objCode: string, id: string): SandboxRecord | undefined;
  find(objCode: string, where?: (record: SandboxRecord) => boolean): SandboxRecord[];
  /** Journal entries (JRNLE), oldest first, optionally for one object. */
  journal(objID?: string): SandboxRecord[];
  /** Stable IDs of the demo data. */
  readonly ids: typeof SEED_IDS;
}

export interface SandboxDeliveries {
  /** Recent deliveries (the last 500), oldest first, with every attempt. */
  list(): readonly DeliveryRecord[];
  /** Resolves once no delivery waits for an attempt or retry. */
  idle(): Promise<void>;
}

export interface WorkfrontSandbox {
  /** Node-style handler: true if it handled the request (path under basePath), false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Back to the seed: data, sessions, keys, subscriptions and deliveries. */
  reset(): void;
  store: SandboxStore;
  deliveries: SandboxDeliveries;
  /** Stops pending deliveries and timers. */
  close(): Promise<void>;
}

function resolve(options: WorkfrontSandboxOptions): ResolvedOptions {
  const base = (options.basePath ?? "").replace(/\/+$/, "");
  const demoClient: OAuthClient = { clientId: DEMO_OAUTH_CLIENT_ID, clientSecret: DEMO_OAUTH_CLIENT_SECRET };
  return {
    basePath: base && !base.startsWith("/") ? `/${base}` : base,
    removedVersions: new Set(options.removedVersions ?? DEFAULT_REMOVED_VERSIONS),
    sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
    errorsWithHttp200: options.errorsWithHttp200 ?? false,
    delivery: {
      retryDelaysMs: options.delivery?.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      timeoutMs: options.delivery?.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS,
      versionOverlapMs: options.delivery?.versionOverlapMs ?? DEFAULT_VERSION_OVERLAP_MS,
    },
    oauth: {
      accessTokenTtlMs: options.oauth?.accessTokenTtlMs ?? DEFAULT_ACCESS_TOKEN_TTL_MS,
      refreshTokenTtlMs: options.oauth?.refreshTokenTtlMs ?? DEFAULT_REFRESH_TOKEN_TTL_MS,
      codeTtlMs: options.oauth?.codeTtlMs ?? DEFAULT_AUTH_CODE_TTL_MS,
      clients: [demoClient, ...(options.oauth?.clients ?? [])],
    },
    seed: options.seed ?? true,
    now: options.now ?? (() => new Date()),
    timeZone: options.timeZone ?? DEMO_TIME_ZONE,
  };
}

export function createWorkfrontSandbox(options: WorkfrontSandboxOptions = {}): WorkfrontSandbox {
  const resolved = resolve(options);
  const store = new Store({ now: resolved.now, timeZone: resolved.timeZone, customerID: DEMO_CUSTOMER_ID });
  const subscriptions = new SubscriptionState();
  const core: Core = {
    options: resolved,
    store,
    auth: new AuthState(resolved.now, resolved.sessionTtlMs),
    subscriptions,
    deliveries: new Deliveries(resolved, store, subscriptions),
  };
  store.onEvent((event) => core.deliveries.onStoreEvent(event));

  const reset = () => {
    core.deliveries.reset();
    core.subscriptions.clear();
    core.auth.clear();
    store.clear();
    seedPeople(store);
    if (resolved.seed) seedWork(store);
    core.auth.generateApiKey(SEED_IDS.admin, DEMO_API_KEY);
  };
  reset();

  const ctx = (options?: SandboxWriteOptions): WriteContext => ({ actorID: options?.asUserID ?? SEED_IDS.admin, version: 22, force: options?.force });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const base = resolved.basePath;
    if (base && url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return false;
    const path = url.pathname.slice(base.length);
    try {
      if (await handleRest(core, req, res, path, url)) return true;
      if (await handleSubscriptions(core, req, res, path, url)) return true;
      if (await handleOAuth(core, req, res, path, url)) return true;
      if (path === "/document/download" && req.method === "GET") {
        handleDownload(core, req, res, url);
        return true;
      }
      if (await handleUi(core, req, res, path)) return true;
      send(res, 404, "Not found in the Workfront sandbox", { "Content-Type": "text/plain; charset=utf-8" });
    } catch (error) {
      if (!res.headersSent) send(res, 500, error instanceof Error ? error.message : "Internal error", { "Content-Type": "text/plain; charset=utf-8" });
      else res.destroy();
    }
    return true;
  }

  return {
    handle,
    reset,
    store: {
      create: (objCode, values, options) => createRecord(store, objCode, values, ctx(options)),
      edit: (objCode, id, values, options) => editRecord(store, objCode, id, values, ctx(options)),
      remove: (objCode, id, options) => deleteRecord(store, objCode, id, ctx(options)),
      get: (objCode, id) => store.get(objCode, id),
      find: (objCode, where) => store.all(objCode).filter((row) => !where || where(row)),
      journal: (objID) => store.all("JRNLE").filter((row) => objID === undefined || row.fields.objID === objID),
      ids: SEED_IDS,
    },
    deliveries: { list: () => core.deliveries.list(), idle: () => core.deliveries.idle() },
    close: async () => core.deliveries.close(),
  };
}
