import { defineModule } from "@/lib/modules/define";
import type { OutputSpec } from "@/lib/scenario/output-spec";
import { objCodeField } from "./common/fields";
import { optionLoaders } from "./common/options";
import { runMiscAction } from "./common/records";
import { V1, V1_DEPRECATION } from "./common/versions";

export const miscActionFields = [
  objCodeField,
  { name: "action", label: "Action", type: "select", static: true, required: true, dynamicOptions: "actions", help: "e.g. move (task), markDone, share, calculateTimeline." },
  { name: "id", label: "ID", type: "text", help: "The record to act on; empty for actions that take no record." },
  {
    name: "arguments",
    label: "Arguments",
    type: "array",
    items: {
      type: "collection",
      fields: [
        { name: "name", label: "Name", type: "text", required: true },
        { name: "value", label: "Value", type: "any" },
      ],
    },
    help: "The action's arguments, e.g. projectID for move.",
  },
] as const;

export const miscActionSpec: OutputSpec = [{ name: "result", label: "Result", type: "any" }];

export default defineModule({
  key: "workfront:miscAction",
  version: 1,
  kind: "action",
  title: "Misc action",
  description: "Runs a Workfront action on a record (PUT /<obj>/<ID>/<action>) and outputs its result (API v15.0, username/password).",
  connection: V1.connection,
  deprecated: V1_DEPRECATION,
  fields: miscActionFields,
  options: optionLoaders(V1),
  output: miscActionSpec,
  run: (ctx) => runMiscAction(ctx, V1),
});
