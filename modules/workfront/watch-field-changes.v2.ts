import { defineModule } from "@/lib/modules/define";
import { limitField, startFromFields } from "./common/fields";
import { migrateFromV1 } from "./common/migrate";
import { optionLoaders } from "./common/options";
import { apiVersionField, V2 } from "./common/versions";
import { runWatchFieldChanges } from "./common/watch";
import { fieldChangeSpec, journaledObjectField, watchedField } from "./watch-field-changes.v1";

export default defineModule({
  key: "workfront:watchFieldChanges",
  version: 2,
  kind: "trigger",
  title: "Watch field changes",
  description: "Outputs each change of a tracked field, with the old and the new value. Dates as ISO 8601.",
  connection: V2.connection,
  fields: [journaledObjectField, watchedField, ...startFromFields, limitField, apiVersionField],
  options: optionLoaders(V2),
  output: fieldChangeSpec(V2),
  run: (ctx) => runWatchFieldChanges(ctx, V2),
  upgradeFrom: { version: 1, migrate: (old) => migrateFromV1(old) },
});
