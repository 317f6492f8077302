import { defineModule } from "@/lib/modules/define";
import type { OutputSpec } from "@/lib/scenario/output-spec";
import { limitField, startFromFields } from "./common/fields";
import { JOURNALED_OBJECTS, KNOWN_OBJECTS } from "./common/objects";
import { optionLoaders } from "./common/options";
import { recordFields } from "./common/output";
import { V1, V1_DEPRECATION, type Generation } from "./common/versions";
import { runWatchFieldChanges } from "./common/watch";

export const journaledObjectField = {
  name: "objCode",
  label: "Record type",
  type: "select",
  static: true,
  required: true,
  options: JOURNALED_OBJECTS.map((code) => ({ value: code, label: `${KNOWN_OBJECTS[code].label} (${code})` })),
} as const;

export const watchedField = {
  name: "field",
  label: "Field",
  type: "select",
  static: true,
  required: true,
  dynamicOptions: "fields",
  help: "Changes are only journaled for fields an administrator tracks in Setup › System updates (custom fields as DE:<name>).",
} as const;

export function fieldChangeSpec(generation: Generation): OutputSpec {
  return [
    ...recordFields("JRNLE", generation, { outputs: ["editedByID", "oldTextVal", "newTextVal", "oldDateVal", "newDateVal", "oldNumberVal", "newNumberVal"] }),
    { name: "oldValue", label: "Old value", type: "any" },
    { name: "newValue", label: "New value", type: "any" },
  ];
}

/** Polls journal entries (JRNLE) of one field of one object type, with the same cursor discipline. */
export default defineModule({
  key: "workfront:watchFieldChanges",
  version: 1,
  kind: "trigger",
  title: "Watch field changes",
  description: "Outputs each change of a tracked field, with the old and the new value (API v15.0, username/password).",
  connection: V1.connection,
  deprecated: V1_DEPRECATION,
  fields: [journaledObjectField, watchedField, ...startFromFields, limitField],
  options: optionLoaders(V1),
  output: fieldChangeSpec(V1),
  run: (ctx) => runWatchFieldChanges(ctx, V1),
});
