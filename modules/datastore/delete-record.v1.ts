import { defineModule } from "@/lib/modules/define";
import { dataStoresOf, enlist, guarded, storeField, storeOptions } from "./common";

export default defineModule({
  key: "datastore:deleteRecord",
  version: 1,
  kind: "action",
  title: "Delete a record",
  description: "Deletes the record with this key; deleted tells whether there was one.",
  fields: [storeField, { name: "key", label: "Key", type: "text", required: true }],
  options: storeOptions,
  output: [
    { name: "key", label: "Key", type: "text" },
    { name: "deleted", label: "Deleted", type: "boolean" },
  ],
  async run(ctx) {
    const access = dataStoresOf(ctx);
    const key = String(ctx.values.key);
    const change = await guarded(() => access.deleteRecord(ctx.params.store, key));
    enlist(ctx, access, change);
    return [{ key, deleted: change !== null }];
  },
});
