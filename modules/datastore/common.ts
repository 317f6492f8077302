import type { DataStoreAccess } from "@/lib/datastores/access";
import { EMPTY_DIRECTORY, storeFields, structureOutputSpec, type DataStoreDirectory } from "@/lib/datastores/directory";
import { storeOptions, storePickerField } from "@/lib/datastores/module-support";
import type { RecordChange } from "@/lib/datastores/service";
import { AppError } from "@/lib/errors";
import type { RunContextBase } from "@/lib/modules/context";
import { ModuleError } from "@/lib/modules/errors";
import type { Bundle } from "@/lib/modules/json";
import type { OutputField } from "@/lib/scenario/output-spec";

/** Every datastore module picks its store statically, as in Fusion: the store shapes the mapping. */
export const storeField = storePickerField;
export { storeOptions };

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

/** `data` follows the store's structure when the store is known, so `{{n.data.field}}` is checked. */
export function recordOutput(params: { store: string }, directory: DataStoreDirectory = EMPTY_DIRECTORY): OutputField[] {
  const fields = storeFields(directory, params.store);
  return [
    { name: "key", label: "Key", type: "text" },
    fields === null ? { name: "data", label: "Record", type: "any" } : { name: "data", label: "Record", type: "collection", spec: structureOutputSpec(fields) },
  ];
}

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
