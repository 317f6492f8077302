import { z } from "zod";
import { ModuleError } from "@/lib/modules/errors";
import { defineModule } from "@/lib/modules/define";
import { dataStoresOf, jsonish, enlist, guarded, recordBundle, recordOutput, storeField, storeOptions } from "./common";

const incrementsSchema = z.record(z.string(), z.number().finite());

export default defineModule({
  key: "datastore:updateRecord",
  version: 1,
  kind: "action",
  title: "Update a record",
  description:
    "Merges the given fields into the record with this key (fields not given are kept). Increment adds to numeric fields atomically, so concurrent runs never lose a count. Optionally inserts the record when the key is missing.",
  fields: [
    storeField,
    { name: "insertMissing", label: "Insert missing record", type: "boolean", static: true, default: false },
    { name: "key", label: "Key", type: "text", required: true },
    { name: "record", label: "Fields to set", type: "any" },
    { name: "increment", label: "Increment (field → amount)", help: 'e.g. {"count": 1}; applied atomically after the fields are set.', type: "any" },
  ],
  options: storeOptions,
  output: recordOutput,
  async run(ctx) {
    const access = dataStoresOf(ctx);
    const increments = ctx.values.increment === undefined || ctx.values.increment === null ? undefined : incrementsSchema.safeParse(jsonish(ctx.values.increment));
    if (increments && !increments.success) throw new ModuleError("DataError", "Increment must map field names to numbers.");
    const record = jsonish(ctx.values.record ?? {});
    const change = await guarded(() =>
      access.writeRecord(ctx.params.store, String(ctx.values.key), record, {
        mode: ctx.params.insertMissing ? "mergeOrInsert" : "merge",
        ...(increments ? { increments: increments.data } : {}),
      }),
    );
    enlist(ctx, access, change);
    return change?.after ? [recordBundle({ key: change.key, data: change.after })] : [];
  },
});
