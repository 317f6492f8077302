import { and, eq, inArray, isNotNull, lte } from "drizzle-orm";
import type { Db } from "../db/client";
import { executions, scenarioRevisions, scenarios } from "../db/schema";
import { enqueueRun } from "../executions/service";
import { log } from "../log";
import type { RunQueue } from "../queue";
import type { Blueprint } from "../scenario/blueprint";
import { fastSchedules } from "./activation";
import { DEFAULT_SCHEDULE, nextRuns, type Schedule } from "./schedule";

/**
 * Fires due scheduled runs. Each due scenario's next time is moved on with a compare-and-set first, so a
 * tick fires once even if several processes run this loop. An overlapping run is skipped unless the
 * scenario allows parallel runs.
 */
export async function fireDueSchedules(db: Db, queue: RunQueue, now = new Date()): Promise<string[]> {
  const due = await db
    .select({ s: scenarios, blueprint: scenarioRevisions.blueprint })
    .from(scenarios)
    .innerJoin(scenarioRevisions, and(eq(scenarioRevisions.scenarioId, scenarios.id), eq(scenarioRevisions.number, scenarios.currentRevision)))
    .where(and(eq(scenarios.active, true), isNotNull(scenarios.nextRunAt), lte(scenarios.nextRunAt, now)));
  const fired: string[] = [];
  for (const { s, blueprint } of due) {
    const settings = (blueprint as Blueprint).settings;
    const schedule = (s.schedule as Schedule | null) ?? DEFAULT_SCHEDULE;
    const next = nextRuns(schedule, settings.timezone, now, 1, { allowSeconds: fastSchedules() })[0] ?? null;
    const claimed = await db
      .update(scenarios)
      .set({ nextRunAt: next })
      .where(and(eq(scenarios.id, s.id), eq(scenarios.nextRunAt, s.nextRunAt!)))
      .returning({ id: scenarios.id });
    if (claimed.length === 0) continue;
    if (settings.allowParallelRuns !== true) {
      const [busy] = await db
        .select({ id: executions.id })
        .from(executions)
        .where(and(eq(executions.scenarioId, s.id), inArray(executions.status, ["queued", "running"])))
        .limit(1);
      if (busy) {
        log.info({ scenarioId: s.id, running: busy.id }, "scheduled run skipped: the previous run is still going");
        continue;
      }
    }
    await enqueueRun(db, queue, { scenarioId: s.id, trigger: "schedule" });
    fired.push(s.id);
  }
  return fired;
}

/** Checks every second; returns a stop function. */
export function startScheduler(db: () => Promise<Db>, queue: RunQueue): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void db()
      .then((d) => fireDueSchedules(d, queue))
      .catch((err: unknown) => log.error({ err }, "scheduler tick failed"))
      .finally(() => (running = false));
  }, 1000);
  timer.unref();
  return () => clearInterval(timer);
}
