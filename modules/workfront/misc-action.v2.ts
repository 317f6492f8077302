import { defineModule } from "@/lib/modules/define";
import { migrateFromV1 } from "./common/migrate";
import { optionLoaders } from "./common/options";
import { runMiscAction } from "./common/records";
import { apiVersionField, V2 } from "./common/versions";
import { miscActionFields, miscActionSpec } from "./misc-action.v1";

export default defineModule({
  key: "workfront:miscAction",
  version: 2,
  kind: "action",
  title: "Misc action",
  description: "Runs a Workfront action on a record (PUT /<obj>/<ID>/<action>) and outputs its result.",
  connection: V2.connection,
  fields: [...miscActionFields, apiVersionField],
  options: optionLoaders(V2),
  output: miscActionSpec,
  run: (ctx) => runMiscAction(ctx, V2),
  upgradeFrom: { version: 1, migrate: (old) => migrateFromV1(old) },
});
