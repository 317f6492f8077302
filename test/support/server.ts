import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const ADMIN = { email: "admin@example.com", password: "correct-horse-battery" };

/**
 * pglite: the embedded default. postgres: one process on PostgreSQL. distributed: web + worker processes,
 * PostgreSQL + Redis. distributed-pg: web + worker processes with BullMQ on PostgreSQL (PATCHBAY_QUEUE=postgres), no Redis.
 */
export type DbTarget = "pglite" | "postgres" | "distributed" | "distributed-pg";

export const isDistributed = (db: DbTarget | undefined) => db === "distributed" || db === "distributed-pg";

export const REDIS_URL = process.env.PATCHBAY_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Postgres on this machine (trust auth); each test server gets a database of its own, dropped afterwards. */
export const POSTGRES_ADMIN_URL = process.env.PATCHBAY_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface RunningServer {
  url: string;
  dataDir: string;
  databaseUrl?: string;
  output: () => string;
  /** The web (or embedded) process, e.g. to read its memory use. */
  pid: () => number;
  stop: () => Promise<void>;
  /** Stop and start again on the same data (for restart tests). */
  restart: () => Promise<void>;
  /** SIGKILL, as a crash or an OOM kill would, then start again on the same data. */
  crash: () => Promise<void>;
  /** Stop the server process (data kept), e.g. to run a maintenance script, and start it again. */
  stopProcess: () => Promise<void>;
  startProcess: () => Promise<void>;
  /** The environment the server runs with, for maintenance scripts. */
  env: Record<string, string>;
  /** Distributed mode: the worker processes, and ways to kill and add them. */
  workers: WorkerHandle[];
  startWorker: (env?: Record<string, string>) => Promise<WorkerHandle>;
}

export interface WorkerHandle {
  pid: number;
  output: () => string;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `patchbay_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Starts the real server (built Next app + custom server) on 127.0.0.1 and a free port. */
export async function startServer(
  options: { db?: DbTarget; env?: Record<string, string>; workers?: number; /** e.g. --cpu-prof, for every process started */ nodeArgs?: string[] } = {},
): Promise<RunningServer> {
  const nodeArgs = options.nodeArgs ?? [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "patchbay-test-"));
  const database = options.db === "postgres" || isDistributed(options.db) ? await createDatabase() : undefined;
  const shared = { NEXTAUTH_SECRET: "test-secret-shared-by-all-processes", PATCHBAY_SECRET_KEY: "x".repeat(43) + "=" };
  const distributedEnv: Record<string, string> =
    options.db === "distributed"
      ? { REDIS_URL, PATCHBAY_REDIS_PREFIX: `pbtest-${process.pid}-${Date.now().toString(36)}`, ...shared }
      : options.db === "distributed-pg"
        ? { PATCHBAY_QUEUE: "postgres", REDIS_URL: "", ...shared }
        : {};
  const port = await freePort();
  let child: ChildProcess | undefined;
  let output = "";

  const launch = async () => {
    output = "";
    // One process (no tsx CLI wrapper), so signals, and SIGKILL above all, reach the server itself.
    child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server/main.ts"], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        PATCHBAY_DATA_DIR: dataDir,
        PATCHBAY_ADMIN_EMAIL: ADMIN.email,
        PATCHBAY_ADMIN_PASSWORD: ADMIN.password,
        PATCHBAY_LOG_LEVEL: "warn",
        ...(database ? { DATABASE_URL: database.url } : { DATABASE_URL: "" }),
        ...distributedEnv,
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const proc = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), 90_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Patchbay is running at")) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout?.on("data", onData);
      proc.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      proc.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${output}`));
      });
    });
  };

  const halt = async (signal: NodeJS.Signals = "SIGTERM") => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => proc.kill("SIGKILL"), 10_000);
      proc.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      proc.kill(signal);
    });
  };

  const workers: WorkerHandle[] = [];
  const startWorker = async (env: Record<string, string> = {}): Promise<WorkerHandle> => {
    let out = "";
    const proc = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server/worker.ts"], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        NODE_ENV: "production",
        PATCHBAY_DATA_DIR: dataDir,
        PATCHBAY_LOG_LEVEL: "warn",
        DATABASE_URL: database?.url ?? "",
        PATCHBAY_PUBLIC_URL: `http://127.0.0.1:${port}`,
        ...distributedEnv,
        ...options.env,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker did not start:\n${out}`)), 60_000);
      proc.stdout?.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.includes("worker ready")) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.stderr?.on("data", (c: Buffer) => (out += c.toString()));
      proc.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`worker exited with ${code}:\n${out}`));
      });
    });
    const handle: WorkerHandle = {
      pid: proc.pid!,
      output: () => out,
      kill: (signal = "SIGTERM") =>
        new Promise<void>((resolve) => {
          // A process ended by a signal has signalCode set and exitCode null.
          if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
          const force = setTimeout(() => proc.kill("SIGKILL"), 15_000);
          proc.once("exit", () => {
            clearTimeout(force);
            resolve();
          });
          proc.kill(signal);
        }),
    };
    workers.push(handle);
    return handle;
  };

  await launch();
  if (isDistributed(options.db)) {
    for (let i = 0; i < (options.workers ?? 1); i++) await startWorker();
  }
  return {
    workers,
    startWorker,
    stopProcess: () => halt(),
    startProcess: () => launch(),
    env: {
      PATCHBAY_DATA_DIR: dataDir,
      DATABASE_URL: database?.url ?? "",
      ...distributedEnv,
      ...options.env,
    },
    url: `http://127.0.0.1:${port}`,
    dataDir,
    databaseUrl: database?.url,
    output: () => output,
    pid: () => child?.pid ?? 0,
    restart: async () => {
      await halt();
      await launch();
    },
    crash: async () => {
      await halt("SIGKILL");
      await launch();
    },
    stop: async () => {
      await Promise.all(workers.map((w) => w.kill("SIGTERM")));
      await halt();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const requestedTargets = (process.env.PATCHBAY_TEST_DBS ?? "pglite,postgres,distributed,distributed-pg").split(",") as DbTarget[];

/**
 * Suites about running scenarios (executions, webhooks, schedules, faults): every target asked for,
 * because there the queue's backend is what is being tested.
 */
export const runTargets: DbTarget[] = requestedTargets;

/**
 * Suites about storage and the API alone: the queue's backend changes nothing there, so BullMQ on
 * PostgreSQL (distributed-pg) is not run a second time through them; it keeps CI time bounded.
 */
export const dbTargets: DbTarget[] = requestedTargets.filter((t) => t !== "distributed-pg");
