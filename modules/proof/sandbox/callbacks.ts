import { escapeXml } from "@/lib/soap";
import type { CallbackDelivery, Proof } from "./model";
import type { ProofSandboxStore } from "./store";

/**
 * Callback types accepted by setProofCallback: the ones observed in use (reference B5, [3P]). Only those
 * in FIRED_TYPES are ever sent by the sandbox; the others are accepted so registrations made for the
 * real service do not fail here.
 */
export const CALLBACK_TYPES = [
  "comments", "comment_updated", "actions", "decisions", "stage_decision", "overall_decision", "decision_maker_changed",
  "active_stage_changed", "state", "opened", "processed", "trashed", "deleted", "archived", "unarchived",
  "proof_owner_changed", "proof_deadline",
] as const;
export const FIRED_TYPES = ["comments", "decisions", "stage_decision", "overall_decision", "active_stage_changed", "state", "opened", "trashed", "deleted", "archived"] as const;
export type FiredType = (typeof FIRED_TYPES)[number];

export interface DispatcherOptions {
  /** Waits before each retry; attempts = 1 + its length. */
  retryDelaysMs: readonly number[];
  now: () => Date;
  /** Per attempt. */
  timeoutMs?: number;
}

/**
 * Plays the real service's side of callbacks: a POST per registered URL per event, retried on a
 * network error or a non-2xx answer. The body is XML ([SILENT] in the reference; the element names
 * follow the ones an old client parsed for comment callbacks: file_id, comment_id, author, comment, timestamp).
 */
export class CallbackDispatcher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private closed = false;
  /** Bumped by cancelAll, so an attempt already under way does not schedule a retry for a reset store. */
  private generation = 0;

  constructor(
    private readonly store: ProofSandboxStore,
    private readonly options: DispatcherOptions,
  ) {}

  emit(proof: Proof, type: FiredType, fields: Record<string, string | number>): void {
    if (this.closed) return;
    for (const registration of this.store.callbacks.filter((c) => c.proofId === proof.id && c.type === type)) {
      const delivery: CallbackDelivery = {
        id: this.store.nextId("delivery"),
        proofId: proof.id,
        type,
        url: registration.url,
        body: callbackBody(proof, type, fields, this.options.now()),
        attempts: 0,
        status: "pending",
        lastError: null,
        createdAt: this.options.now(),
      };
      this.store.deliveries.push(delivery);
      void this.attempt(delivery);
    }
  }

  /** Stops retries and aborts requests under way (reset and close). */
  cancelAll(): void {
    this.generation += 1;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inFlight) controller.abort();
    this.inFlight.clear();
  }

  close(): void {
    this.closed = true;
    this.cancelAll();
  }

  private async attempt(delivery: CallbackDelivery): Promise<void> {
    const generation = this.generation;
    delivery.attempts += 1;
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 10_000);
    try {
      const response = await fetch(delivery.url, {
        method: "POST",
        headers: { "Content-Type": "text/xml; charset=utf-8", "User-Agent": "ProofHQ-Sandbox-Callback/1" },
        body: delivery.body,
        signal: controller.signal,
        redirect: "manual",
      });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) {
        delivery.status = "delivered";
        delivery.lastError = null;
        return;
      }
      delivery.lastError = `HTTP ${response.status}`;
    } catch (error) {
      delivery.lastError = error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
    if (generation === this.generation) this.scheduleRetry(delivery);
  }

  private scheduleRetry(delivery: CallbackDelivery): void {
    const delay = this.options.retryDelaysMs[delivery.attempts - 1];
    if (this.closed || delay === undefined) {
      delivery.status = "failed";
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery);
    }, delay);
    // A sandbox inside the app must not keep the process alive for a retry.
    timer.unref();
    this.timers.add(timer);
  }
}

export function callbackBody(proof: Proof, type: string, fields: Record<string, string | number>, at: Date): string {
  const all: Record<string, string | number> = { type, file_id: proof.id, proof_name: proof.name, timestamp: formatDateTime(at), ...fields };
  const children = Object.entries(all)
    .map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><callback>${children}</callback>`;
}

/** "YYYY-MM-DD hh:mm:ss" in UTC: the API's date format (B4) with seconds. */
export function formatDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace("T", " ");
}

/** "YYYY-MM-DD hh:mm" in UTC, as the API writes dates (reference B4). */
export function formatMinute(date: Date): string {
  return date.toISOString().slice(0, 16).replace("T", " ");
}
