import { defineModule } from "@/lib/modules/define";
import { dataStoresOf, enlist, guarded, storeField, storeOptions } from "./common";

export default defineModule({
  key: "datastore:deleteAllRecords",
  version: 1,
  kind: "action",
  title: "Delete all records",
  description: "Empties the data store. A rollback of the run puts the records back.",
  fields: [storeField],
  options: storeOptions,
  output: [{ name: "deleted", label: "Records deleted", type: "number" }],
  async run(ctx) {
    const access = dataStoresOf(ctx);
    const changes = await guarded(() => access.deleteAllRecords(ctx.params.store));
    for (const change of changes) enlist(ctx, access, change);
    return [{ deleted: changes.length }];
  },
});
