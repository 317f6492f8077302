import { defineModule } from "@/lib/modules/define";
import { fieldValuesField, objCodeField } from "./common/fields";
import { migrateFromV1 } from "./common/migrate";
import { optionLoaders } from "./common/options";
import { recordOutputSpec } from "./common/output";
import { runCreate } from "./common/records";
import { apiVersionField, V2 } from "./common/versions";

export default defineModule({
  key: "workfront:createRecord",
  version: 2,
  kind: "action",
  title: "Create a record",
  description: "Creates a project, task, issue, note or other record. Dates as ISO 8601.",
  connection: V2.connection,
  fields: [objCodeField, fieldValuesField, apiVersionField],
  options: optionLoaders(V2),
  output: (params) => recordOutputSpec(params.objCode, V2),
  run: (ctx) => runCreate(ctx, V2),
  upgradeFrom: { version: 1, migrate: (old) => migrateFromV1(old) },
});
