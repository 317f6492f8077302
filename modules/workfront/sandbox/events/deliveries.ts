import { MAX_DELIVERY_BYTES } from "../constants";
import type { ResolvedOptions } from "../core";
import { customFields } from "../store/custom";
import type { Store, StoreEvent } from "../store/store";
import { matchesFilters } from "./filters";
import { buildPayload, eventState, type EventVersion } from "./payloads";
import type { Subscription, SubscriptionState } from "./subscriptions";

export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
}

export interface DeliveryRecord {
  id: number;
  subscriptionId: string;
  url: string;
  eventType: string;
  objCode: string;
  objID: string;
  version: EventVersion;
  state: "pending" | "delivered" | "failed" | "dropped";
  reason?: string;
  bytes: number;
  attempts: DeliveryAttempt[];
  payload: unknown;
}

const KEEP_RECORDS = 500;

/**
 * Outbound webhooks: one POST per matching change, `Authorization: Bearer <authToken>` (the reference's
 * inferred header), JSON body, any 2xx within the timeout is success, retries after the configured gaps,
 * nothing over 1 MB.
 */
export class Deliveries {
  private records: DeliveryRecord[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private abort = new AbortController();
  private nextId = 1;
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly store: Store,
    private readonly subscriptions: SubscriptionState,
  ) {}

  list(): readonly DeliveryRecord[] {
    return this.records;
  }

  /** Resolves when no delivery is waiting for an attempt or a retry. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  onStoreEvent(event: StoreEvent): void {
    const row = event.after ?? event.before;
    if (!row || this.closed) return;
    const now = this.options.now().getTime();
    const customs = customFields(this.store);
    for (const sub of this.subscriptions.byId.values()) {
      if (sub.objCode !== event.objCode || sub.eventType !== event.type || (sub.objId && sub.objId !== row.ID)) continue;
      const versions: EventVersion[] = [sub.version];
      // After a version change both formats go out for a while, as the real service does.
      if (sub.previousVersion && sub.versionChangedAt !== undefined && now - sub.versionChangedAt < this.options.delivery.versionOverlapMs) versions.push(sub.previousVersion);
      for (const version of versions) {
        const state = (r: typeof row | null) => (r ? eventState(r, version, this.options.timeZone, customs) : {});
        const states = { newState: state(event.after), oldState: state(event.before) };
        if (!matchesFilters(sub.filters, sub.filterConnector, states, event.type)) continue;
        this.enqueue(sub, event, row.ID, version, buildPayload(sub.id, event.type, event.at, version, states, sub.base64Encoding));
      }
    }
  }

  private enqueue(sub: Subscription, event: StoreEvent, objID: string, version: EventVersion, payload: unknown): void {
    const body = JSON.stringify(payload);
    const bytes = Buffer.byteLength(body);
    const record: DeliveryRecord = {
      id: this.nextId++,
      subscriptionId: sub.id,
      url: sub.url,
      eventType: event.type,
      objCode: event.objCode,
      objID,
      version,
      state: "pending",
      bytes,
      attempts: [],
      payload,
    };
    this.records.push(record);
    if (this.records.length > KEEP_RECORDS) this.records = this.records.filter((r, i) => r.state === "pending" || i >= this.records.length - KEEP_RECORDS);
    if (bytes > MAX_DELIVERY_BYTES) {
      record.state = "dropped";
      record.reason = `payload of ${bytes} bytes is over the 1 MB limit`;
      return;
    }
    this.pending++;
    this.schedule(() => this.attempt(record, sub, body, 0), 0);
  }

  private schedule(run: () => void, delay: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  private attempt(record: DeliveryRecord, sub: Subscription, body: string, index: number): void {
    const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.options.delivery.timeoutMs)]);
    const started = new Date().toISOString();
    const abortAtStart = this.abort;
    fetch(sub.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${sub.authToken}` },
      body,
      redirect: "manual",
      signal,
    })
      .then(async (response) => {
        await response.body?.cancel().catch(() => undefined);
        return { status: response.status };
      })
      .catch((error: unknown) => ({ error: error instanceof Error ? (error.name === "TimeoutError" ? "timed out" : error.message) : String(error) }))
      .then((outcome) => {
        if (abortAtStart.signal.aborted) return; // reset or closed meanwhile
        record.attempts.push({ at: started, ...outcome });
        const ok = "status" in outcome && outcome.status >= 200 && outcome.status < 300;
        const stats = this.subscriptions.urls.get(sub.url);
        if (stats) stats[ok ? "successes" : "failures"] += 1;
        const delays = this.options.delivery.retryDelaysMs;
        if (ok) this.finish(record, "delivered");
        else if (!this.subscriptions.byId.has(sub.id)) this.finish(record, "failed", "subscription deleted");
        else if (index < delays.length) this.schedule(() => this.attempt(record, sub, body, index + 1), delays[index]);
        else this.finish(record, "failed", `no 2xx after ${index + 1} attempts`);
      });
  }

  private finish(record: DeliveryRecord, state: "delivered" | "failed", reason?: string): void {
    record.state = state;
    if (reason) record.reason = reason;
    this.pending--;
    if (this.pending === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Stops timers and in-flight requests; pending deliveries are abandoned. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.abort.abort();
    this.abort = new AbortController();
    this.pending = 0;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  reset(): void {
    this.stop();
    this.records = [];
  }

  /** For good: later changes deliver nothing. */
  close(): void {
    this.closed = true;
    this.stop();
  }
}
