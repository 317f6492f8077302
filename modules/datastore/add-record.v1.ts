import { defineModule } from "@/lib/modules/define";
import { dataStoresOf, jsonish, enlist, guarded, recordBundle, recordOutput, storeField, storeOptions } from "./common";

export default defineModule({
  key: "datastore:addRecord",
  version: 1,
  kind: "action",
  title: "Add/replace a record",
  description: "Adds a record under a key (a new random key when empty). When the key exists: replaces the record, or fails with a duplicate error if replacing is off.",
  fields: [
    storeField,
    { name: "overwrite", label: "Overwrite an existing record", type: "boolean", static: true, default: false },
    { name: "key", label: "Key", type: "text" },
    { name: "record", label: "Record", help: "Leave empty for a key-only store.", type: "any" },
  ],
  options: storeOptions,
  output: recordOutput,
  async run(ctx) {
    const access = dataStoresOf(ctx);
    const key = ctx.values.key ? String(ctx.values.key) : null;
    const change = await guarded(() => access.writeRecord(ctx.params.store, key, jsonish(ctx.values.record ?? {}), { mode: ctx.params.overwrite ? "upsert" : "insert" }));
    enlist(ctx, access, change);
    return change?.after ? [recordBundle({ key: change.key, data: change.after })] : [];
  },
});
