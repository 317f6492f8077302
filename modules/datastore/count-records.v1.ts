import { defineModule } from "@/lib/modules/define";
import { dataStoresOf, guarded, storeField, storeOptions } from "./common";

export default defineModule({
  key: "datastore:countRecords",
  version: 1,
  kind: "action",
  title: "Count records",
  description: "Returns the number of records in the data store.",
  fields: [storeField],
  options: storeOptions,
  output: [{ name: "count", label: "Count", type: "number" }],
  async run(ctx) {
    const access = dataStoresOf(ctx);
    return [{ count: await guarded(() => access.countRecords(ctx.params.store)) }];
  },
});
