import { defineModule } from "@/lib/modules/define";
import type { OutputSpec } from "@/lib/scenario/output-spec";
import { idField, objCodeField } from "./common/fields";
import { optionLoaders } from "./common/options";
import { runDelete } from "./common/records";
import { V1, V1_DEPRECATION } from "./common/versions";

export const deleteFields = [
  objCodeField,
  idField,
  {
    name: "force",
    label: "Force delete",
    type: "boolean",
    default: false,
    help: "Also delete what depends on the record (a project's tasks and issues); without it such a delete is refused.",
  },
] as const;

export const deleteSpec: OutputSpec = [
  { name: "ID", type: "text" },
  { name: "objCode", type: "text" },
  { name: "success", type: "boolean" },
];

export default defineModule({
  key: "workfront:deleteRecord",
  version: 1,
  kind: "action",
  title: "Delete a record",
  description: "Deletes a record by ID (API v15.0, username/password).",
  connection: V1.connection,
  deprecated: V1_DEPRECATION,
  fields: deleteFields,
  options: optionLoaders(V1),
  output: deleteSpec,
  run: (ctx) => runDelete(ctx, V1),
});
