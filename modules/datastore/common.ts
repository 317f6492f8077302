import type { DataStoreAccess } from "@/lib/datastores/access";
import type { RecordChange } from "@/lib/datastores/service";
import { AppError } from "@/lib/errors";
import type { RunContextBase } from "@/lib/modules/context";
import { ModuleError } from "@/lib/modules/errors";
import type { Bundle } from "@/lib/modules/json";
import type { OutputField } from "@/lib/scenario/output-spec";

/** Every datastore module picks its store statically, as in Fusion: the store shapes the mapping. */
export const storeField = { name: "store", label: "Data store", help: "The data store id (dts_…).", type: "text", static: true, required: true } as const;

export function dataStoresOf(ctx: RunContextBase<unknown>): DataStoreAccess {
  if (!ctx.dataStores) throw new ModuleError("InvalidConfigurationError", "Data stores are not available in this run.");
  return ctx.dataStores;
}

/** Makes a write part of the run's transaction: a rollback undoes it, a commit keeps it (already written). */
export function enlist(ctx: RunContextBase<unknown>, access: DataStoreAccess, change: RecordChange | null): void {
  if (!change) return;
  ctx.transaction.enlist({ name: `datastore:${change.storeId}/${change.key}`, commit: async () => undefined, rollback: () => access.undo(change) });
}

/** Service errors become module errors, so error handlers (ignore, resume, rollback) apply. */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof AppError) {
      const type = e.code === "conflict" ? "DuplicateDataError" : e.code === "not_found" ? "InvalidConfigurationError" : "DataError";
      throw new ModuleError(type, e.message, { cause: e });
    }
    throw e;
  }
}

export const recordBundle = (r: { key: string; data: Record<string, unknown> }): Bundle => ({ key: r.key, data: r.data as Bundle });

export const recordOutput: OutputField[] = [
  { name: "key", label: "Key", type: "text" },
  { name: "data", label: "Record", type: "any" },
];

/** "any" fields may arrive as JSON text (typed in the editor, or built with compose); objects pass as they are. */
export function jsonish(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const t = value.trim();
  if (!t.startsWith("{") && !t.startsWith("[")) return value;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    throw new ModuleError("DataError", "The value is not valid JSON.");
  }
}
