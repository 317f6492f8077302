import { and, count, eq, gte, inArray } from "drizzle-orm";
import { databaseKind, type Db } from "./db/client";
import { executions, scenarios } from "./db/schema";
import type { QueueWorker } from "./queue";
import type { Runtime } from "./runtime";

export interface SystemStatus {
  mode: "embedded" | "distributed";
  database: "pglite" | "postgres";
  queue: { kind: "in-process" | "redis" | "postgres"; reachable: boolean; depth: number | null; counts?: Record<string, number> };
  workers: QueueWorker[];
  runsLastMinute: number;
  runsLastHour: number;
  failuresLastHour: number;
  activeScenarios: number;
  inFlight: number;
}

/** What the System page and GET /api/v1/system show; also the basis of /api/health. */
export async function systemStatus(db: Db, runtime: Runtime): Promise<SystemStatus> {
  const minuteAgo = new Date(Date.now() - 60_000);
  const hourAgo = new Date(Date.now() - 3_600_000);
  const [[minute], [hour], [failures], [active], [inFlight]] = await Promise.all([
    db.select({ n: count() }).from(executions).where(gte(executions.finishedAt, minuteAgo)),
    db.select({ n: count() }).from(executions).where(gte(executions.finishedAt, hourAgo)),
    db.select({ n: count() }).from(executions).where(and(gte(executions.finishedAt, hourAgo), eq(executions.status, "error"))),
    db.select({ n: count() }).from(scenarios).where(eq(scenarios.active, true)),
    db.select({ n: count() }).from(executions).where(inArray(executions.status, ["queued", "running"])),
  ]);
  let reachable = true;
  let depth: number | null = null;
  let counts: Record<string, number> | undefined;
  let workers: SystemStatus["workers"] = [];
  try {
    depth = await runtime.queue.depth();
    if (runtime.queue.workers && runtime.queue.counts) {
      counts = await runtime.queue.counts();
      workers = await runtime.queue.workers();
    } else {
      workers = [{ id: String(process.pid), name: "in-process" }];
    }
  } catch {
    reachable = false;
  }
  return {
    mode: runtime.backend ? "distributed" : "embedded",
    database: databaseKind() === "pg" ? "postgres" : "pglite",
    queue: { kind: runtime.backend ? runtime.backend.kind : "in-process", reachable, depth, ...(counts ? { counts } : {}) },
    workers,
    runsLastMinute: minute.n,
    runsLastHour: hour.n,
    failuresLastHour: failures.n,
    activeScenarios: active.n,
    inFlight: inFlight.n,
  };
}
