import { DelayedError, Queue, Worker, createPostgresBackend, type RedisOptions } from "bullmq";
import { hostname } from "node:os";
import { log } from "../log";
import { BUSY_RETRY_MS, type RunHandler, type RunJob, type QueueWorker, type RunQueue } from "./index";

export const RUN_QUEUE_NAME = "patchbay-runs";

export type QueueBackend = { kind: "redis"; url: string; prefix: string } | { kind: "postgres"; url: string };

/**
 * The distributed queue: BullMQ on Redis (or on its PostgreSQL backend). The job id is the execution id,
 * so adding the same execution twice is a no-op; delivery is at least once (a job whose worker died is
 * found stalled and delivered again), and the worker's claim on the execution row makes it run once.
 */
export class BullRunQueue implements RunQueue {
  private readonly queue: Queue;
  private worker: Worker | undefined;

  constructor(
    private readonly backend: QueueBackend,
    private readonly concurrency: number,
  ) {
    this.queue =
      backend.kind === "redis"
        ? new Queue(RUN_QUEUE_NAME, { connection: redisOptions(backend.url, "producer"), prefix: backend.prefix })
        : (new Queue(RUN_QUEUE_NAME, { connection: { connectionString: backend.url, migrate: true } }, createPostgresBackend) as unknown as Queue);
    this.queue.on("error", (err) => log.warn({ err: err.message }, "run queue connection problem"));
  }

  async enqueue(job: RunJob): Promise<void> {
    await this.queue.add("run", job, jobOptions(job));
  }

  async enqueueMany(jobs: RunJob[]): Promise<void> {
    if (jobs.length === 1) return this.enqueue(jobs[0]);
    await this.queue.addBulk(jobs.map((job) => ({ name: "run", data: job, opts: jobOptions(job) })));
  }

  process(handler: RunHandler): void {
    const options = {
      // Shown on the System page: which machine and process.
      name: `${hostname()}:${process.pid}`,
      concurrency: this.concurrency,
      // A killed worker stops renewing its job's lock; within ~10 s the job is found stalled and delivered
      // again. Live workers renew every lockDuration / 2, so long runs keep their lock.
      lockDuration: 8000,
      stalledInterval: 4000,
      maxStalledCount: 20,
    };
    const processor = async (job: { data: RunJob; moveToDelayed(ts: number, token?: string): Promise<void> }, token?: string) => {
      if ((await handler(job.data)) === "busy") {
        await job.moveToDelayed(Date.now() + BUSY_RETRY_MS, token);
        throw new DelayedError();
      }
    };
    this.worker =
      this.backend.kind === "redis"
        ? new Worker(RUN_QUEUE_NAME, processor, { ...options, connection: redisOptions(this.backend.url, "worker"), prefix: this.backend.prefix })
        : (new Worker(RUN_QUEUE_NAME, processor, { ...options, connection: { connectionString: this.backend.url, migrate: true } }, createPostgresBackend) as unknown as Worker);
    this.worker.on("error", (err) => log.warn({ err: err.message }, "run worker connection problem"));
    this.worker.on("failed", (job, err) => log.warn({ executionId: job?.id, err: err.message }, "run job failed"));
  }

  async depth(): Promise<number> {
    const counts = await this.queue.getJobCounts("waiting", "active", "delayed", "prioritized");
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  async counts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts("waiting", "active", "delayed", "completed", "failed");
  }

  /** Connected workers, each with how many of the last finished jobs it ran, so the share of load shows. */
  async workers(): Promise<QueueWorker[]> {
    const [list, recent] = await Promise.all([this.queue.getWorkers(), this.queue.getJobs(["completed", "failed"], 0, RECENT_JOBS - 1)]);
    const ranBy = new Map<string, number>();
    for (const job of recent) if (job?.processedBy) ranBy.set(job.processedBy, (ranBy.get(job.processedBy) ?? 0) + 1);
    return list.map((w) => {
      // BullMQ reports the queue's name as `name`; the worker's own name ends its Redis client name.
      const raw = String(w.rawname ?? "");
      const name = raw.includes(":w:") ? raw.slice(raw.lastIndexOf(":w:") + 3) : String(w.id ?? "");
      return { id: String(w.id ?? ""), name, addr: w.addr as string | undefined, age: Number(w.age ?? 0), recentRuns: ranBy.get(name) ?? 0 };
    });
  }

  async close(timeoutMs = 30_000): Promise<void> {
    const closing = Promise.allSettled([this.worker?.close(), this.queue.close()]);
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }
}

/** How many finished jobs the System page's per-worker share is counted over. */
const RECENT_JOBS = 500;

const jobOptions = (job: RunJob) => ({
  jobId: job.executionId,
  attempts: 5,
  backoff: { type: "exponential" as const, delay: 1000 },
  removeOnComplete: { count: 5000 },
  removeOnFail: { count: 5000 },
});

/**
 * Producers fail fast while Redis is away (the execution row is already stored; a sweep enqueues it
 * later); workers wait for Redis to come back, as BullMQ requires.
 */
export function redisOptions(url: string, role: "producer" | "worker" | "events"): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    maxRetriesPerRequest: role === "producer" ? 1 : null,
    enableOfflineQueue: role !== "producer",
    connectTimeout: 2000,
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  };
}
