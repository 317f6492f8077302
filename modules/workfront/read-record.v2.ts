import { defineModule } from "@/lib/modules/define";
import { collectionsField, idField, objCodeField, outputsField, referencesField } from "./common/fields";
import { migrateFromV1 } from "./common/migrate";
import { optionLoaders } from "./common/options";
import { recordOutputSpec, selectionOf } from "./common/output";
import { runRead } from "./common/records";
import { apiVersionField, V2 } from "./common/versions";

export default defineModule({
  key: "workfront:readRecord",
  version: 2,
  kind: "action",
  title: "Read a record",
  description: "Reads one record by ID, with the chosen fields, references and collections. Dates as ISO 8601.",
  connection: V2.connection,
  fields: [objCodeField, outputsField, referencesField, collectionsField, idField, apiVersionField],
  options: optionLoaders(V2),
  output: (params) => recordOutputSpec(params.objCode, V2, selectionOf(params)),
  run: (ctx) => runRead(ctx, V2),
  upgradeFrom: { version: 1, migrate: (old) => migrateFromV1(old) },
});
