import { defineModule } from "@/lib/modules/define";
import { migrateFromV1 } from "./common/migrate";
import { optionLoaders } from "./common/options";
import { runReadRelated } from "./common/records";
import { apiVersionField, V2 } from "./common/versions";
import { relatedFields, relatedSpec } from "./read-related-records.v1";

export default defineModule({
  key: "workfront:readRelatedRecords",
  version: 2,
  kind: "search",
  title: "Read related records",
  description: "Outputs the records of one collection of a parent record, e.g. the tasks of a project. Dates as ISO 8601.",
  connection: V2.connection,
  fields: [...relatedFields, apiVersionField],
  options: optionLoaders(V2),
  output: (params) => relatedSpec(params, V2),
  run: (ctx) => runReadRelated(ctx, V2),
  upgradeFrom: { version: 1, migrate: (old) => migrateFromV1(old) },
});
