import { readConfig } from "../lib/config";
import { closeDb, getDb } from "../lib/db/client";
import { log } from "../lib/log";
import { getRuntime, queueBackend, stopRuntime } from "../lib/runtime";
import { getSecretKey } from "../lib/secrets/keyring";

/**
 * `npm run worker`: executes runs from the distributed queue (BullMQ). Start as many as the load needs,
 * on any machine that reaches the same PostgreSQL and Redis; SIGTERM finishes running jobs (bounded), then exits.
 */
async function main(): Promise<void> {
  if (!queueBackend()) throw new Error("A worker needs a distributed queue: set REDIS_URL (or PATCHBAY_QUEUE=postgres with DATABASE_URL).");
  if (!process.env.DATABASE_URL) throw new Error("A worker needs the shared database: set DATABASE_URL.");
  const config = readConfig();
  const db = await getDb();
  await getSecretKey(db, config);
  // Remote services call the web processes, never a worker; modules still need the public URL.
  process.env.PATCHBAY_PUBLIC_URL ??= "http://127.0.0.1:3000";
  const runtime = getRuntime("worker");
  process.stdout.write(`Patchbay worker ready (concurrency ${process.env.PATCHBAY_WORKER_CONCURRENCY ?? 4}, queue ${runtime.backend?.kind})\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "worker shutting down");
    await stopRuntime();
    await closeDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err: unknown) => {
  process.stderr.write(`Patchbay worker could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
