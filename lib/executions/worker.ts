import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { executionLogs, executions, incompleteExecutions, scenarioRevisions, scenarios } from "../db/schema";
import type { Blueprint } from "../scenario/blueprint";
import { newId } from "../ids";
import { resumeScenario, runScenario } from "../engine";
import type { EngineBlueprint } from "../engine/blueprint";
import type { ExecutionResult, RunError, RunInput } from "../engine/types";
import type { WebhookResponse } from "../modules/context";
import type { ModuleRegistry } from "../modules/registry";
import { sunsetToday } from "../modules/sunset";
import { AppError } from "../errors";
import { connectionService } from "../connections";
import { log } from "../log";
import { GroupCommit, groupCommitConcurrency } from "../db/group-commit";
import { cachedRevision } from "./revision-cache";
import { databaseScenarioStore } from "./scenario-store";
import { DataStoreService } from "../datastores/service";
import { RemoteTriggers, triggerOf } from "../scheduler/triggers";

const LOG_BATCH = 200;

export interface WorkerDeps {
  registry: ModuleRegistry;
  /** Live progress for the editor (modules lighting up); optional. */
  onEvent?: RunInput["onEvent"];
  /** webhooks:respond's answer for a caller waiting on this execution. */
  respond?: (response: WebhookResponse) => void;
}

/**
 * Runs one queued execution and records its outcome. Claims the row first (queued, or running after a
 * crash), so a job delivered twice runs once at a time, under the same execution id.
 */
export async function executeRun(
  db: Db,
  deps: WorkerDeps,
  executionId: string,
): Promise<{ status: string; error: RunError | null; durationMs: number } | "busy" | undefined> {
  const claim = (await history(db).claims.submit(executionId)) ?? (await claimExecution(db, executionId));
  if (claim === undefined || claim === "busy") return claim;
  const claimed = claim;

  const { blueprint, name } = await cachedRevision(db, claimed.scenarioId, claimed.revision);
  const base = {
    blueprint: blueprint as EngineBlueprint,
    registry: deps.registry,
    services: {
      store: databaseScenarioStore(db, claimed.scenarioId),
      dataStores: new DataStoreService(db),
      connections: async (connectionId: string) => {
        try {
          return await (await connectionService(db)).resolve(connectionId);
        } catch (error) {
          if (error instanceof AppError && error.code === "not_found") {
            throw new AppError("not_found", `Connection ${connectionId} no longer exists; pick another one for this module.`);
          }
          throw error;
        }
      },
      logger: (record: { level: string; message: string; moduleId: number }) =>
        log.debug({ executionId, moduleId: record.moduleId }, record.message),
      respond: deps.respond,
    },
    execution: { id: executionId, scenarioId: claimed.scenarioId, scenarioName: name },
    onEvent: deps.onEvent,
    today: sunsetToday(),
  };

  let retried: typeof incompleteExecutions.$inferSelect | undefined;
  let result: ExecutionResult;
  if (claimed.trigger === "retry") {
    const incompleteId = (claimed.input as { incompleteId?: string } | null)?.incompleteId ?? "";
    [retried] = await db.select().from(incompleteExecutions).where(eq(incompleteExecutions.id, incompleteId));
    result = await resumeScenario(retried?.state, base);
  } else {
    result = await runScenario({ ...base, trigger: claimed.input === null ? undefined : { payload: claimed.input } });
  }
  // The common outcome (no parked bundles, no retry, no failure to count) is written together with other
  // runs finishing at the same time; the rest keep their own transaction.
  if (!retried && result.incomplete.length === 0 && result.status !== "error") await history(db).outcomes.submit({ execution: claimed, result });
  else {
    const switchedOff = await record(db, claimed, result, retried);
    // Switched off by its failures: whatever its trigger registered remotely stops delivering too.
    const trigger = switchedOff ? triggerOf(switchedOff) : undefined;
    if (trigger) await new RemoteTriggers(db, deps.registry, await connectionService(db)).unregister(claimed.scenarioId, trigger);
  }
  return { status: result.status, error: result.error, durationMs: result.durationMs };
}

/** What running and recording need of a claimed execution (the rest of the row stays in the database). */
type Claimed = Pick<typeof executions.$inferSelect, "id" | "scenarioId" | "revision" | "trigger" | "input" | "attempt">;
const claimedColumns = {
  id: executions.id,
  scenarioId: executions.scenarioId,
  revision: executions.revision,
  trigger: executions.trigger,
  input: executions.input,
  attempt: executions.attempt,
};

const historyKey = Symbol.for("patchbay.execution-history");
type GlobalWithHistory = typeof globalThis & { [historyKey]?: { db: Db; claims: GroupCommit<string, Claimed | undefined>; outcomes: GroupCommit<Outcome, void> } };
interface Outcome {
  execution: Claimed;
  result: ExecutionResult;
}

/** The group commits of the run path, one pair per process and database. */
function history(db: Db) {
  const g = globalThis as GlobalWithHistory;
  if (g[historyKey]?.db !== db) {
    g[historyKey] = {
      db,
      claims: new GroupCommit((ids: string[]) => claimMany(db, ids), { maxBatch: 500, concurrency: groupCommitConcurrency() }),
      outcomes: new GroupCommit((items: Outcome[]) => recordMany(db, items), { maxBatch: 200, concurrency: groupCommitConcurrency() }),
    };
  }
  return g[historyKey];
}

/**
 * Claims many executions in one statement: those still queued (or running after a crash) of scenarios
 * that allow parallel runs. Undefined for the others — finished, missing, or of a sequential scenario —
 * which then go through the one-by-one claim with its scenario lock.
 *
 * The hot statements of the run path take their whole batch as one JSON parameter: the database unpacks it
 * (json_to_recordset), so a batch of 200 costs one parameter to send instead of 1,400 to build and bind.
 */
async function claimMany(db: Db, ids: string[]): Promise<Array<Claimed | undefined>> {
  const { rows } = await db.execute<{ id: string; scenario_id: string; revision: number; trigger: Claimed["trigger"]; input: string | null; attempt: number }>(sql`
    update executions e
       set status = 'running', attempt = e.attempt + 1, started_at = now()
      from scenario_revisions r
     where e.id in (select json_array_elements_text(${JSON.stringify(ids)}::json))
       and e.status in ('queued', 'running')
       and r.scenario_id = e.scenario_id and r.number = e.revision
       and coalesce((r.blueprint -> 'settings' ->> 'sequential')::boolean, false) = false
    returning e.id, e.scenario_id, e.revision, e.trigger, e.input::text as input, e.attempt`);
  const byId = new Map(
    rows.map((r): [string, Claimed] => [
      r.id,
      { id: r.id, scenarioId: r.scenario_id, revision: Number(r.revision), trigger: r.trigger, input: r.input === null ? null : (JSON.parse(r.input) as unknown), attempt: Number(r.attempt) },
    ]),
  );
  return ids.map((id) => byId.get(id));
}

/**
 * Records many plain outcomes in one statement, so atomically: their logs, their execution rows, and the
 * reset of their scenarios' failure counts (written only where there is one to reset).
 */
async function recordMany(db: Db, items: Outcome[]): Promise<void[]> {
  try {
    // A re-delivered job replaces the log of its interrupted attempt: one execution, one log. Should the
    // process die right after this, the execution is still running and its next attempt deletes again.
    const rerun = items.filter((i) => i.execution.attempt > 1).map((i) => i.execution.id);
    if (rerun.length > 0) await db.execute(sql`delete from execution_logs where execution_id in (select json_array_elements_text(${JSON.stringify(rerun)}::json))`);
    const logs = items.flatMap(({ execution, result }) => result.log.map((entry, seq) => ({ execution_id: execution.id, seq, module_id: entry.moduleId, entry })));
    const outcomes = items.map(({ execution, result }) => ({
      id: execution.id,
      status: result.status,
      operations: result.operations,
      // Left out when null: json_to_recordset would otherwise store a JSON null instead of no error.
      ...(result.error ? { error: result.error } : {}),
      started_at: new Date(result.startedAt).toISOString(),
      finished_at: new Date(result.finishedAt).toISOString(),
      duration_ms: Math.round(result.durationMs),
    }));
    const counting = [...new Set(items.filter((i) => i.execution.trigger === "schedule" || i.execution.trigger === "webhook").map((i) => i.execution.scenarioId))];
    await db.execute(sql`
      with logs as (
        insert into execution_logs (execution_id, seq, module_id, entry)
        select l.execution_id, l.seq, l.module_id, l.entry
          from json_to_recordset(${JSON.stringify(logs)}::json) as l(execution_id text, seq int, module_id int, entry json)
      ), outcomes as (
        update executions e
           set status = o.status, operations = o.operations, error = o.error, started_at = o.started_at, finished_at = o.finished_at, duration_ms = o.duration_ms
          from json_to_recordset(${JSON.stringify(outcomes)}::json) as o(id text, status text, operations int, error jsonb, started_at timestamptz, finished_at timestamptz, duration_ms int)
         where e.id = o.id
      )
      update scenarios set consecutive_failures = 0
       where id in (select json_array_elements_text(${JSON.stringify(counting)}::json)) and consecutive_failures <> 0`);
  } catch (error) {
    if (items.length === 1) throw error;
    // One bad item (e.g. its scenario was deleted mid-run) must not cost the others their record.
    log.warn({ err: error instanceof Error ? error.message : error, count: items.length }, "group record failed; recording one by one");
    for (const item of items) await record(db, item.execution, item.result, undefined).catch((err: unknown) => log.error({ err, executionId: item.execution.id }, "could not record an execution"));
  }
  return items.map(() => undefined);
}

/**
 * Marks a queued (or, after a crash, still running) execution as running, under a lock on its scenario.
 * A sequential scenario runs one execution at a time across every worker: while another of its runs is
 * going, this one is "busy" and waits in the queue.
 */
async function claimExecution(db: Db, executionId: string): Promise<Claimed | "busy" | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(executions).where(eq(executions.id, executionId));
    if (!row || (row.status !== "queued" && row.status !== "running")) return undefined;
    await tx.select({ id: scenarios.id }).from(scenarios).where(eq(scenarios.id, row.scenarioId)).for("update");
    const [rev] = await tx
      .select({ blueprint: scenarioRevisions.blueprint })
      .from(scenarioRevisions)
      .where(and(eq(scenarioRevisions.scenarioId, row.scenarioId), eq(scenarioRevisions.number, row.revision)));
    if ((rev?.blueprint as Blueprint | undefined)?.settings.sequential) {
      const [other] = await tx
        .select({ id: executions.id })
        .from(executions)
        .where(and(eq(executions.scenarioId, row.scenarioId), eq(executions.status, "running"), ne(executions.id, executionId)))
        .limit(1);
      if (other) return "busy";
    }
    const [claimed] = await tx
      .update(executions)
      .set({ status: "running", attempt: sql`${executions.attempt} + 1`, startedAt: new Date() })
      .where(and(eq(executions.id, executionId), inArray(executions.status, ["queued", "running"])))
      .returning(claimedColumns);
    return claimed;
  });
}

async function record(
  db: Db,
  execution: Claimed,
  result: ExecutionResult,
  retried: typeof incompleteExecutions.$inferSelect | undefined,
): Promise<Blueprint | null> {
  return db.transaction(async (tx) => {
    // A re-delivered job replaces the log of its interrupted attempt: one execution, one log.
    await tx.delete(executionLogs).where(eq(executionLogs.executionId, execution.id));
    for (let i = 0; i < result.log.length; i += LOG_BATCH) {
      await tx.insert(executionLogs).values(
        result.log.slice(i, i + LOG_BATCH).map((entry, j) => ({ executionId: execution.id, seq: i + j, moduleId: entry.moduleId, entry })),
      );
    }
    await tx
      .update(executions)
      .set({
        status: result.status,
        operations: result.operations,
        error: result.error,
        startedAt: new Date(result.startedAt),
        finishedAt: new Date(result.finishedAt),
        durationMs: Math.round(result.durationMs),
      })
      .where(eq(executions.id, execution.id));
    if (result.incomplete.length > 0) {
      await tx.insert(incompleteExecutions).values(
        result.incomplete.map((state) => ({
          id: newId("inc"),
          executionId: execution.id,
          scenarioId: execution.scenarioId,
          revision: execution.revision,
          moduleId: state.moduleId,
          state,
          error: state.error,
        })),
      );
    }
    const switchedOff = execution.trigger === "schedule" || execution.trigger === "webhook" ? await countFailures(tx, execution.scenarioId, result) : null;
    if (retried) {
      // Fixed (or parked again under a new record): either way this one is done; a plain failure returns it to the list.
      const done = result.status !== "error";
      await tx
        .update(incompleteExecutions)
        .set({ status: done ? "resolved" : "pending", attempts: sql`${incompleteExecutions.attempts} + 1` })
        .where(eq(incompleteExecutions.id, retried.id));
    }
    return switchedOff;
  });
}

/** At start: executions a previous process accepted but did not finish run again, under their own ids. */
export async function queuedOrInterrupted(db: Db): Promise<string[]> {
  const rows = await db
    .select({ id: executions.id })
    .from(executions)
    .where(inArray(executions.status, ["queued", "running"]))
    .orderBy(executions.createdAt);
  return rows.map((r) => r.id);
}

/**
 * Runs that start by themselves count towards switching a failing scenario off (settings; default 3).
 * Returns the current blueprint when this run switched the scenario off.
 */
async function countFailures(tx: DbOrTx, scenarioId: string, result: ExecutionResult): Promise<Blueprint | null> {
  if (result.status !== "error") {
    await tx.update(scenarios).set({ consecutiveFailures: 0 }).where(eq(scenarios.id, scenarioId));
    return null;
  }
  const [row] = await tx
    .update(scenarios)
    .set({ consecutiveFailures: sql`${scenarios.consecutiveFailures} + 1` })
    .where(eq(scenarios.id, scenarioId))
    .returning({ failures: scenarios.consecutiveFailures, revision: scenarios.currentRevision, active: scenarios.active });
  if (!row?.active) return null;
  const [rev] = await tx
    .select({ blueprint: scenarioRevisions.blueprint })
    .from(scenarioRevisions)
    .where(and(eq(scenarioRevisions.scenarioId, scenarioId), eq(scenarioRevisions.number, row.revision)));
  const limit = (rev?.blueprint as Blueprint | undefined)?.settings.autoDeactivateAfterErrors ?? 3;
  if (limit > 0 && row.failures >= limit) {
    await tx
      .update(scenarios)
      .set({
        active: false,
        nextRunAt: null,
        deactivatedReason: `Switched off after ${row.failures} failed runs in a row. Last error: ${result.error?.message ?? "unknown"}`,
      })
      .where(eq(scenarios.id, scenarioId));
    return (rev?.blueprint as Blueprint | undefined) ?? null;
  }
  return null;
}
