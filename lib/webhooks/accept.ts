import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { GroupCommit, groupCommitConcurrency } from "../db/group-commit";
import { log } from "../log";
import type { RunQueue } from "../queue";

export interface Acceptance {
  executionId: string;
  token: string;
  input: unknown;
}

/** What was stored: the revision that will run, or null when the webhook no longer leads to an active scenario. */
export type Accepted = { revision: number } | null;

const key = Symbol.for("patchbay.webhook-acceptor");
type GlobalWithAcceptor = typeof globalThis & { [key]?: { db: Db; queue: RunQueue; commit: GroupCommit<Acceptance, Accepted> } };

/**
 * Stores webhook calls as queued executions, many per statement (group commit), then enqueues them.
 * The statement itself re-checks that the token's webhook is enabled and its scenario active, and takes
 * the scenario's current revision at that moment: the in-memory route cache can only make a call faster,
 * never let it through to a scenario that was switched off or edited in another process.
 */
export function acceptWebhook(db: Db, queue: RunQueue, item: Acceptance): Promise<Accepted> {
  const g = globalThis as GlobalWithAcceptor;
  let acceptor = g[key];
  if (!acceptor || acceptor.db !== db || acceptor.queue !== queue) {
    acceptor = { db, queue, commit: new GroupCommit((items) => storeAndEnqueue(db, queue, items), { maxBatch: 500, concurrency: groupCommitConcurrency() }) };
    g[key] = acceptor;
  }
  return acceptor.commit.submit(item);
}

async function storeAndEnqueue(db: Db, queue: RunQueue, items: Acceptance[]): Promise<Accepted[]> {
  // The whole batch as one JSON parameter, unpacked by the database; `input` keeps the payload's text as is.
  const rows = items.map((i) => ({ id: i.executionId, token: i.token, ...(i.input === undefined ? {} : { input: i.input }) }));
  const result = await db.execute<{ id: string; revision: number }>(sql`
    insert into executions (id, scenario_id, revision, status, trigger, input)
    select v.id, s.id, s.current_revision, 'queued', 'webhook', v.input
      from json_to_recordset(${JSON.stringify(rows)}::json) as v(id text, token text, input json)
      join webhooks w on w.token = v.token and w.enabled
      join scenarios s on s.id = w.scenario_id and s.active
    returning id, revision`);
  const stored = new Map(result.rows.map((r) => [r.id, Number(r.revision)]));
  const jobs = items.filter((i) => stored.has(i.executionId)).map((i) => ({ executionId: i.executionId }));
  if (jobs.length > 0) {
    try {
      await queue.enqueueMany(jobs);
    } catch (err) {
      // Stored is what counts: queued executions are offered again (recovery sweep, or the next start).
      log.warn({ count: jobs.length, err: err instanceof Error ? err.message : err }, "queue unreachable; the runs wait in the database");
    }
  }
  return items.map((i) => (stored.has(i.executionId) ? { revision: stored.get(i.executionId)! } : null));
}
