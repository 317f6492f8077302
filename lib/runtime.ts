import { EventEmitter } from "node:events";
import { and, eq, lt } from "drizzle-orm";
import { getDb } from "./db/client";
import { executions } from "./db/schema";
import type { EngineEvent, RunError } from "./engine/types";
import { executeRun, queuedOrInterrupted } from "./executions/worker";
import { log } from "./log";
import type { ModuleRegistry } from "./modules/registry";
import { InProcessQueue, type RunQueue } from "./queue";
import { BullRunQueue, type QueueBackend } from "./queue/bullmq";
import { bridgeEvents } from "./queue/event-bus";
import { startScheduler } from "./scheduler/loop";
import { registry } from "../modules";

export interface ExecutionEvent {
  executionId: string;
  event: EngineEvent;
}

/** Emitted as "finished" once an execution's outcome is recorded. */
export interface ExecutionFinished {
  executionId: string;
  status: string;
  error: RunError | null;
  durationMs?: number;
}

/** all: the embedded default, one process does everything. web: accepts and enqueues. worker: executes. */
export type RuntimeRole = "all" | "web" | "worker";

/** The process-wide pieces that execute runs: the queue, the module registry, live run events. */
export interface Runtime {
  role: RuntimeRole;
  queue: RunQueue;
  backend: QueueBackend | undefined;
  registry: ModuleRegistry;
  /**
   * "execution" (ExecutionEvent) for live run views, "respond" ({ executionId, response }) for waiting
   * webhook callers, "finished" (ExecutionFinished) when an outcome is recorded. In distributed mode
   * workers publish them and web processes receive them.
   */
  events: EventEmitter;
  stop: () => Promise<void>;
}

/** Distributed mode when REDIS_URL is set (BullMQ on Redis), or PATCHBAY_QUEUE=postgres (BullMQ on PostgreSQL). */
export function queueBackend(env: NodeJS.ProcessEnv = process.env): QueueBackend | undefined {
  if (env.PATCHBAY_QUEUE === "postgres") {
    if (!env.DATABASE_URL) throw new Error("PATCHBAY_QUEUE=postgres needs DATABASE_URL.");
    return { kind: "postgres", url: env.DATABASE_URL };
  }
  if (env.REDIS_URL) return { kind: "redis", url: env.REDIS_URL, prefix: env.PATCHBAY_REDIS_PREFIX ?? "patchbay" };
  return undefined;
}

const key = Symbol.for("patchbay.runtime");
type GlobalWithRuntime = typeof globalThis & { [key]?: Runtime };

const SWEEP_INTERVAL_MS = 5_000;
const SWEEP_AGE_MS = 5_000;

/**
 * One runtime per process on globalThis (the custom server and Next's bundles share it). The first call
 * decides the role: the embedded default, or — with a distributed queue — a web process unless told otherwise.
 */
export function getRuntime(requestedRole?: RuntimeRole): Runtime {
  const g = globalThis as GlobalWithRuntime;
  if (g[key]) return g[key];
  const backend = queueBackend();
  const role: RuntimeRole = requestedRole ?? (backend ? "web" : "all");
  const concurrency = Number(process.env.PATCHBAY_WORKER_CONCURRENCY ?? 4);
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const queue: RunQueue = backend
    ? new BullRunQueue(backend, concurrency)
    : new InProcessQueue(concurrency, (err, job) => log.error({ err, executionId: job.executionId }, "run failed outside the engine"));
  const stoppers: Array<() => void | Promise<void>> = [];

  if (role !== "web") {
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
      if (outcome === "busy") return "busy";
      if (outcome) events.emit("finished", { executionId, ...outcome } satisfies ExecutionFinished);
    });
    // Safe in every process at once: each tick is claimed with a compare-and-set on the scenario row.
    stoppers.push(startScheduler(getDb, queue));
  }
  // Redis pub/sub, or LISTEN/NOTIFY on PATCHBAY_QUEUE=postgres: answers and live progress cross processes either way.
  if (backend && role !== "all") stoppers.push(bridgeEvents(events, backend, role === "worker" ? "publish" : "subscribe"));
  if (role === "all") void requeueUnfinished(queue);
  if (role === "web") stoppers.push(startRecoverySweep(queue));

  const runtime: Runtime = {
    role,
    queue,
    backend,
    registry,
    events,
    stop: async () => {
      for (const stop of stoppers) await stop();
      await queue.close();
    },
  };
  g[key] = runtime;
  return runtime;
}

export async function stopRuntime(): Promise<void> {
  const g = globalThis as GlobalWithRuntime;
  const runtime = g[key];
  if (!runtime) return;
  delete g[key];
  await runtime.stop();
}

/** Embedded mode: what the previous process accepted but never finished runs again, under its own id. */
async function requeueUnfinished(queue: RunQueue): Promise<void> {
  try {
    const pending = await queuedOrInterrupted(await getDb());
    for (const executionId of pending) await queue.enqueue({ executionId });
    if (pending.length > 0) log.info({ count: pending.length }, "re-queued executions left by the previous process");
  } catch (err) {
    log.error({ err }, "could not recover queued executions");
  }
}

/**
 * Distributed mode: an execution stored while the queue was unreachable (Redis down) is still `queued`
 * in the database; offer it again. Job ids are execution ids, so a job already in the queue is not doubled.
 */
function startRecoverySweep(queue: RunQueue): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void (async () => {
      const db = await getDb();
      const stale = await db
        .select({ id: executions.id })
        .from(executions)
        .where(and(eq(executions.status, "queued"), lt(executions.createdAt, new Date(Date.now() - SWEEP_AGE_MS))))
        .orderBy(executions.createdAt)
        .limit(1000);
      for (const { id } of stale) await queue.enqueue({ executionId: id });
    })()
      .catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : err }, "recovery sweep could not reach the queue"))
      .finally(() => (running = false));
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
