import { desc, eq } from "drizzle-orm";
import type { Actor } from "../auth/roles";
import type { Db } from "../db/client";
import { upgradeRuns, users } from "../db/schema";
import { notFound } from "../errors";
import { newId } from "../ids";
import type { Outcome, RevertEntry, RunDetail, RunSummary } from "./views";

/**
 * An upgrade run (the "bulk id"): one apply of upgrades, or one connection swap, over one or many
 * scenarios, with the outcome of each, so the whole run can be reverted later.
 */
export type RunKind = "upgrade" | "swap-connection";

export async function startRun(db: Db, actor: Actor, kind: RunKind): Promise<string> {
  const id = newId("upg");
  await db.insert(upgradeRuns).values({ id, kind, actorId: actor.id, report: [] });
  return id;
}

/** Saved after every scenario, so a run cut short can still be reverted as far as it got. */
export async function recordResults(db: Db, runId: string, results: Outcome[]): Promise<void> {
  await db.update(upgradeRuns).set({ report: results }).where(eq(upgradeRuns.id, runId));
}

export async function runRow(db: Db, id: string) {
  const [row] = await db.select().from(upgradeRuns).where(eq(upgradeRuns.id, id));
  if (!row) throw notFound("Upgrade run");
  return row;
}

export async function getRun(db: Db, id: string): Promise<RunDetail> {
  const [row] = await db.select({ run: upgradeRuns, email: users.email }).from(upgradeRuns).leftJoin(users, eq(users.id, upgradeRuns.actorId)).where(eq(upgradeRuns.id, id));
  if (!row) throw notFound("Upgrade run");
  return { ...runSummary(row.run, row.email), results: row.run.report as Outcome[], revert: (row.run.revertReport as RevertEntry[] | null) ?? null };
}

export async function latestRuns(db: Db, limit: number): Promise<RunSummary[]> {
  const rows = await db
    .select({ run: upgradeRuns, email: users.email })
    .from(upgradeRuns)
    .leftJoin(users, eq(users.id, upgradeRuns.actorId))
    .orderBy(desc(upgradeRuns.createdAt), desc(upgradeRuns.id))
    .limit(limit);
  return rows.map((r) => runSummary(r.run, r.email));
}

function runSummary(run: typeof upgradeRuns.$inferSelect, email: string | null): RunSummary {
  const results = run.report as Outcome[];
  const count = (outcome: Outcome["outcome"]) => results.filter((r) => r.outcome === outcome).length;
  return {
    id: run.id,
    kind: run.kind,
    actor: run.actorId ? { id: run.actorId, email: email ?? "deleted user" } : null,
    createdAt: run.createdAt.toISOString(),
    revertedAt: run.revertedAt?.toISOString() ?? null,
    counts: { upgraded: count("upgraded"), attention: count("attention"), kept: count("kept") },
  };
}

/** A scenario the run left as it was, and why. */
export function keptOutcome(scenario: { scenarioId: string; name: string; active: boolean; revision: number | null }, reason: string): Outcome {
  return {
    scenarioId: scenario.scenarioId,
    name: scenario.name,
    outcome: "kept",
    reason,
    active: scenario.active,
    baseRevision: scenario.revision,
    revision: null,
    modules: [],
    attention: [],
  };
}
