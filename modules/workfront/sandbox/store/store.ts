import type { Row } from "../objects/schema";

export interface StoreEvent {
  type: "CREATE" | "UPDATE" | "DELETE";
  objCode: string;
  before: Row | null;
  after: Row | null;
  at: Date;
  actorID: string;
}

export interface StoreEnv {
  now: () => Date;
  timeZone: string;
  customerID: string;
}

export interface Upload {
  handle: string;
  fileName: string;
  contentType: string;
  data: Buffer;
  at: Date;
}

type Tables = Map<string, Map<string, Row>>;

/**
 * The in-memory tables. Rows are immutable and every top-level write runs in `transaction`, so a
 * snapshot is a shallow copy of the table maps and a failed write (or atomic batch) rolls back whole.
 * Events are held until the outermost transaction commits: a rolled-back change is never delivered.
 */
export class Store {
  private tables: Tables = new Map();
  private sequence = 0;
  private depth = 0;
  private pending: StoreEvent[] = [];
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  readonly uploads = new Map<string, Upload>();

  constructor(readonly env: StoreEnv) {}

  now(): Date {
    return this.env.now();
  }

  get(objCode: string, id: string): Row | undefined {
    return this.tables.get(objCode)?.get(id);
  }

  /** Rows in insertion order (Workfront's unsorted order is unspecified; this is ours). */
  all(objCode: string): Row[] {
    return [...(this.tables.get(objCode)?.values() ?? [])];
  }

  put(row: Row): void {
    let table = this.tables.get(row.objCode);
    if (!table) {
      table = new Map();
      this.tables.set(row.objCode, table);
    }
    table.set(row.ID, row);
  }

  drop(objCode: string, id: string): void {
    this.tables.get(objCode)?.delete(id);
  }

  /** Reference numbers are unique across the tenant. */
  nextReferenceNumber(): number {
    this.sequence += 1;
    return this.sequence;
  }

  emit(event: StoreEvent): void {
    this.pending.push(event);
  }

  onEvent(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  transaction<T>(run: () => T): T {
    if (this.depth > 0) return run();
    const snapshot: Tables = new Map([...this.tables].map(([code, table]) => [code, new Map(table)]));
    const sequence = this.sequence;
    this.depth = 1;
    try {
      const result = run();
      const events = this.pending;
      this.pending = [];
      this.depth = 0;
      for (const event of events) for (const listener of this.listeners) listener(event);
      return result;
    } catch (error) {
      this.tables = snapshot;
      this.sequence = sequence;
      this.pending = [];
      this.depth = 0;
      throw error;
    }
  }

  clear(): void {
    this.tables = new Map();
    this.sequence = 0;
    this.pending = [];
    this.uploads.clear();
  }
}
