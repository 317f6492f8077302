import { defineModule } from "@/lib/modules/define";
import { dataStoresOf, guarded, recordOutput, storeField, storeOptions } from "./common";

export default defineModule({
  key: "datastore:getRecord",
  version: 1,
  kind: "search",
  title: "Get a record",
  description:
    "Returns the record with this key. When there is none: no bundle, or — with “Continue when missing” — a bundle with exists = false, so a router can branch on exists / does not exist.",
  fields: [
    storeField,
    { name: "key", label: "Key", type: "text", required: true },
    {
      name: "continueWhenMissing",
      label: "Continue when missing",
      help: "Emit {key, exists: false} instead of nothing when the key is not in the store.",
      type: "boolean",
      static: true,
      default: false,
    },
  ],
  options: storeOptions,
  output: (params, directory) => {
    const [key, data] = recordOutput(params, directory);
    return [key, { name: "exists", label: "Exists", type: "boolean" }, data];
  },
  async run(ctx) {
    const access = dataStoresOf(ctx);
    const key = String(ctx.values.key);
    const record = await guarded(() => access.getRecord(ctx.params.store, key));
    if (record) return [{ key: record.key, exists: true, data: record.data as Record<string, never> }];
    return ctx.params.continueWhenMissing ? [{ key, exists: false }] : [];
  },
});
