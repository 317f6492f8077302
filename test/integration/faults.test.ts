import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, freePort, isDistributed, runTargets, startServer, type RunningServer } from "../support/server";
import { ApiClient } from "../support/client";

/** BullMQ on Redis, and on PostgreSQL (PATCHBAY_QUEUE=postgres): the same guarantees under the same faults. */
const faultTargets = runTargets.filter(isDistributed);

const echo = (webhook: string, extra: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  modules: [
    { id: 1, module: "webhooks:customWebhook", version: 1, params: { webhook } },
    { id: 2, module: "json:create", version: 1, mapper: { data: { seq: "{{1.seq}}" } } },
  ],
  links: [{ from: 1, to: 2 }],
  ...extra,
});

async function until<T>(fn: () => Promise<T | undefined>, what: string, ms: number): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Sends `count` webhook calls, `parallel` at a time; returns the seq numbers that got a 2xx, and why the
 * others did not (a client-side socket reset under load is possible; such a call is simply not owed).
 */
async function stream(url: string, count: number, parallel: number, onProgress?: (sent: number) => void): Promise<number[] & { failures: string[] }> {
  const accepted: number[] = [];
  const failures: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const seq = next++;
        try {
          const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ seq }) });
          if (res.ok) accepted.push(seq);
          else failures.push(`${seq}: HTTP ${res.status} ${await res.text()}`);
          if (res.ok) await res.arrayBuffer();
        } catch (error) {
          failures.push(`${seq}: ${error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error)}`);
        }
        onProgress?.(seq);
      }
    }),
  );
  return Object.assign(accepted.sort((a, b) => a - b), { failures });
}

/** The guarantee: each accepted call ran exactly once and succeeded; nothing ran twice. */
function expectExactlyOnce(rows: Array<{ status: string; seq: string | null }>, accepted: number[]) {
  expect(rows.filter((r) => r.status !== "success")).toEqual([]);
  const seqs = rows.map((r) => Number(r.seq));
  expect(new Set(seqs).size, "no payload ran twice").toBe(seqs.length);
  const ran = new Set(seqs);
  expect(accepted.filter((seq) => !ran.has(seq)), "accepted payloads that never ran").toEqual([]);
}

/** Every accepted seq ends as exactly one successful execution: none lost, none doubled. */
async function outcomes(databaseUrl: string, scenarioId: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; seq: string | null }>(
      `select status, (input::jsonb -> 'body' ->> 'seq') as seq from executions where scenario_id = $1`,
      [scenarioId],
    );
    return rows;
  } finally {
    await client.end();
  }
}

async function settled(server: RunningServer, scenarioId: string, ms = 120_000) {
  return until(async () => {
    const rows = await outcomes(server.databaseUrl!, scenarioId);
    return rows.every((r) => r.status !== "queued" && r.status !== "running") ? rows : undefined;
  }, "every execution to finish", ms);
}

describe.each(faultTargets)("distributed mode under faults (%s)", (db) => {
  describe("worker crashes", () => {
    let server: RunningServer;
    let admin: ApiClient;
    beforeAll(async () => {
      server = await startServer({ db, workers: 2 });
      admin = new ApiClient(server.url);
      await admin.signIn(ADMIN.email, ADMIN.password);
    });
    afterAll(async () => server?.stop());

    it("runs each of 2,000 accepted webhooks exactly once while a worker is SIGKILLed 10 times", async () => {
      const hook = (await admin.post("/api/v1/webhooks", { name: "Stream" })).body;
      const s = (await admin.post("/api/v1/scenarios", { name: "Stream", blueprint: echo(hook.id) })).body;
      await admin.post(`/api/v1/scenarios/${s.id}/activate`);

      let kills = 0;
      const dead = new Set<number>();
      const killer = (async () => {
        while (kills < 10) {
          await new Promise((r) => setTimeout(r, 700));
          const alive = server.workers.filter((w) => !dead.has(w.pid));
          const victim = alive[kills % alive.length];
          await victim.kill("SIGKILL");
          dead.add(victim.pid);
          kills++;
          await server.startWorker();
        }
      })();
      const accepted = await stream(server.url + hook.path, 2000, 16);
      await killer;
      expect(kills).toBe(10);
      // Worker crashes never make the web process refuse a call; only a rare client-side reset may.
      expect(accepted.length, accepted.failures.join("\n")).toBeGreaterThanOrEqual(1990);

      const rows = await settled(server, s.id, 180_000);
      expectExactlyOnce(rows, accepted);
    }, 300_000);

    it("answers and runs a webhook whose web process is killed right after the 2xx", async () => {
      const hook = (await admin.post("/api/v1/webhooks", { name: "Web crash" })).body;
      const s = (await admin.post("/api/v1/scenarios", { name: "Web crash", blueprint: echo(hook.id) })).body;
      await admin.post(`/api/v1/scenarios/${s.id}/activate`);
      const res = await fetch(server.url + hook.path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ seq: 7 }) });
      expect(res.status).toBe(200);
      await server.crash();
      const rows = await settled(server, s.id);
      expect(rows).toEqual([{ status: "success", seq: "7" }]);
    });
  });

  // Only Redis can be away while the database stays: on PATCHBAY_QUEUE=postgres the queue is the database.
  describe.runIf(db === "distributed")("Redis outage", () => {
    let server: RunningServer;
    let admin: ApiClient;
    let redis: ChildProcess | undefined;
    let redisPort: number;
    const startRedis = () =>
      new Promise<void>((resolve, reject) => {
        redis = spawn("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
        redis.stdout?.on("data", (c: Buffer) => c.toString().includes("Ready to accept connections") && resolve());
        redis.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
      });
    const stopRedis = () =>
      new Promise<void>((resolve) => {
        if (!redis || redis.exitCode !== null || redis.signalCode !== null) return resolve();
        redis.once("exit", () => resolve());
        redis.kill("SIGKILL");
      });

    beforeAll(async () => {
      redisPort = await freePort();
      await startRedis();
      server = await startServer({ db: "distributed", workers: 1, env: { REDIS_URL: `redis://127.0.0.1:${redisPort}` } });
      admin = new ApiClient(server.url);
      await admin.signIn(ADMIN.email, ADMIN.password);
    });
    afterAll(async () => {
      await server?.stop();
      await stopRedis();
    });

    it("keeps accepting webhooks while Redis is down and runs each once after it returns", async () => {
      const hook = (await admin.post("/api/v1/webhooks", { name: "Outage" })).body;
      const s = (await admin.post("/api/v1/scenarios", { name: "Outage", blueprint: echo(hook.id) })).body;
      await admin.post(`/api/v1/scenarios/${s.id}/activate`);
      let outage: Promise<void> | undefined;
      const accepted = await stream(server.url + hook.path, 300, 4, (seq) => {
        if (seq === 100 && !outage) {
          outage = (async () => {
            await stopRedis();
            await new Promise((r) => setTimeout(r, 3000));
            await startRedis();
          })();
        }
      });
      await outage;
      // The 2xx means "stored", Redis or not: the outage never turns calls away.
      expect(accepted.length, accepted.failures.join("\n")).toBeGreaterThanOrEqual(297);
      const rows = await settled(server, s.id, 120_000);
      expectExactlyOnce(rows, accepted);
    });
  });

  describe("three workers", () => {
    let server: RunningServer;
    let admin: ApiClient;
    beforeAll(async () => {
      server = await startServer({ db, workers: 3, env: { PATCHBAY_DEV_FAST_SCHEDULES: "1" } });
      admin = new ApiClient(server.url);
      await admin.signIn(ADMIN.email, ADMIN.password);
    });
    afterAll(async () => server?.stop());

    it("fires each schedule tick once across all workers", async () => {
      const s = (
        await admin.post("/api/v1/scenarios", {
          name: "Ticks",
          blueprint: { schemaVersion: 1, modules: [{ id: 1, module: "json:create", version: 1, mapper: { data: { tick: true } } }], links: [], settings: { allowParallelRuns: true } },
        })
      ).body;
      await admin.put(`/api/v1/scenarios/${s.id}/schedule`, { schedule: { type: "interval", minutes: 0, seconds: 1 } });
      const started = Date.now();
      await admin.post(`/api/v1/scenarios/${s.id}/activate`);
      await new Promise((r) => setTimeout(r, 6000));
      await admin.post(`/api/v1/scenarios/${s.id}/deactivate`);
      const elapsed = (Date.now() - started) / 1000;
      const runs = (await admin.get(`/api/v1/scenarios/${s.id}/executions?pageSize=100`)).body.items as Array<{ createdAt: string }>;
      // One tick a second: three schedulers must not triple it.
      expect(runs.length).toBeGreaterThanOrEqual(3);
      expect(runs.length).toBeLessThanOrEqual(Math.ceil(elapsed) + 1);
      const times = runs.map((r) => Date.parse(r.createdAt)).sort((a, b) => a - b);
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThan(500);
    });

    it("never runs a sequential scenario twice at once, whichever workers take its runs", async () => {
      const hook = (await admin.post("/api/v1/webhooks", { name: "Sequential" })).body;
      const blueprint = {
        schemaVersion: 1,
        modules: [
          { id: 1, module: "webhooks:customWebhook", version: 1, params: { webhook: hook.id } },
          { id: 2, module: "flow:sleep", version: 1, mapper: { delay: 0.4 } },
        ],
        links: [{ from: 1, to: 2 }],
        settings: { sequential: true },
      };
      const s = (await admin.post("/api/v1/scenarios", { name: "Sequential", blueprint })).body;
      await admin.post(`/api/v1/scenarios/${s.id}/activate`);
      await stream(server.url + hook.path, 8, 8);
      const runs = await until(async () => {
        const items = (await admin.get(`/api/v1/scenarios/${s.id}/executions?pageSize=100`)).body.items as Array<{ status: string; startedAt: string; finishedAt: string }>;
        return items.length === 8 && items.every((r) => r.status === "success") ? items : undefined;
      }, "eight sequential runs", 60_000);
      const spans = runs.map((r) => [Date.parse(r.startedAt), Date.parse(r.finishedAt)]).sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
    });

    it("shows every worker process on the System page and in health, with the runs each one took", async () => {
      // The web process answers these from Next's bundle, which holds its own copy of the queue classes.
      const health = await admin.get("/api/health");
      expect(health.status).toBe(200);
      expect(health.body.workers).toBe(3);
      const system = (await admin.get("/api/v1/system")).body as { mode: string; workers: Array<{ name: string; recentRuns?: number }> };
      expect(system.mode).toBe("distributed");
      expect(new Set(system.workers.map((w) => w.name)).size).toBe(3);
      expect(system.workers.every((w) => server.workers.some((handle) => w.name.endsWith(`:${handle.pid}`)))).toBe(true);
      // The 3+ schedule ticks and 8 sequential runs above, each counted to the live worker that ran it.
      expect(system.workers.reduce((sum, w) => sum + (w.recentRuns ?? 0), 0)).toBeGreaterThanOrEqual(11);
    });
  });
});
