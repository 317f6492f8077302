import { defineModule } from "@/lib/modules/define";
import { collectionsField, idField, objCodeField, outputsField, referencesField } from "./common/fields";
import { optionLoaders } from "./common/options";
import { recordOutputSpec, selectionOf } from "./common/output";
import { runRead } from "./common/records";
import { V1, V1_DEPRECATION } from "./common/versions";

export default defineModule({
  key: "workfront:readRecord",
  version: 1,
  kind: "action",
  title: "Read a record",
  description: "Reads one record by ID, with the chosen fields, references and collections (API v15.0, username/password).",
  connection: V1.connection,
  deprecated: V1_DEPRECATION,
  fields: [objCodeField, outputsField, referencesField, collectionsField, idField],
  options: optionLoaders(V1),
  output: (params) => recordOutputSpec(params.objCode, V1, selectionOf(params)),
  run: (ctx) => runRead(ctx, V1),
});
