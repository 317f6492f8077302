import type { EventEmitter } from "node:events";
import type { WebhookResponse } from "../modules/context";
import type { ExecutionFinished } from "../runtime";

export type Outcome = { kind: "response"; response: WebhookResponse } | { kind: "failed"; message: string } | { kind: "finished" } | { kind: "timeout" };

interface Waiter {
  resolve: (outcome: Outcome) => void;
  timer: NodeJS.Timeout;
}

const key = Symbol.for("patchbay.webhook-waiters");
type GlobalWithWaiters = typeof globalThis & { [key]?: { events: EventEmitter; waiting: Map<string, Waiter> } };

/**
 * Callers waiting for their run's `webhooks:respond`, by execution id. One listener per process looks the
 * execution up in a map, so a thousand waiting callers cost one lookup per event, not a thousand listeners.
 */
function waiters(events: EventEmitter): Map<string, Waiter> {
  const g = globalThis as GlobalWithWaiters;
  if (g[key]?.events === events) return g[key].waiting;
  const waiting = new Map<string, Waiter>();
  const settle = (executionId: string, outcome: Outcome) => {
    const waiter = waiting.get(executionId);
    if (!waiter) return;
    waiting.delete(executionId);
    clearTimeout(waiter.timer);
    waiter.resolve(outcome);
  };
  events.on("respond", (e: { executionId: string; response: WebhookResponse }) => settle(e.executionId, { kind: "response", response: e.response }));
  events.on("finished", (e: ExecutionFinished) =>
    settle(e.executionId, e.status === "error" ? { kind: "failed", message: e.error?.message ?? "see the execution log" } : { kind: "finished" }),
  );
  g[key] = { events, waiting };
  return waiting;
}

/**
 * Starts waiting for an execution's answer before it is even stored, so a fast run cannot answer before
 * anyone listens. `cancel` when it turns out nobody should wait.
 */
export function waitForResponse(events: EventEmitter, executionId: string, timeoutMs: number): { result: Promise<Outcome>; cancel: () => void } {
  const waiting = waiters(events);
  let resolve!: (o: Outcome) => void;
  const result = new Promise<Outcome>((r) => (resolve = r));
  const timer = setTimeout(() => {
    waiting.delete(executionId);
    resolve({ kind: "timeout" });
  }, timeoutMs);
  waiting.set(executionId, { resolve, timer });
  return {
    result,
    cancel: () => {
      clearTimeout(timer);
      waiting.delete(executionId);
    },
  };
}
