import { defineModule } from "@/lib/modules/define";
import type { OutputSpec } from "@/lib/scenario/output-spec";
import { idField, limitField, objCodeField } from "./common/fields";
import { knownObject } from "./common/objects";
import { optionLoaders } from "./common/options";
import { recordFields } from "./common/output";
import { runReadRelated } from "./common/records";
import { V1, V1_DEPRECATION, type Generation } from "./common/versions";

export const relatedFields = [
  objCodeField,
  { name: "collection", label: "Collection", type: "select", static: true, required: true, dynamicOptions: "collections", help: "e.g. tasks of a project, assignments of a task." },
  {
    name: "childOutputs",
    label: "Outputs",
    type: "select",
    static: true,
    multiple: true,
    dynamicOptions: "relatedFields",
    help: "Fields of each related record; none chosen = all direct fields.",
  },
  { ...idField, label: "Parent record ID" },
  limitField,
] as const;

/** The related records' fields, when the parent type and its collection are known. */
export function relatedSpec(params: { objCode?: string; collection?: string; childOutputs?: readonly string[] }, generation: Generation): OutputSpec {
  const child = params.collection ? knownObject(params.objCode)?.collections[params.collection] : undefined;
  const known = knownObject(child);
  if (!child || !known) return null;
  const outputs = params.childOutputs && params.childOutputs.length > 0 ? params.childOutputs : Object.keys(known.fields);
  return recordFields(child, generation, { outputs });
}

export default defineModule({
  key: "workfront:readRelatedRecords",
  version: 1,
  kind: "search",
  title: "Read related records",
  description: "Outputs the records of one collection of a parent record, e.g. the tasks of a project (API v15.0, username/password).",
  connection: V1.connection,
  deprecated: V1_DEPRECATION,
  fields: relatedFields,
  options: optionLoaders(V1),
  output: (params) => relatedSpec(params, V1),
  run: (ctx) => runReadRelated(ctx, V1),
});
