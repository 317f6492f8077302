import { defineModule } from "@/lib/modules/define";
import { collectionsField, limitField, objCodeField, outputsField, referencesField, startFromFields } from "./common/fields";
import { migrateFromV1 } from "./common/migrate";
import { optionLoaders } from "./common/options";
import { recordOutputSpec, selectionOf } from "./common/output";
import { apiVersionField, V2 } from "./common/versions";
import { runWatchRecords } from "./common/watch";
import { optionalFilterField, watchModeField } from "./watch-records.v1";

export default defineModule({
  key: "workfront:watchRecords",
  version: 2,
  kind: "trigger",
  title: "Watch records",
  description: "Outputs records that were created and/or updated since the last run. Dates as ISO 8601.",
  connection: V2.connection,
  fields: [objCodeField, watchModeField, outputsField, referencesField, collectionsField, optionalFilterField, ...startFromFields, limitField, apiVersionField],
  options: optionLoaders(V2),
  output: (params) => recordOutputSpec(params.objCode, V2, { ...selectionOf(params), extra: ["entryDate", "lastUpdateDate"] }),
  run: (ctx) => runWatchRecords(ctx, V2),
  upgradeFrom: {
    version: 1,
    // The polling cursor is kept: the upgraded trigger continues where version 1 stopped.
    migrate: (old) => migrateFromV1(old),
  },
});
