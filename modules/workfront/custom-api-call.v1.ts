import { defineModule } from "@/lib/modules/define";
import type { OutputSpec } from "@/lib/scenario/output-spec";
import { runCustomCall } from "./common/custom-call";
import { V1, V1_DEPRECATION } from "./common/versions";

const NAME_VALUE = [
  { name: "name", label: "Name", type: "text", required: true },
  { name: "value", label: "Value", type: "text" },
] as const;

export const customCallFields = [
  { name: "url", label: "URL", type: "text", required: true, help: "Relative to /attask/api/v<N>.0/, e.g. /task/search or /proj/<ID>/calculateTimeline." },
  {
    name: "method",
    label: "Method",
    type: "select",
    default: "GET",
    options: ["GET", "POST", "PUT", "DELETE"].map((m) => ({ value: m, label: m })),
  },
  { name: "headers", label: "Headers", type: "array", items: { type: "collection", fields: NAME_VALUE }, help: "Credential headers are set by the connection." },
  { name: "qs", label: "Query string", type: "array", items: { type: "collection", fields: NAME_VALUE } },
  { name: "body", label: "Body", type: "any", help: "JSON for POST and PUT (e.g. the updates of a record)." },
] as const;

export const customCallSpec = (bodyKey: "data" | "body"): OutputSpec => [
  { name: "statusCode", type: "number" },
  { name: "headers", type: "collection", spec: [] },
  { name: bodyKey, type: "any" },
];

export default defineModule({
  key: "workfront:customApiCall",
  version: 1,
  kind: "action",
  title: "Custom API call",
  description: "Any Workfront REST call under /attask/api/v15.0/ with the connection's session; outputs the status, headers and answer as data.",
  connection: V1.connection,
  deprecated: V1_DEPRECATION,
  fields: customCallFields,
  output: customCallSpec("data"),
  run: (ctx) => runCustomCall(ctx, V1, "data"),
});
