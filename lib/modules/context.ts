import type { Bundle, JsonValue } from "./json";
import type { SessionCache } from "../connections/define";
import type { DataStoreAccess } from "../datastores/access";

/**
 * What a module's `run` gets. The engine builds it; persistence and secrets come in through the small
 * service interfaces below, so modules run the same in a web process, a worker or a test.
 */

/** A connection as the module sees it at run time: its type and decrypted values. Never logged. */
export interface ResolvedConnection {
  id: string;
  /** "app@version", e.g. "workfront@2"; must match the module's declared connection type. */
  type: string;
  values: Record<string, unknown>;
  /** Run-time tokens (sessions, access tokens) cached per connection; absent in tests that need none. */
  session?: SessionCache;
  /** Names of the values that are secret; only these are scrubbed from logs. Absent: all values are. */
  secretFields?: readonly string[];
}

/** Persistent key/value state of one scenario (flow:increment counters, polling cursors). */
export interface ScenarioStore {
  get(key: string): Promise<JsonValue | undefined>;
  set(key: string, value: JsonValue): Promise<void>;
  delete(key: string): Promise<void>;
  /** Atomically adds `by` to a numeric value (missing = 0) and returns the new value. */
  increment(key: string, by: number): Promise<number>;
}

/** Scenario-run variables (flow:setVariable / flow:getVariable): they live for one run. */
export interface RunVariables {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  has(name: string): boolean;
}

/** Scratch space private to one module for one run (e.g. an increment that resets after each run). */
export interface RunState {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/**
 * Work a module did that the run can still undo (rollback) or make final (commit), e.g. a data-store
 * write. The engine commits participants when the run ends well and rolls them back when it fails.
 */
export interface TransactionParticipant {
  /** Shown in the log when commit or rollback fails. */
  name: string;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface TransactionHook {
  enlist(participant: TransactionParticipant): void;
}

export interface ModuleLogger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** Outputs of upstream modules visible to the current bundle (what `{{n.field}}` can reach). */
export interface BundleScope {
  get(moduleId: number): unknown;
  has(moduleId: number): boolean;
}

/** What webhooks:respond sends back to the caller of a webhook that is waiting for the run. */
export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ExecutionInfo {
  id?: string;
  scenarioId?: string;
  scenarioName?: string;
}

export interface RunContextBase<P> {
  moduleId: number;
  params: P;
  connection: ResolvedConnection | null;
  variables: RunVariables;
  runState: RunState;
  store: ScenarioStore;
  transaction: TransactionHook;
  /** Data stores (datastore:* modules); absent when the run was started without them. */
  dataStores?: DataStoreAccess;
  /** Aborted when the run is cancelled or runs out of time; long work must stop when it fires. */
  signal: AbortSignal;
  log: ModuleLogger;
  now(): Date;
  /** Waits, or rejects as soon as `signal` aborts. */
  sleep(ms: number): Promise<void>;
  execution: ExecutionInfo;
  /** Answers the waiting webhook caller (the first answer wins); a no-op when nobody is waiting. */
  respond(response: WebhookResponse): void;
}

/** Actions, searches, iterators and responders: one input bundle. */
export interface BundleRunContext<P, V> extends RunContextBase<P> {
  values: V;
  scope: BundleScope;
}

export interface TriggerInputInfo {
  /** A manual "run once" payload or a webhook payload, when one was given. */
  payload: unknown;
  hasPayload: boolean;
  /** Emit at most this many bundles; leave the rest for the next run. */
  maxResults: number;
}

export interface TriggerRunContext<P, V> extends RunContextBase<P> {
  values: V;
  trigger: TriggerInputInfo;
}

export interface CollectedBundle<V> {
  /** The aggregator's mapper, evaluated for this bundle. */
  values: V;
  scope: BundleScope;
}

/** Aggregators: every bundle that reached them from the source module's current input. */
export interface AggregatorRunContext<P, V> extends RunContextBase<P> {
  collected: ReadonlyArray<CollectedBundle<V>>;
}

export type ModuleOutput = Bundle[] | Promise<Bundle[]>;
