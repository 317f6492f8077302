import { defineModule } from "@/lib/modules/define";
import { dataStoresOf, guarded, storeField, storeOptions } from "./common";

export default defineModule({
  key: "datastore:recordExists",
  version: 1,
  kind: "action",
  title: "Check the existence of a record",
  description: "Returns exists: true or false for the key.",
  fields: [storeField, { name: "key", label: "Key", type: "text", required: true }],
  options: storeOptions,
  output: [{ name: "exists", label: "Exists", type: "boolean" }],
  async run(ctx) {
    const access = dataStoresOf(ctx);
    const record = await guarded(() => access.getRecord(ctx.params.store, String(ctx.values.key)));
    return [{ exists: record !== null }];
  },
});
