import { defineModule } from "@/lib/modules/define";
import { collectionsField, criteriaField, objCodeField, outputsField, referencesField, sortField } from "./common/fields";
import { optionLoaders } from "./common/options";
import { recordOutputSpec, selectionOf } from "./common/output";
import { runSearch } from "./common/records";
import { V1, V1_DEPRECATION } from "./common/versions";

export const searchFields = [
  objCodeField,
  outputsField,
  referencesField,
  collectionsField,
  criteriaField,
  sortField,
  {
    name: "resultSet",
    label: "Result set",
    type: "select",
    default: "all",
    options: [
      { value: "all", label: "All matching records" },
      { value: "first", label: "First matching record" },
    ],
  },
  {
    name: "limit",
    label: "Maximal number of records",
    type: "number",
    integer: true,
    min: 1,
    max: 50000,
    default: 100,
    help: "Searches beyond 2,000 records are paged (2,000 per request) in a stable order.",
  },
] as const;

export default defineModule({
  key: "workfront:search",
  version: 1,
  kind: "search",
  title: "Search",
  description: "Searches records with filters (modifiers, OR groups), sorting and paging; one bundle per record (API v15.0, username/password).",
  connection: V1.connection,
  deprecated: V1_DEPRECATION,
  fields: searchFields,
  options: optionLoaders(V1),
  output: (params) => recordOutputSpec(params.objCode, V1, selectionOf(params)),
  run: (ctx) => runSearch(ctx, V1),
});
