import { LimitExceededError, RunStop } from "./errors";
import type { RunInput } from "./types";

export const DEFAULT_LIMITS = { maxResults: 100, maxOperations: 100_000, maxDurationMs: 40 * 60 * 1000 } as const;

export interface Limits {
  maxResults: number;
  maxOperations: number;
  maxDurationMs: number;
}

/** Caller's limits first, then the scenario's settings, then Fusion-like defaults. */
export function resolveLimits(input: Omit<RunInput, "trigger">): Limits {
  const settings = input.blueprint.settings ?? {};
  return {
    maxResults: input.limits?.maxResults ?? settings.maxResultsPerRun ?? DEFAULT_LIMITS.maxResults,
    maxOperations: input.limits?.maxOperations ?? settings.maxOperationsPerRun ?? DEFAULT_LIMITS.maxOperations,
    maxDurationMs:
      input.limits?.maxDurationMs ??
      (settings.maxDurationSeconds !== undefined ? settings.maxDurationSeconds * 1000 : DEFAULT_LIMITS.maxDurationMs),
  };
}

/**
 * The run's limits and its abort signal: cancelled by the caller, or fired when time runs out (a timer
 * for modules that are busy, a clock check between operations).
 */
export class RunGuard {
  private readonly controller = new AbortController();
  private cause: "cancelled" | "duration" | null = null;

  constructor(
    readonly limits: Limits,
    private readonly clock: () => number,
    private readonly startMs: number,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  elapsed(): number {
    return Math.max(0, this.clock() - this.startMs);
  }

  /** Starts watching; returns the function that stops watching. */
  watch(external: AbortSignal | undefined): () => void {
    const onAbort = () => this.abort("cancelled");
    if (external?.aborted) onAbort();
    external?.addEventListener("abort", onAbort, { once: true });
    // setTimeout overflows past 2^31-1 ms; no run is allowed that long anyway.
    const timer = setTimeout(() => this.abort("duration"), Math.min(this.limits.maxDurationMs, 2 ** 31 - 1));
    timer.unref?.();
    return () => {
      clearTimeout(timer);
      external?.removeEventListener("abort", onAbort);
    };
  }

  /** Throws when the next operation may not start. */
  beforeOperation(operationsSoFar: number): void {
    if (this.signal.aborted) throw this.stop();
    if (this.elapsed() > this.limits.maxDurationMs) {
      this.abort("duration");
      throw this.stop();
    }
    if (operationsSoFar >= this.limits.maxOperations) {
      throw new LimitExceededError(
        "operations",
        `The run reached its limit of ${this.limits.maxOperations} operations (maximum operations per run).`,
      );
    }
  }

  /** Why the run was aborted, as the error that ends it. */
  stop(): RunStop {
    if (this.cause === "duration") {
      const ms = this.limits.maxDurationMs;
      const limit = ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
      return new RunStop("error", { type: "LimitExceeded", message: `The run reached its time limit of ${limit} (maximum run duration).` });
    }
    return new RunStop("error", { type: "Cancelled", message: "The run was cancelled." });
  }

  private abort(cause: "cancelled" | "duration"): void {
    if (this.signal.aborted) return;
    this.cause = cause;
    this.controller.abort(new Error(cause === "duration" ? "The run ran out of time." : "The run was cancelled."));
  }
}
