import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { readConfig } from "../config";
import { schema } from "./schema";

export type Db = NodePgDatabase<typeof schema>;
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

type RawClient = { kind: "pglite"; client: PGlite } | { kind: "pg"; client: pg.Pool };

interface DbState {
  raw: RawClient;
  ready: Promise<void>;
}

/**
 * One raw client per process, kept on globalThis: Next bundles route handlers separately from the
 * custom server, and two PGlite instances on one directory would corrupt it. Each bundle wraps the
 * shared client with its own drizzle instance, which is cheap and stateless.
 */
const globalKey = Symbol.for("patchbay.db");
type GlobalWithDb = typeof globalThis & { [globalKey]?: DbState };

function migrationsFolder(): string {
  return path.join(process.cwd(), "drizzle");
}

function open(): DbState {
  const config = readConfig();
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
    const db = drizzlePg(pool, { schema });
    const ready = (async () => {
      // Several web/worker processes may start at once; one advisory lock serialises migrations.
      const conn = await pool.connect();
      try {
        await conn.query("select pg_advisory_lock(724100)");
        await migratePg(db, { migrationsFolder: migrationsFolder() });
      } finally {
        await conn.query("select pg_advisory_unlock(724100)").catch(() => undefined);
        conn.release();
      }
    })();
    return { raw: { kind: "pg", client: pool }, ready };
  }
  const dir = path.join(config.dataDir, "pglite");
  fs.mkdirSync(dir, { recursive: true });
  const raw = { kind: "pglite" } as { kind: "pglite"; client: PGlite };
  const ready = (async () => {
    await initialiseInChild(dir);
    raw.client = new PGlite(dir, { postgresqlconf: [`shared_buffers = ${process.env.PATCHBAY_PGLITE_SHARED_BUFFERS ?? "16MB"}`] });
    await migratePglite(drizzlePglite(raw.client, { schema }), { migrationsFolder: migrationsFolder() });
  })();
  return { raw, ready };
}

/**
 * A new PGlite data directory is created (initdb) in a short-lived child process: the WebAssembly memory
 * initdb grows to is never handed back, and would otherwise stay with the server for its whole life
 * (~450 MB more at idle). PGlite's own default of 128 MB shared buffers is lowered for the same reason
 * (PATCHBAY_PGLITE_SHARED_BUFFERS): its files are read through the operating system's page cache anyway.
 */
async function initialiseInChild(dir: string): Promise<void> {
  if (fs.existsSync(path.join(dir, "PG_VERSION"))) return;
  const script = "const { PGlite } = await import('@electric-sql/pglite'); const db = new PGlite(process.argv[1]); await db.waitReady; await db.close();";
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script, dir], { cwd: process.cwd(), stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`Could not create the database in ${dir}: ${stderr.trim() || `exit ${code}`}`))));
  });
}

function state(): DbState {
  const g = globalThis as GlobalWithDb;
  g[globalKey] ??= open();
  return g[globalKey];
}

function wrap(raw: RawClient): Db {
  return raw.kind === "pg"
    ? drizzlePg(raw.client, { schema })
    : (drizzlePglite(raw.client, { schema }) as unknown as Db);
}

let cached: { raw: RawClient; db: Db } | undefined;

/** The database, migrated. Safe to call from anywhere on the server; the first call opens it. */
export async function getDb(): Promise<Db> {
  const s = state();
  await s.ready;
  if (!cached || cached.raw !== s.raw) cached = { raw: s.raw, db: wrap(s.raw) };
  return cached.db;
}

export function databaseKind(): "pglite" | "pg" {
  return state().raw.kind;
}

export async function closeDb(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const s = g[globalKey];
  if (!s) return;
  delete g[globalKey];
  cached = undefined;
  await s.ready.catch(() => undefined);
  if (s.raw.kind === "pg") await s.raw.client.end();
  else await s.raw.client?.close();
}
