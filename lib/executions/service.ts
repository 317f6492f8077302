import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../auth/roles";
import type { Db } from "../db/client";
import { executionLogs, executions, incompleteExecutions, scenarioRevisions, scenarios, type ExecutionRow } from "../db/schema";
import { AppError, notFound } from "../errors";
import { newId } from "../ids";
import { redact } from "../engine/redact";
import { isOlderSchema, migrateDocument } from "../scenario/schema-migrations";
import { log } from "../log";
import type { LogEntry, RunError } from "../engine/types";
import type { RunQueue } from "../queue";
import type { executionSummarySchema, incompleteViewSchema } from "../api/views";

export const executionStatuses = ["queued", "running", "success", "warning", "error", "incomplete"] as const;
export type ExecutionStatusName = (typeof executionStatuses)[number];

export const runInput = z.object({
  /** For run-once: the trigger payload (a manual trigger's data, a webhook body to replay). */
  payload: z.unknown().optional(),
});

export const listExecutionsQuery = z.object({
  status: z.enum(executionStatuses).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export type ExecutionSummary = Omit<z.infer<typeof executionSummarySchema>, "error"> & { error: RunError | null };
export type ExecutionDetail = ExecutionSummary & { input: unknown; log: LogEntry[] };
export type IncompleteView = Omit<z.infer<typeof incompleteViewSchema>, "error"> & { error: RunError };

/** Records a queued execution of the scenario's current revision, then hands its id to the queue. */
export async function enqueueRun(
  db: Db,
  queue: RunQueue,
  request: {
    scenarioId: string;
    trigger: ExecutionRow["trigger"];
    input?: unknown;
    startedBy?: string | null;
    retryOf?: string;
    /** Default: the scenario's current revision. A retry runs the revision its bundle was parked in. */
    revision?: number;
  },
): Promise<ExecutionSummary> {
  const [scenario] = await db
    .select({ revision: scenarios.currentRevision })
    .from(scenarios)
    .where(eq(scenarios.id, request.scenarioId));
  if (!scenario) throw notFound("Scenario");
  const [row] = await db
    .insert(executions)
    .values({
      id: newId("exe"),
      scenarioId: request.scenarioId,
      revision: request.revision ?? scenario.revision,
      status: "queued",
      trigger: request.trigger,
      // Kept as received, because the run needs the real values; every read for people goes through redact().
      input: request.input === undefined ? null : request.input,
      startedBy: request.startedBy ?? null,
      retryOf: request.retryOf ?? null,
    })
    .returning();
  try {
    await queue.enqueue({ executionId: row.id });
  } catch (err) {
    // Stored is what counts: the recovery sweep offers queued executions again once the queue is back.
    log.warn({ executionId: row.id, err: err instanceof Error ? err.message : err }, "queue unreachable; the run waits in the database");
  }
  return toSummary(row);
}

export async function getExecution(db: Db, id: string): Promise<ExecutionDetail> {
  const [row] = await db.select().from(executions).where(eq(executions.id, id));
  if (!row) throw notFound("Execution");
  const logs = await db
    .select({ entry: executionLogs.entry })
    .from(executionLogs)
    .where(eq(executionLogs.executionId, id))
    .orderBy(asc(executionLogs.seq));
  return { ...toSummary(row), input: row.trigger === "retry" ? null : redact(row.input), log: logs.map((l) => l.entry as LogEntry) };
}

export async function listExecutions(
  db: Db,
  scenarioId: string,
  q: z.infer<typeof listExecutionsQuery>,
): Promise<{ items: ExecutionSummary[]; page: number; pageSize: number; total: number }> {
  await assertScenario(db, scenarioId);
  const where = and(eq(executions.scenarioId, scenarioId), q.status ? eq(executions.status, q.status) : undefined);
  const [{ total }] = await db.select({ total: count() }).from(executions).where(where);
  const rows = await db
    .select()
    .from(executions)
    .where(where)
    .orderBy(desc(executions.createdAt), desc(executions.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map(toSummary), page: q.page, pageSize: q.pageSize, total };
}

export async function listIncomplete(db: Db, scenarioId: string): Promise<IncompleteView[]> {
  await assertScenario(db, scenarioId);
  const rows = await db
    .select()
    .from(incompleteExecutions)
    .where(and(eq(incompleteExecutions.scenarioId, scenarioId), inArray(incompleteExecutions.status, ["pending", "retrying"])))
    .orderBy(desc(incompleteExecutions.createdAt));
  return rows.map(toIncompleteView);
}

/** Retrying continues from the failed module with the stored bundle, as a new execution. */
export async function retryIncomplete(db: Db, queue: RunQueue, actor: Actor, id: string): Promise<ExecutionSummary> {
  const claimed = await db
    .update(incompleteExecutions)
    .set({ status: "retrying" })
    .where(and(eq(incompleteExecutions.id, id), eq(incompleteExecutions.status, "pending")))
    .returning();
  if (claimed.length === 0) {
    const [row] = await db.select().from(incompleteExecutions).where(eq(incompleteExecutions.id, id));
    if (!row || row.status === "resolved") throw notFound("Incomplete execution");
    throw new AppError("conflict", "This incomplete execution is already being retried.");
  }
  const incomplete = claimed[0];
  return enqueueRun(db, queue, {
    scenarioId: incomplete.scenarioId,
    trigger: "retry",
    input: { incompleteId: incomplete.id },
    startedBy: actor.id,
    retryOf: incomplete.executionId,
    revision: incomplete.revision,
  });
}

export async function discardIncomplete(db: Db, id: string): Promise<void> {
  const rows = await db.delete(incompleteExecutions).where(eq(incompleteExecutions.id, id)).returning({ id: incompleteExecutions.id });
  if (rows.length === 0) throw notFound("Incomplete execution");
}

export async function revisionBlueprint(db: Db, scenarioId: string, revision: number): Promise<{ blueprint: unknown; name: string }> {
  const [row] = await db
    .select({ blueprint: scenarioRevisions.blueprint, name: scenarioRevisions.name })
    .from(scenarioRevisions)
    .where(and(eq(scenarioRevisions.scenarioId, scenarioId), eq(scenarioRevisions.number, revision)));
  if (!row) throw notFound(`Revision ${revision}`);
  // A revision stored in an older document format runs as its migration reads it.
  return isOlderSchema(row.blueprint) ? { ...row, blueprint: migrateDocument(row.blueprint).document } : row;
}

async function assertScenario(db: Db, id: string): Promise<void> {
  const [row] = await db.select({ id: scenarios.id }).from(scenarios).where(eq(scenarios.id, id));
  if (!row) throw notFound("Scenario");
}

export function toSummary(row: ExecutionRow): ExecutionSummary {
  return {
    id: row.id,
    scenarioId: row.scenarioId,
    revision: row.revision,
    status: row.status,
    trigger: row.trigger,
    operations: row.operations,
    attempt: row.attempt,
    error: (row.error as RunError | null) ?? null,
    retryOf: row.retryOf,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
  };
}

function toIncompleteView(row: typeof incompleteExecutions.$inferSelect): IncompleteView {
  return {
    id: row.id,
    executionId: row.executionId,
    scenarioId: row.scenarioId,
    revision: row.revision,
    moduleId: row.moduleId,
    status: row.status,
    attempts: row.attempts,
    error: row.error as RunError,
    createdAt: row.createdAt.toISOString(),
  };
}
