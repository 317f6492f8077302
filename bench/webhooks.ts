import { spawn } from "node:child_process";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { ApiClient } from "../test/support/client";
import { ADMIN, freePort, startServer, type DbTarget, type RunningServer } from "../test/support/server";
import type { BenchRow } from "./engine";
import { cpuMs, load, rssMb, type LoadResult } from "./load";

/**
 * The webhook hot path, end to end over HTTP against the real server processes (built Next app + custom
 * server), as issue 11 measures it: custom webhook → json:create → webhooks:respond, every execution and
 * its per-module log stored. Each case gets a fresh server (and database) and is checked afterwards:
 * every request answered 2xx must have a stored, successful execution with its full log.
 */

const seconds = Number(process.env.PATCHBAY_BENCH_SECONDS ?? 15);
/** The embedded case doubles as the memory soak: its RSS is sampled every second for this long. */
const soakSeconds = Number(process.env.PATCHBAY_BENCH_SOAK_SECONDS ?? 60);
const connections = Number(process.env.PATCHBAY_BENCH_CONNECTIONS ?? 50);
const warmupSeconds = Math.min(3, seconds);
const only = process.env.PATCHBAY_BENCH_CASES?.split(",");

interface Case {
  id: string;
  title: string;
  db: DbTarget;
  respond: boolean;
  seconds: number;
  target: string;
}

const cases: Case[] = [
  { id: "embedded", title: "webhook → json → respond, embedded (PGlite)", db: "pglite", respond: true, seconds: soakSeconds, target: "≥ 3,000/s, p99 < 50 ms" },
  { id: "embedded-ff", title: "fire-and-forget webhook, embedded (PGlite)", db: "pglite", respond: false, seconds, target: "≥ 5,000 accepted/s" },
  { id: "distributed", title: "webhook → json → respond, Postgres + Redis, 1 web + 1 worker", db: "distributed", respond: true, seconds, target: "≥ 2,000/s, p99 < 50 ms" },
  { id: "distributed-ff", title: "fire-and-forget webhook, Postgres + Redis", db: "distributed", respond: false, seconds, target: "≥ 5,000 accepted/s" },
  { id: "distributed-pg", title: "webhook → json → respond, PATCHBAY_QUEUE=postgres, 1 web + 1 worker", db: "distributed-pg", respond: true, seconds, target: "measured only" },
];

const blueprint = (webhook: string, respond: boolean) => ({
  schemaVersion: 1,
  modules: [
    { id: 1, module: "webhooks:customWebhook", version: 1, params: { webhook } },
    { id: 2, module: "json:create", version: 1, mapper: { data: { ok: true, echo: "{{1.value}}" } } },
    ...(respond ? [{ id: 3, module: "webhooks:respond", version: 1, mapper: { status: 200, body: "{{2.json}}" } }] : []),
  ],
  links: [{ from: 1, to: 2 }, ...(respond ? [{ from: 2, to: 3 }] : [])],
  settings: { allowParallelRuns: true },
});

export async function webhookBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const bare = await bareNode();
  rows.push({
    case: "bare Node http server (same load generator)",
    value: bare.rate.toFixed(0),
    unit: "requests/s",
    p50: bare.result.p50Ms.toFixed(1),
    p99: bare.result.p99Ms.toFixed(1),
    rss: bare.rss.toFixed(0),
    ratio: "1",
    note: `${connections} connections, ${seconds} s`,
  });
  for (const c of cases) {
    if (only && !only.includes(c.id)) continue;
    rows.push(...(await runCase(c, bare.rate)));
  }
  return rows;
}

async function bareNode(): Promise<{ rate: number; result: LoadResult; rss: number }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["-e", `require("node:http").createServer((q, s) => { q.resume(); q.on("end", () => s.end("ok")); }).listen(${port}, "127.0.0.1", () => console.log("up"))`],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  try {
    await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
    const url = `http://127.0.0.1:${port}/`;
    await load({ url, connections, seconds: warmupSeconds, expect: (s) => s === 200 });
    let rss = 0;
    const sampler = setInterval(() => (rss = Math.max(rss, rssMb(child.pid!))), 500);
    const result = await load({ url, connections, seconds, expect: (s) => s === 200 });
    clearInterval(sampler);
    return { rate: result.ok / result.seconds, result, rss };
  } finally {
    child.kill("SIGTERM");
  }
}

async function runCase(c: Case, bareRate: number): Promise<BenchRow[]> {
  const env: Record<string, string> = { PATCHBAY_LOG_LEVEL: "warn", PATCHBAY_WEBHOOK_RESPONSE_TIMEOUT_MS: "10000", PATCHBAY_WORKER_CONCURRENCY: process.env.PATCHBAY_WORKER_CONCURRENCY ?? "64" };
  // PATCHBAY_BENCH_PROFILE=dir: every server and worker process writes a V8 CPU profile there when it stops.
  const profile = process.env.PATCHBAY_BENCH_PROFILE;
  const nodeArgs = profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profile, c.id)}`] : [];
  const server = await startServer({ db: c.db, workers: 1, env, nodeArgs });
  try {
    const admin = new ApiClient(server.url);
    await admin.signIn(ADMIN.email, ADMIN.password);
    const hook = (await admin.post("/api/v1/webhooks", { name: `bench ${c.id}` })).body as { id: string; path: string };
    const scenario = (await admin.post("/api/v1/scenarios", { name: `bench ${c.id}`, blueprint: blueprint(hook.id, c.respond) })).body as { id: string };
    const activated = await admin.post(`/api/v1/scenarios/${scenario.id}/activate`);
    if (activated.status !== 200) throw new Error(`could not activate the bench scenario: ${JSON.stringify(activated.body)}`);
    const url = server.url + hook.path;
    const expectAnswer = c.respond
      ? (status: number, body: string) => status === 200 && body.startsWith('{"ok":true')
      : (status: number) => status === 200;

    // Idle: booted, nothing sent yet (the embedded process carries Next, PGlite and the sandboxes).
    await new Promise((r) => setTimeout(r, 2000));
    const idleRss = rssMb(server.pid());

    await load({ url, connections, seconds: warmupSeconds, expect: expectAnswer, body: (n) => `{"value":${-1 - n}}` });
    await drained(admin, scenario.id, 60_000);

    const samples: number[] = [];
    const workerSamples: number[] = [];
    const sampler = setInterval(() => {
      samples.push(rssMb(server.pid()));
      for (const w of server.workers) workerSamples.push(rssMb(w.pid));
    }, 1000);
    const pids = [server.pid(), ...server.workers.map((w) => w.pid)];
    const cpuBefore = pids.map(cpuMs);
    const startedAt = new Date();
    const result = await load({ url, connections, seconds: c.seconds, expect: expectAnswer });
    clearInterval(sampler);
    await drained(admin, scenario.id, 300_000);
    const cpuUsed = pids.map((pid, i) => cpuMs(pid) - cpuBefore[i]);
    const stored = await storedSince(server, c.db, scenario.id, startedAt);
    const modules = c.respond ? 3 : 2;
    const problems: string[] = [];
    if (result.failed > 0) problems.push(`${result.failed} requests failed (${result.failures[0]})`);
    if (stored.executions < result.ok) problems.push(`only ${stored.executions} executions stored for ${result.ok} 2xx answers`);
    if (stored.success !== stored.executions) problems.push(`${stored.executions - stored.success} executions did not succeed`);
    if (stored.logs !== stored.executions * modules) problems.push(`${stored.logs} log entries for ${stored.executions} executions (want ${modules} each)`);

    const accepted = result.ok / result.seconds;
    const executed = stored.executions / Math.max(0.001, stored.lastFinishedSeconds);
    const rate = c.respond ? executed : accepted;
    const peak = Math.max(...samples);
    const rss = c.db === "pglite" ? peak.toFixed(0) : `${peak.toFixed(0)} + ${Math.max(...workerSamples).toFixed(0)}`;
    const rows: BenchRow[] = [
      {
        case: c.title,
        value: rate.toFixed(0),
        unit: c.respond ? "executions/s" : "accepted/s",
        p50: result.p50Ms.toFixed(1),
        p99: result.p99Ms.toFixed(1),
        rss,
        ratio: (bareRate / rate).toFixed(1),
        note: [
          `target ${c.target}`,
          c.respond ? `${result.ok} answered in ${result.seconds.toFixed(1)} s` : `all ${stored.executions} ran by ${stored.lastFinishedSeconds.toFixed(1)} s (${executed.toFixed(0)} executions/s)`,
          `median queued ${stored.waitMs.toFixed(0)} ms, claimed → recorded ${stored.runMs.toFixed(0)} ms`,
          `CPU per execution ${cpuUsed.map((ms) => ((ms / Math.max(1, stored.executions)) * 1000).toFixed(0)).join(" + ")} µs (${c.db === "pglite" ? "server" : "web + worker"}; drain included)`,
          c.db === "pglite" ? `idle RSS ${idleRss.toFixed(0)} MB` : "RSS web + worker",
          ...(problems.length > 0 ? [`PROBLEMS: ${problems.join("; ")}`] : ["all stored with their logs"]),
        ].join("; "),
      },
    ];
    if (c.id === "embedded") {
      // V8 lets the heap grow between major collections, so RSS is a sawtooth; a leak shows as a rising
      // floor. The lowest sample of each third of the run is that floor.
      const third = Math.max(1, Math.floor(samples.length / 3));
      const floors = [0, 1, 2].map((i) => Math.min(...samples.slice(i * third, i === 2 ? undefined : (i + 1) * third)));
      rows.push({
        case: `embedded: RSS floor over the ${c.seconds} s run above`,
        value: floors.map((f) => f.toFixed(0)).join(" → "),
        unit: "MB",
        rss: peak.toFixed(0),
        note: `lowest RSS in each third of the run, sampled each second (a rising floor would be a leak); peak ${peak.toFixed(0)} MB; idle ${idleRss.toFixed(0)} MB (targets: idle < 250 MB, flat)`,
      });
    }
    return rows;
  } finally {
    await server.stop();
  }
}

/** Waits until the scenario has nothing queued or running (bounded). */
async function drained(admin: ApiClient, scenarioId: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const queued = (await admin.get(`/api/v1/scenarios/${scenarioId}/executions?status=queued&pageSize=1`)).body.total as number;
    const running = (await admin.get(`/api/v1/scenarios/${scenarioId}/executions?status=running&pageSize=1`)).body.total as number;
    if (queued + running === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`bench: executions of ${scenarioId} did not finish within ${ms / 1000} s`);
}

interface Stored {
  executions: number;
  success: number;
  logs: number;
  /** From the start of the measured load to the last recorded finish. */
  lastFinishedSeconds: number;
  /** Medians: stored → claimed by a worker, and claimed → outcome recorded. */
  waitMs: number;
  runMs: number;
}

const STORED_SQL = `
  select count(*)::int as executions,
         count(*) filter (where e.status = 'success')::int as success,
         coalesce(sum((select count(*) from execution_logs l where l.execution_id = e.id)), 0)::int as logs,
         extract(epoch from (max(e.finished_at) - $2::timestamptz))::float as last,
         (percentile_cont(0.5) within group (order by extract(epoch from (e.started_at - e.created_at)) * 1000))::float as wait_ms,
         (percentile_cont(0.5) within group (order by extract(epoch from (e.finished_at - e.started_at)) * 1000))::float as run_ms
    from executions e
   where e.scenario_id = $1 and e.created_at >= $2::timestamptz`;

/** Reads what was stored straight from the database (PGlite: once the server has let go of it). */
async function storedSince(server: RunningServer, db: DbTarget, scenarioId: string, since: Date): Promise<Stored> {
  type Row = { executions: number; success: number; logs: number; last: number | null; wait_ms: number | null; run_ms: number | null };
  let row: Row;
  if (db === "pglite") {
    await server.stopProcess();
    const lite = new PGlite(path.join(server.dataDir, "pglite"));
    try {
      row = (await lite.query<Row>(STORED_SQL, [scenarioId, since.toISOString()])).rows[0];
    } finally {
      await lite.close();
    }
  } else {
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      row = (await client.query<Row>(STORED_SQL, [scenarioId, since.toISOString()])).rows[0];
    } finally {
      await client.end();
    }
  }
  return { executions: row.executions, success: row.success, logs: row.logs, lastFinishedSeconds: Number(row.last ?? 0), waitMs: Number(row.wait_ms ?? 0), runMs: Number(row.run_ms ?? 0) };
}
