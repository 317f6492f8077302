import { defineModule } from "@/lib/modules/define";
import { dataStoresOf, guarded, recordBundle, recordOutput, storeField } from "./common";

export default defineModule({
  key: "datastore:getRecord",
  version: 1,
  kind: "search",
  title: "Get a record",
  description: "Returns the record with this key; no bundle when there is none.",
  fields: [storeField, { name: "key", label: "Key", type: "text", required: true }],
  output: recordOutput,
  async run(ctx) {
    const access = dataStoresOf(ctx);
    const record = await guarded(() => access.getRecord(ctx.params.store, String(ctx.values.key)));
    return record ? [recordBundle(record)] : [];
  },
});
