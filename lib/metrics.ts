import type { IncomingMessage, ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { count } from "drizzle-orm";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { getDb } from "./db/client";
import { executions } from "./db/schema";
import type { ExecutionFinished, Runtime } from "./runtime";

interface Metrics {
  registry: Registry;
  webhooks: Counter<"outcome">;
  duration: Histogram<"status">;
}

const key = Symbol.for("patchbay.metrics");
type GlobalWithMetrics = typeof globalThis & { [key]?: Metrics };

/** One registry per process. Durations arrive as "finished" events, which in distributed mode come from the workers. */
export function metrics(runtime?: Runtime): Metrics {
  const g = globalThis as GlobalWithMetrics;
  if (g[key]) return g[key];
  const registry = new Registry();
  const webhooks = new Counter({ name: "patchbay_webhooks_received_total", help: "Webhook calls by outcome (accepted, rejected, not_found, inactive, too_large).", labelNames: ["outcome"], registers: [registry] });
  const duration = new Histogram({
    name: "patchbay_execution_duration_seconds",
    help: "Execution durations by final status.",
    labelNames: ["status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  new Gauge({
    name: "patchbay_executions",
    help: "Stored executions by status.",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      const db = await getDb();
      const rows = await db.select({ status: executions.status, n: count() }).from(executions).groupBy(executions.status);
      this.reset();
      for (const r of rows) this.set({ status: r.status }, r.n);
    },
  });
  new Gauge({
    name: "patchbay_queue_depth",
    help: "Runs waiting or running in the queue.",
    registers: [registry],
    async collect() {
      if (runtime) this.set(await runtime.queue.depth().catch(() => -1));
    },
  });
  runtime?.events.on("finished", (e: ExecutionFinished) => {
    if (typeof e.durationMs === "number") duration.observe({ status: e.status }, e.durationMs / 1000);
  });
  g[key] = { registry, webhooks, duration };
  return g[key];
}

/** GET /metrics with `Authorization: Bearer $PATCHBAY_METRICS_TOKEN`; without a configured token the endpoint does not exist. */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, runtime: Runtime): Promise<void> {
  const token = process.env.PATCHBAY_METRICS_TOKEN;
  if (!token) {
    res.writeHead(404).end();
    return;
  }
  const given = Buffer.from((req.headers.authorization ?? "").replace(/^Bearer /i, ""));
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    res.writeHead(401, { "www-authenticate": "Bearer" }).end();
    return;
  }
  const { registry } = metrics(runtime);
  res.writeHead(200, { "content-type": registry.contentType });
  res.end(await registry.metrics());
}
