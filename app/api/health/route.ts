import { sql } from "drizzle-orm";
import { databaseKind, getDb } from "@/lib/db/client";
import { getRuntime } from "@/lib/runtime";
import { json } from "@/server/route";

/** Ready when the database answers and the queue is reachable; distributed mode also needs a live worker. */
export async function GET(): Promise<Response> {
  const report: Record<string, unknown> = { status: "ok" };
  let ready = true;
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    report.database = databaseKind() === "pg" ? "postgres" : "pglite";
  } catch {
    ready = false;
    report.database = "unreachable";
  }
  const runtime = getRuntime();
  try {
    await runtime.queue.depth();
    report.queue = runtime.backend?.kind ?? "in-process";
    if (runtime.queue.workers) {
      const workers = (await runtime.queue.workers()).length;
      report.workers = workers;
      if (workers === 0) ready = false;
    }
  } catch {
    ready = false;
    report.queue = "unreachable";
  }
  if (!ready) report.status = "unavailable";
  return json(report, ready ? 200 : 503);
}
