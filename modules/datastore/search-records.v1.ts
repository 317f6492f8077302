import { filterSchema, sortSchema } from "@/lib/datastores/search";
import { FilterError } from "@/lib/engine/filters";
import { ModuleError } from "@/lib/modules/errors";
import { defineModule } from "@/lib/modules/define";
import { dataStoresOf, jsonish, guarded, recordBundle, recordOutput, storeField, storeOptions } from "./common";

export default defineModule({
  key: "datastore:searchRecords",
  version: 1,
  kind: "search",
  title: "Search records",
  description:
    'Emits one bundle per matching record. Filter: OR of AND groups of {field, operator, value} using the scenario filter operators, e.g. [[{"field":"status","operator":"text:equal","value":"open"}]]. "key" is the record key; "a.b" reaches into collections.',
  fields: [
    storeField,
    { name: "filter", label: "Filter", type: "any" },
    { name: "sortField", label: "Sort by", type: "text", default: "key" },
    { name: "sortDirection", label: "Direction", type: "select", options: [{ value: "asc", label: "Ascending" }, { value: "desc", label: "Descending" }], default: "asc" },
    { name: "limit", label: "Maximum number of records", type: "number", integer: true, min: 1, default: 10 },
  ],
  options: storeOptions,
  output: recordOutput,
  async run(ctx) {
    const access = dataStoresOf(ctx);
    const filter = filterSchema.safeParse(jsonish(ctx.values.filter ?? []));
    if (!filter.success) throw new ModuleError("DataError", "The filter must be a list of groups of {field, operator, value}.");
    const sort = sortSchema.parse({ field: ctx.values.sortField || "key", direction: ctx.values.sortDirection || "asc" });
    try {
      const { records } = await guarded(() => access.searchRecords(ctx.params.store, { filter: filter.data, sort, limit: ctx.values.limit ?? 10 }));
      return records.map(recordBundle);
    } catch (e) {
      if (e instanceof FilterError) throw new ModuleError("DataError", e.message, { cause: e });
      throw e;
    }
  },
});
