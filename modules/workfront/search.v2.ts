import { defineModule } from "@/lib/modules/define";
import { migrateFromV1 } from "./common/migrate";
import { optionLoaders } from "./common/options";
import { recordOutputSpec, selectionOf } from "./common/output";
import { runSearch } from "./common/records";
import { apiVersionField, V2 } from "./common/versions";
import { searchFields } from "./search.v1";

export default defineModule({
  key: "workfront:search",
  version: 2,
  kind: "search",
  title: "Search",
  description: "Searches records with filters (modifiers, OR groups), sorting and paging; one bundle per record. Dates as ISO 8601.",
  connection: V2.connection,
  fields: [...searchFields, apiVersionField],
  options: optionLoaders(V2),
  output: (params) => recordOutputSpec(params.objCode, V2, selectionOf(params)),
  run: (ctx) => runSearch(ctx, V2),
  upgradeFrom: {
    version: 1,
    migrate: (old) =>
      migrateFromV1(old, {
        notes: ["Date criteria keep working: Workfront accepts ISO 8601 and its own format in filters. A criterion that compares a date mapped from another Workfront v2 module now receives ISO 8601 text."],
      }),
  },
});
