import { defineModule } from "@/lib/modules/define";
import { fieldValuesField, idField, objCodeField } from "./common/fields";
import { optionLoaders } from "./common/options";
import { recordOutputSpec } from "./common/output";
import { runUpdate } from "./common/records";
import { V1, V1_DEPRECATION } from "./common/versions";

export default defineModule({
  key: "workfront:updateRecord",
  version: 1,
  kind: "action",
  title: "Update a record",
  description: "Changes the given fields of a record; other fields keep their values (API v15.0, username/password).",
  connection: V1.connection,
  deprecated: V1_DEPRECATION,
  fields: [objCodeField, idField, fieldValuesField],
  options: optionLoaders(V1),
  output: (params) => recordOutputSpec(params.objCode, V1),
  run: (ctx) => runUpdate(ctx, V1),
});
