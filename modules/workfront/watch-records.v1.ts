import { defineModule } from "@/lib/modules/define";
import { collectionsField, limitField, objCodeField, outputsField, referencesField, startFromFields } from "./common/fields";
import { optionLoaders } from "./common/options";
import { recordOutputSpec, selectionOf } from "./common/output";
import { V1, V1_DEPRECATION } from "./common/versions";
import { runWatchRecords } from "./common/watch";

export const watchModeField = {
  name: "watch",
  label: "Watch",
  type: "select",
  static: true,
  default: "both",
  options: [
    { value: "new", label: "New records (entryDate)" },
    { value: "updated", label: "Updated records (lastUpdateDate, not new ones)" },
    { value: "both", label: "New and updated records" },
  ],
} as const;

export const optionalFilterField = {
  name: "filter",
  label: "Optional filter",
  type: "text",
  static: true,
  help: "Workfront API filter parameters, e.g. status=CUR&priority_Mod=gte&priority=2.",
} as const;

/** Polling trigger over entryDate / lastUpdateDate with a cursor committed only by successful runs. */
export default defineModule({
  key: "workfront:watchRecords",
  version: 1,
  kind: "trigger",
  title: "Watch records",
  description: "Outputs records that were created and/or updated since the last run (API v15.0, username/password).",
  connection: V1.connection,
  deprecated: V1_DEPRECATION,
  fields: [objCodeField, watchModeField, outputsField, referencesField, collectionsField, optionalFilterField, ...startFromFields, limitField],
  options: optionLoaders(V1),
  output: (params) => recordOutputSpec(params.objCode, V1, { ...selectionOf(params), extra: ["entryDate", "lastUpdateDate"] }),
  run: (ctx) => runWatchRecords(ctx, V1),
});
