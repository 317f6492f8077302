import { defineModule } from "@/lib/modules/define";
import { migrateFromV1 } from "./common/migrate";
import { optionLoaders } from "./common/options";
import { runDelete } from "./common/records";
import { apiVersionField, V2 } from "./common/versions";
import { deleteFields, deleteSpec } from "./delete-record.v1";

export default defineModule({
  key: "workfront:deleteRecord",
  version: 2,
  kind: "action",
  title: "Delete a record",
  description: "Deletes a record by ID.",
  connection: V2.connection,
  fields: [...deleteFields, apiVersionField],
  options: optionLoaders(V2),
  output: deleteSpec,
  run: (ctx) => runDelete(ctx, V2),
  upgradeFrom: { version: 1, migrate: (old) => migrateFromV1(old, { outputsDates: false }) },
});
