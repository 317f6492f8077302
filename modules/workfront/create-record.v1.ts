import { defineModule } from "@/lib/modules/define";
import { fieldValuesField, objCodeField } from "./common/fields";
import { optionLoaders } from "./common/options";
import { recordOutputSpec } from "./common/output";
import { runCreate } from "./common/records";
import { V1, V1_DEPRECATION } from "./common/versions";

export default defineModule({
  key: "workfront:createRecord",
  version: 1,
  kind: "action",
  title: "Create a record",
  description: "Creates a project, task, issue, note or other record (API v15.0, username/password).",
  connection: V1.connection,
  deprecated: V1_DEPRECATION,
  fields: [objCodeField, fieldValuesField],
  options: optionLoaders(V1),
  output: (params) => recordOutputSpec(params.objCode, V1),
  run: (ctx) => runCreate(ctx, V1),
});
