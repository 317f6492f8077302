import { and, asc, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "../db/client";
import { dataStoreRecords, dataStores, dataStructures } from "../db/schema";
import { FilterError } from "../engine/filters";
import { AppError, notFound } from "../errors";
import { newId } from "../ids";
import type { DataStoreDirectory } from "./directory";
import { matches, sortRecords, type RecordFilter, type RecordSort, type StoredRecord } from "./search";
import {
  RecordValidationError,
  inferStructure,
  inStructureOrder,
  onlyAddsOptionalFields,
  structureMismatch,
  structureFieldsSchema,
  validateRecord,
  type StructureField,
} from "./structure";

export const MAX_STORES = 50;
export const MAX_STORE_BYTES = 100 * 1024 * 1024;
export const DEFAULT_STORE_BYTES = 10 * 1024 * 1024;
export const MAX_RECORD_BYTES = 256 * 1024;
const KEY = z.string().min(1, "A record key cannot be empty.").max(256, "A record key has at most 256 characters.");

const structureName = z.string().trim().min(1, "Give the data structure a name.").max(200, "A name has at most 200 characters.");
const storeName = z.string().trim().min(1, "Give the data store a name.").max(200, "A name has at most 200 characters.");
const storeSize = z
  .number()
  .int("The size limit is a whole number of bytes.")
  .min(1024, "A data store holds at least 1 KB.")
  .max(MAX_STORE_BYTES, `A data store holds at most ${MAX_STORE_BYTES / 1024 / 1024} MB.`);

export const createStructureInput = z
  .object({ name: structureName, fields: structureFieldsSchema.optional(), sample: z.unknown().optional() })
  .refine((v) => v.fields !== undefined || v.sample !== undefined, "Give fields or a sample to generate them from.");
export const updateStructureInput = z.object({ name: structureName.optional(), fields: structureFieldsSchema.optional() });
export const createStoreInput = z.object({
  name: storeName,
  structureId: z.string().min(1).nullable().default(null),
  maxBytes: storeSize.default(DEFAULT_STORE_BYTES),
});
export const updateStoreInput = z.object({ name: storeName.optional(), maxBytes: storeSize.optional() });

export interface StructureView {
  id: string;
  name: string;
  fields: StructureField[];
  createdAt: string;
  updatedAt: string;
}
export interface StoreView {
  id: string;
  name: string;
  structureId: string | null;
  maxBytes: number;
  usedBytes: number;
  records: number;
  createdAt: string;
  updatedAt: string;
}

/** One write as it happened, so the run's transaction can undo it. */
export interface RecordChange {
  storeId: string;
  key: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Atomic increments applied; undone by subtracting, which stays right whatever others did since. */
  increments?: Record<string, number>;
}

export type WriteMode = "insert" | "replace" | "upsert" | "merge" | "mergeOrInsert";

export interface WriteOptions {
  mode: WriteMode;
  increments?: Record<string, number>;
}

const sizeOf = (key: string, data: unknown) => Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(data));

export function invalidRecord(e: RecordValidationError, prefix = ""): AppError {
  return new AppError("validation_failed", prefix + e.message, { field: e.field });
}

type StoreRow = typeof dataStores.$inferSelect;

/**
 * Data structures, stores and records. Every record write locks its store row for the length of one short
 * database transaction: size accounting stays exact and read-merge-write (updateRecord, increments) is
 * atomic, so concurrent runs never lose each other's updates.
 */
export class DataStoreService {
  constructor(private readonly db: Db) {}

  /** Every store and structure by id and name: for pickers, output specs and blueprint references. */
  async directory(): Promise<DataStoreDirectory> {
    const structures = await this.db.select({ id: dataStructures.id, name: dataStructures.name, fields: dataStructures.fields }).from(dataStructures).orderBy(asc(dataStructures.name), asc(dataStructures.createdAt));
    const stores = await this.db.select({ id: dataStores.id, name: dataStores.name, structureId: dataStores.structureId }).from(dataStores).orderBy(asc(dataStores.name), asc(dataStores.createdAt));
    return { stores, structures: structures.map((s) => ({ ...s, fields: s.fields as StructureField[] })) };
  }

  // ---- structures ----

  async listStructures(): Promise<StructureView[]> {
    const rows = await this.db.select().from(dataStructures).orderBy(asc(dataStructures.name));
    return rows.map(structureView);
  }

  async getStructure(id: string): Promise<StructureView> {
    const [row] = await this.db.select().from(dataStructures).where(eq(dataStructures.id, id));
    if (!row) throw notFound("Data structure");
    return structureView(row);
  }

  async createStructure(input: z.infer<typeof createStructureInput>): Promise<StructureView> {
    let fields = input.fields;
    if (!fields) {
      try {
        fields = inferStructure(input.sample);
      } catch (e) {
        if (e instanceof RecordValidationError) throw new AppError("validation_failed", e.message, { field: "sample" });
        throw e;
      }
    }
    const [row] = await this.db.insert(dataStructures).values({ id: newId("dst"), name: input.name, fields }).returning();
    return structureView(row);
  }

  /** Refused (409) when stored records would no longer fit, unless the edit only adds optional fields. */
  async updateStructure(id: string, input: z.infer<typeof updateStructureInput>): Promise<StructureView> {
    return this.db.transaction(async (tx) => {
      const [current] = await tx.select().from(dataStructures).where(eq(dataStructures.id, id)).for("update");
      if (!current) throw notFound("Data structure");
      const fields = input.fields;
      if (fields && !onlyAddsOptionalFields(current.fields as StructureField[], fields)) {
        const stores = await tx.select({ id: dataStores.id, name: dataStores.name }).from(dataStores).where(eq(dataStores.structureId, id)).for("update");
        for (const store of stores) {
          const records = await tx.select({ key: dataStoreRecords.key, data: dataStoreRecords.data }).from(dataStoreRecords).where(eq(dataStoreRecords.storeId, store.id));
          for (const r of records) {
            try {
              validateRecord(fields, r.data);
            } catch (e) {
              if (!(e instanceof RecordValidationError)) throw e;
              throw new AppError("conflict", `The change would invalidate record “${r.key}” in data store “${store.name}”: ${e.message}`, {
                storeId: store.id,
                key: r.key,
                field: e.field,
              });
            }
          }
        }
      }
      const [row] = await tx
        .update(dataStructures)
        .set({ ...(input.name ? { name: input.name } : {}), ...(fields ? { fields } : {}), updatedAt: new Date() })
        .where(eq(dataStructures.id, id))
        .returning();
      return structureView(row);
    });
  }

  /**
   * Why incoming data (a webhook call) does not fit a structure, worded for the caller; none when it fits.
   * A structure deleted since is not the caller's problem: the data is taken and the run reports it.
   */
  async incomingDataProblems(structureId: string, data: unknown): Promise<string[]> {
    const [row] = await this.db.select({ fields: dataStructures.fields }).from(dataStructures).where(eq(dataStructures.id, structureId));
    const mismatch = row ? structureMismatch(row.fields as StructureField[], data) : null;
    return mismatch ? [mismatch.message] : [];
  }

  async deleteStructure(id: string): Promise<void> {
    const [{ n }] = await this.db.select({ n: count() }).from(dataStores).where(eq(dataStores.structureId, id));
    if (n > 0) throw new AppError("conflict", `The data structure is used by ${n} data store(s).`);
    const deleted = await this.db.delete(dataStructures).where(eq(dataStructures.id, id)).returning({ id: dataStructures.id });
    if (deleted.length === 0) throw notFound("Data structure");
  }

  // ---- stores ----

  async listStores(): Promise<StoreView[]> {
    const rows = await this.db.select().from(dataStores).orderBy(asc(dataStores.name));
    return Promise.all(rows.map((r) => this.storeView(this.db, r)));
  }

  async getStore(id: string): Promise<StoreView> {
    return this.storeView(this.db, await this.storeRow(this.db, id));
  }

  async createStore(input: z.infer<typeof createStoreInput>): Promise<StoreView> {
    return this.db.transaction(async (tx) => {
      // Serialise creations so two at once cannot both slip under the limit.
      await tx.execute(sql`select pg_advisory_xact_lock(724101)`);
      const [{ n }] = await tx.select({ n: count() }).from(dataStores);
      if (n >= MAX_STORES) throw new AppError("conflict", "Maximum stores reached.", { limit: MAX_STORES });
      if (input.structureId) {
        const [s] = await tx.select({ id: dataStructures.id }).from(dataStructures).where(eq(dataStructures.id, input.structureId));
        if (!s) throw new AppError("validation_failed", "The data structure was not found.", { field: "structureId" });
      }
      const [row] = await tx.insert(dataStores).values({ id: newId("dts"), name: input.name, structureId: input.structureId, maxBytes: input.maxBytes }).returning();
      return this.storeView(tx, row);
    });
  }

  async updateStore(id: string, input: z.infer<typeof updateStoreInput>): Promise<StoreView> {
    return this.db.transaction(async (tx) => {
      const row = await this.storeRow(tx, id, true);
      if (input.maxBytes !== undefined && input.maxBytes < row.usedBytes) {
        throw new AppError("validation_failed", `The store already holds ${row.usedBytes} bytes; the size limit cannot be lower.`, { field: "maxBytes", usedBytes: row.usedBytes });
      }
      const [updated] = await tx
        .update(dataStores)
        .set({ ...(input.name ? { name: input.name } : {}), ...(input.maxBytes !== undefined ? { maxBytes: input.maxBytes } : {}), updatedAt: new Date() })
        .where(eq(dataStores.id, id))
        .returning();
      return this.storeView(tx, updated);
    });
  }

  async deleteStore(id: string): Promise<void> {
    const deleted = await this.db.delete(dataStores).where(eq(dataStores.id, id)).returning({ id: dataStores.id });
    if (deleted.length === 0) throw notFound("Data store");
  }

  // ---- records ----

  async getRecord(storeId: string, key: string): Promise<StoredRecord | null> {
    const fields = await this.fieldsOf(this.db, await this.storeRow(this.db, storeId));
    const [row] = await this.db
      .select({ key: dataStoreRecords.key, data: dataStoreRecords.data })
      .from(dataStoreRecords)
      .where(and(eq(dataStoreRecords.storeId, storeId), eq(dataStoreRecords.key, key)));
    return row ? { key: row.key, data: inStructureOrder(fields, row.data as Record<string, unknown>) } : null;
  }

  async countRecords(storeId: string): Promise<number> {
    await this.storeRow(this.db, storeId);
    const [{ n }] = await this.db.select({ n: count() }).from(dataStoreRecords).where(eq(dataStoreRecords.storeId, storeId));
    return n;
  }

  /** Filter and sort in memory: a store is bounded by its size limit, and the filter language is the engine's. */
  async searchRecords(storeId: string, opts: { filter?: RecordFilter; sort?: RecordSort; offset?: number; limit?: number }): Promise<{ records: StoredRecord[]; total: number }> {
    const fields = await this.fieldsOf(this.db, await this.storeRow(this.db, storeId));
    const rows = await this.db.select({ key: dataStoreRecords.key, data: dataStoreRecords.data }).from(dataStoreRecords).where(eq(dataStoreRecords.storeId, storeId));
    const all = rows.map((r) => ({ key: r.key, data: inStructureOrder(fields, r.data as Record<string, unknown>) }));
    let hits: StoredRecord[];
    try {
      hits = sortRecords(all.filter((r) => matches(r, opts.filter ?? [])), opts.sort);
    } catch (e) {
      if (e instanceof FilterError) throw new AppError("bad_request", e.message, { field: "filter" });
      throw e;
    }
    const offset = opts.offset ?? 0;
    return { records: hits.slice(offset, opts.limit === undefined ? undefined : offset + opts.limit), total: hits.length };
  }

  /** Writes one record under the store lock. Returns what changed, or null when nothing did (merge on a missing key). */
  async writeRecord(storeId: string, rawKey: string | null, data: unknown, options: WriteOptions): Promise<RecordChange | null> {
    const key = rawKey ?? newId("rec");
    const keyCheck = KEY.safeParse(key);
    if (!keyCheck.success) throw new AppError("validation_failed", keyCheck.error.issues[0].message, { field: "key" });
    return this.db.transaction((tx) => this.writeIn(tx, storeId, key, data, options));
  }

  private async writeIn(tx: DbOrTx, storeId: string, key: string, data: unknown, options: WriteOptions): Promise<RecordChange | null> {
    const store = await this.storeRow(tx, storeId, true);
    const fields = await this.fieldsOf(tx, store);
    const before = await this.currentRecord(tx, storeId, key);
    const { mode } = options;
    if (before && mode === "insert") throw new AppError("conflict", `A record with key “${key}” already exists.`, { key });
    if (!before && mode === "merge") return null;
    if (data === null || typeof data !== "object" || Array.isArray(data)) throw new AppError("validation_failed", "A record must be an object.", { field: "" });
    let next: Record<string, unknown> = mode === "merge" || mode === "mergeOrInsert" ? { ...(before?.data ?? {}), ...(data as Record<string, unknown>) } : { ...(data as Record<string, unknown>) };
    for (const [field, by] of Object.entries(options.increments ?? {})) {
      const current = next[field];
      if (current !== undefined && current !== null && typeof current !== "number") {
        throw new AppError("validation_failed", `Field “${field}” is not a number and cannot be incremented.`, { field });
      }
      next[field] = (typeof current === "number" ? current : 0) + by;
    }
    try {
      next = validateRecord(fields, next);
    } catch (e) {
      if (e instanceof RecordValidationError) throw invalidRecord(e);
      throw e;
    }
    await this.put(tx, store, key, before?.data ?? null, next);
    return { storeId, key, before: before?.data ?? null, after: next, ...(options.increments ? { increments: options.increments } : {}) };
  }

  /** Checks limits and stores `next` (null = delete), keeping `used_bytes` in step. Caller holds the store lock. */
  private async put(tx: DbOrTx, store: StoreRow, key: string, before: Record<string, unknown> | null, next: Record<string, unknown> | null) {
    const oldSize = before ? sizeOf(key, before) : 0;
    const newSize = next ? sizeOf(key, next) : 0;
    if (newSize > MAX_RECORD_BYTES) {
      throw new AppError("payload_too_large", `Record “${key}” is ${newSize} bytes; a record may hold at most ${MAX_RECORD_BYTES} bytes.`, { key, limit: MAX_RECORD_BYTES, size: newSize });
    }
    const used = store.usedBytes - oldSize + newSize;
    if (newSize > oldSize && used > store.maxBytes) {
      throw new AppError("payload_too_large", `Data store “${store.name}” is full: ${used} bytes needed, the limit is ${store.maxBytes}.`, { limit: store.maxBytes, used: store.usedBytes });
    }
    if (next) {
      await tx
        .insert(dataStoreRecords)
        .values({ storeId: store.id, key, data: next, sizeBytes: newSize })
        .onConflictDoUpdate({ target: [dataStoreRecords.storeId, dataStoreRecords.key], set: { data: next, sizeBytes: newSize, updatedAt: new Date() } });
    } else {
      await tx.delete(dataStoreRecords).where(and(eq(dataStoreRecords.storeId, store.id), eq(dataStoreRecords.key, key)));
    }
    await tx.update(dataStores).set({ usedBytes: used }).where(eq(dataStores.id, store.id));
    store.usedBytes = used;
  }

  async deleteRecord(storeId: string, key: string): Promise<RecordChange | null> {
    return this.db.transaction(async (tx) => {
      const store = await this.storeRow(tx, storeId, true);
      const before = await this.currentRecord(tx, storeId, key);
      if (!before) return null;
      await this.put(tx, store, key, before.data, null);
      return { storeId, key, before: before.data, after: null };
    });
  }

  async deleteAllRecords(storeId: string): Promise<RecordChange[]> {
    return this.db.transaction(async (tx) => {
      await this.storeRow(tx, storeId, true);
      const rows = await tx.delete(dataStoreRecords).where(eq(dataStoreRecords.storeId, storeId)).returning({ key: dataStoreRecords.key, data: dataStoreRecords.data });
      await tx.update(dataStores).set({ usedBytes: 0 }).where(eq(dataStores.id, storeId));
      return rows.map((r) => ({ storeId, key: r.key, before: r.data as Record<string, unknown>, after: null }));
    });
  }

  /**
   * Undoes one change if nobody changed the record since (compare-and-swap on the whole record). Increments
   * are undone by subtracting, which is right whatever else happened. Otherwise the later writer wins and
   * this throws, so the engine reports the run as inconsistent rather than silently clobbering it.
   */
  async undo(change: RecordChange): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [store] = await tx.select().from(dataStores).where(eq(dataStores.id, change.storeId)).for("update");
      if (!store) return; // The store was deleted: nothing left to undo.
      const current = await this.currentRecord(tx, change.storeId, change.key);
      const same = JSON.stringify(canonical(current?.data ?? null)) === JSON.stringify(canonical(change.after));
      if (same) return this.put(tx, store, change.key, current?.data ?? null, change.before);
      if (change.increments && current) {
        const next = { ...current.data };
        for (const [field, by] of Object.entries(change.increments)) if (typeof next[field] === "number") next[field] = (next[field] as number) - by;
        return this.put(tx, store, change.key, current.data, next);
      }
      throw new Error(`record “${change.key}” was changed by another run since; kept the newer value`);
    });
  }

  /** All-or-nothing import: every row is checked first, and any bad row refuses the whole batch. */
  async importRecords(storeId: string, rows: Array<{ key: string; data: unknown }>, replace: boolean): Promise<{ imported: number }> {
    return this.db.transaction(async (tx) => {
      const store = await this.storeRow(tx, storeId, true);
      const fields = await this.fieldsOf(tx, store);
      const errors: Array<{ row: number; key: string; field?: string; message: string }> = [];
      const seen = new Set<string>();
      const good: Array<{ key: string; data: Record<string, unknown> }> = [];
      rows.forEach((r, i) => {
        const keyCheck = KEY.safeParse(r.key);
        if (!keyCheck.success) return void errors.push({ row: i + 1, key: r.key, field: "key", message: keyCheck.error.issues[0].message });
        if (seen.has(r.key)) return void errors.push({ row: i + 1, key: r.key, field: "key", message: `Key “${r.key}” appears twice in the import.` });
        seen.add(r.key);
        try {
          good.push({ key: r.key, data: validateRecord(fields, r.data) });
        } catch (e) {
          if (!(e instanceof RecordValidationError)) throw e;
          errors.push({ row: i + 1, key: r.key, field: e.field, message: e.message });
        }
      });
      if (errors.length > 0) throw new AppError("validation_failed", `${errors.length} row(s) are invalid; nothing was imported.`, { rows: errors });
      for (const r of good) {
        const before = await this.currentRecord(tx, storeId, r.key);
        if (before && !replace) {
          throw new AppError("conflict", `A record with key “${r.key}” already exists; nothing was imported.`, { key: r.key });
        }
        await this.put(tx, store, r.key, before?.data ?? null, r.data);
      }
      return { imported: good.length };
    });
  }

  /** The structure fields of a store (null for a key-only store), for import and export. */
  async storeFields(storeId: string): Promise<StructureField[] | null> {
    return this.fieldsOf(this.db, await this.storeRow(this.db, storeId));
  }

  // ---- helpers ----

  private async storeRow(tx: DbOrTx, id: string, lock = false): Promise<StoreRow> {
    const q = tx.select().from(dataStores).where(eq(dataStores.id, id));
    const [row] = lock ? await q.for("update") : await q;
    if (!row) throw notFound("Data store");
    return row;
  }

  private async fieldsOf(tx: DbOrTx, store: StoreRow): Promise<StructureField[] | null> {
    if (!store.structureId) return null;
    const [s] = await tx.select({ fields: dataStructures.fields }).from(dataStructures).where(eq(dataStructures.id, store.structureId));
    return (s?.fields as StructureField[] | undefined) ?? null;
  }

  private async currentRecord(tx: DbOrTx, storeId: string, key: string): Promise<{ data: Record<string, unknown> } | null> {
    const [row] = await tx
      .select({ data: dataStoreRecords.data })
      .from(dataStoreRecords)
      .where(and(eq(dataStoreRecords.storeId, storeId), eq(dataStoreRecords.key, key)));
    return row ? { data: row.data as Record<string, unknown> } : null;
  }

  private async storeView(tx: DbOrTx, row: StoreRow): Promise<StoreView> {
    const [{ n }] = await tx.select({ n: count() }).from(dataStoreRecords).where(eq(dataStoreRecords.storeId, row.id));
    return {
      id: row.id,
      name: row.name,
      structureId: row.structureId,
      maxBytes: row.maxBytes,
      usedBytes: row.usedBytes,
      records: n,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

/** Key order differs between JS objects and jsonb; compare with sorted keys. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  return v;
}

function structureView(row: typeof dataStructures.$inferSelect): StructureView {
  return { id: row.id, name: row.name, fields: row.fields as StructureField[], createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}
