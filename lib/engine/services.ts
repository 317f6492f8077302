import type { ResolvedConnection, ScenarioStore, WebhookResponse } from "@/lib/modules/context";
import type { JsonValue } from "@/lib/modules/json";
import type { DataStoreAccess } from "@/lib/datastores/access";

/** Decrypts a connection for a run; throws when it is missing or cannot be used. */
export type ConnectionResolver = (connectionId: string) => Promise<ResolvedConnection>;

export interface EngineLogRecord {
  level: "debug" | "info" | "warn" | "error";
  message: string;
  moduleId: number;
  /** Already redacted. */
  data?: Record<string, unknown>;
}

/**
 * What a run needs from outside. Everything persistent or secret comes through here, so the engine
 * runs the same in a web process, a worker or a test.
 */
export interface EngineServices {
  /** Persistent state of this scenario (flow:increment, polling cursors). Default: in memory, per run. */
  store?: ScenarioStore;
  connections?: ConnectionResolver;
  /** Where module log lines go besides the execution log (e.g. pino). */
  logger?: (record: EngineLogRecord) => void;
  /** Milliseconds, for durations and the time limit. Default: Date.now. */
  clock?: () => number;
  /** Waits `ms` or rejects when `signal` aborts. Default: a real timer. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Receives webhooks:respond's answer for the waiting webhook caller. Default: dropped. */
  respond?: (response: WebhookResponse) => void;
  /** Data-store records for datastore:* modules. Default: none (those modules fail with a configuration error). */
  dataStores?: DataStoreAccess;
}

export function createMemoryStore(initial: Record<string, JsonValue> = {}): ScenarioStore & { snapshot(): Record<string, JsonValue> } {
  const data = new Map<string, JsonValue>(Object.entries(structuredClone(initial)));
  return {
    async get(key) {
      const v = data.get(key);
      return v === undefined ? undefined : structuredClone(v);
    },
    async set(key, value) {
      data.set(key, structuredClone(value));
    },
    async delete(key) {
      data.delete(key);
    },
    async increment(key, by) {
      const current = data.get(key);
      const next = (typeof current === "number" ? current : 0) + by;
      data.set(key, next);
      return next;
    },
    snapshot: () => Object.fromEntries(data),
  };
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
