import { EventEmitter } from "node:events";
import { getDb } from "./db/client";
import type { EngineEvent, RunError } from "./engine/types";
import { executeRun, queuedOrInterrupted } from "./executions/worker";
import { log } from "./log";
import type { ModuleRegistry } from "./modules/registry";
import { InProcessQueue, type RunQueue } from "./queue";
import { registry } from "../modules";
import { startScheduler } from "./scheduler/loop";

export interface ExecutionEvent {
  executionId: string;
  event: EngineEvent;
}

/** Emitted as "finished" once an execution's outcome is recorded. */
export interface ExecutionFinished {
  executionId: string;
  status: string;
  error: RunError | null;
}

/** The process-wide pieces that execute runs: the queue, the module registry, live run events. */
export interface Runtime {
  queue: RunQueue;
  stopScheduler: () => void;
  registry: ModuleRegistry;
  /**
   * "execution" (ExecutionEvent) for live run views, "respond" ({ executionId, response }) for waiting
   * webhook callers, "finished" (ExecutionFinished) when an outcome is recorded.
   */
  events: EventEmitter;
}

const key = Symbol.for("patchbay.runtime");
type GlobalWithRuntime = typeof globalThis & { [key]?: Runtime };

/**
 * One runtime per process on globalThis (the custom server and Next's bundles share it). The first
 * call starts consuming the queue and re-enqueues executions a previous process accepted but never finished.
 */
export function getRuntime(): Runtime {
  const g = globalThis as GlobalWithRuntime;
  if (g[key]) return g[key];
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const queue = new InProcessQueue(Number(process.env.PATCHBAY_WORKER_CONCURRENCY ?? 4), (err, job) =>
    log.error({ err, executionId: job.executionId }, "run failed outside the engine"),
  );
  const runtime: Runtime = { queue, registry, events, stopScheduler: startScheduler(getDb, queue) };
  g[key] = runtime;
  queue.process(async ({ executionId }) => {
    const db = await getDb();
    const outcome = await executeRun(
      db,
      {
        registry,
        onEvent: (event) => events.emit("execution", { executionId, event }),
        respond: (response) => events.emit("respond", { executionId, response }),
      },
      executionId,
    );
    if (outcome) events.emit("finished", { executionId, ...outcome } satisfies ExecutionFinished);
  });
  void (async () => {
    const pending = await queuedOrInterrupted(await getDb());
    for (const executionId of pending) await queue.enqueue({ executionId });
    if (pending.length > 0) log.info({ count: pending.length }, "re-queued executions left by the previous process");
  })().catch((err: unknown) => log.error({ err }, "could not recover queued executions"));
  return runtime;
}

export async function stopRuntime(): Promise<void> {
  const g = globalThis as GlobalWithRuntime;
  const runtime = g[key];
  if (!runtime) return;
  runtime.stopScheduler();
  await runtime.queue.close();
  delete g[key];
}
