import { databaseKind } from "./client";

/**
 * Statements a group commit keeps under way at once: PGlite runs one at a time anyway (a second one is
 * being gathered meanwhile); a PostgreSQL pool runs several, which hides each round trip's latency.
 */
export const groupCommitConcurrency = () => (databaseKind() === "pglite" ? 2 : 4);

/**
 * Group commit: callers submit one item each and wait for their own result, while the writes go to the
 * database as few statements as the load allows. The first item is written on the next turn of the
 * event loop; items arriving while a write is under way are written together by the next one. Under
 * light load that is one statement per item, as before; under heavy load one statement carries hundreds,
 * which is what lets a single PGlite connection keep up (multi-row inserts are ~15× cheaper per row).
 *
 * A caller's promise settles only after the statement carrying its item has committed, so "resolved"
 * still means "stored".
 */
export class GroupCommit<T, R> {
  private waiting: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    /** Writes a batch; returns one result per item, in order. */
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly options: { maxBatch?: number; concurrency?: number } = {},
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= (this.options.concurrency ?? 1) || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.inFlight >= (this.options.concurrency ?? 1) || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, this.options.maxBatch ?? 500);
    this.inFlight++;
    try {
      const results = await this.write(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(results[i]));
    } catch (error) {
      batch.forEach((b) => b.reject(error));
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }
}
