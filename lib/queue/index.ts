/**
 * The queue every run goes through (run now, webhooks, schedules, retries). The embedded default is the
 * in-process queue below; distributed mode swaps in BullMQ behind the same interface, so callers never
 * know which one runs. A job carries only the execution id: the execution row holds everything else.
 */
export interface RunJob {
  executionId: string;
}

/**
 * Returns "busy" when the run cannot start yet (a sequential scenario is already running); the queue
 * offers it again shortly, without counting an attempt.
 */
export type RunHandler = (job: RunJob) => Promise<void | "busy">;

export const BUSY_RETRY_MS = 250;

export interface RunQueue {
  enqueue(job: RunJob): Promise<void>;
  /** Several at once (one round trip to Redis or PostgreSQL for the whole group commit of webhook intake). */
  enqueueMany(jobs: RunJob[]): Promise<void>;
  /** Starts consuming; the handler records the outcome itself, so a thrown error is only logged. */
  process(handler: RunHandler): void;
  /** Jobs waiting plus running. */
  depth(): Promise<number>;
  /** Stops taking jobs and waits (bounded) for running ones; waiting jobs stay queued in the database. */
  close(timeoutMs?: number): Promise<void>;
  /**
   * Distributed queues only: the worker processes connected and the job counts. Asked by method, not by
   * `instanceof`: Next's bundle of the route handlers holds its own copy of the queue classes, while the
   * runtime was built by the custom server's copy.
   */
  workers?(): Promise<QueueWorker[]>;
  counts?(): Promise<Record<string, number>>;
}

export interface QueueWorker {
  id: string;
  name: string;
  addr?: string;
  age?: number;
  /** Of the queue's last finished jobs, how many this worker ran. */
  recentRuns?: number;
}

export class InProcessQueue implements RunQueue {
  private readonly waiting: RunJob[] = [];
  private readonly running = new Set<Promise<void>>();
  private handler: RunHandler | undefined;
  private closed = false;

  constructor(
    private readonly concurrency = 4,
    private readonly onError: (error: unknown, job: RunJob) => void = () => undefined,
  ) {}

  async enqueue(job: RunJob): Promise<void> {
    if (this.closed) throw new Error("The run queue is shut down.");
    this.waiting.push(job);
    this.pump();
  }

  async enqueueMany(jobs: RunJob[]): Promise<void> {
    if (this.closed) throw new Error("The run queue is shut down.");
    this.waiting.push(...jobs);
    this.pump();
  }

  process(handler: RunHandler): void {
    this.handler = handler;
    this.pump();
  }

  async depth(): Promise<number> {
    return this.size();
  }

  private size(): number {
    return this.waiting.length + this.running.size;
  }

  /** Resolves once nothing is waiting or running. */
  async idle(): Promise<void> {
    while (this.size() > 0) await Promise.race([...this.running]).catch(() => undefined);
  }

  async close(timeoutMs = 30_000): Promise<void> {
    this.closed = true;
    const all = Promise.allSettled([...this.running]);
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }

  private pump(): void {
    const handler = this.handler;
    if (!handler) return;
    while (!this.closed && this.running.size < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      const task: Promise<void> = handler(job)
        .then((outcome) => {
          if (outcome === "busy") setTimeout(() => void this.enqueue(job).catch(() => undefined), BUSY_RETRY_MS).unref();
        })
        .catch((error: unknown) => this.onError(error, job))
        .finally(() => {
          this.running.delete(task);
          this.pump();
        });
      this.running.add(task);
    }
  }
}
