import { defineModule } from "@/lib/modules/define";
import { fieldValuesField, idField, objCodeField } from "./common/fields";
import { migrateFromV1 } from "./common/migrate";
import { optionLoaders } from "./common/options";
import { recordOutputSpec } from "./common/output";
import { runUpdate } from "./common/records";
import { apiVersionField, V2 } from "./common/versions";

export default defineModule({
  key: "workfront:updateRecord",
  version: 2,
  kind: "action",
  title: "Update a record",
  description: "Changes the given fields of a record; other fields keep their values. Dates as ISO 8601.",
  connection: V2.connection,
  fields: [objCodeField, idField, fieldValuesField, apiVersionField],
  options: optionLoaders(V2),
  output: (params) => recordOutputSpec(params.objCode, V2),
  run: (ctx) => runUpdate(ctx, V2),
  upgradeFrom: { version: 1, migrate: (old) => migrateFromV1(old) },
});
