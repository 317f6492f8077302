import { defineModule } from "@/lib/modules/define";
import { runCustomCall } from "./common/custom-call";
import { migrateFromV1 } from "./common/migrate";
import { apiVersionField, V2 } from "./common/versions";
import { customCallFields, customCallSpec } from "./custom-api-call.v1";

export default defineModule({
  key: "workfront:customApiCall",
  version: 2,
  kind: "action",
  title: "Custom API call",
  description: "Any Workfront REST call under /attask/api/v<N>.0/ with the connection's credentials; outputs the status, headers and answer as body.",
  connection: V2.connection,
  fields: [...customCallFields, apiVersionField],
  output: customCallSpec("body"),
  run: (ctx) => runCustomCall(ctx, V2, "body"),
  upgradeFrom: {
    version: 1,
    migrate: (old) =>
      migrateFromV1(old, {
        outputsDates: false,
        renamedOutputs: { data: "body" },
        notes: [
          "The answer is now output as body instead of data (as in HTTP › Make a request v2); mappings of {{n.data…}} are rewritten to {{n.body…}}.",
          "The URL is now relative to /attask/api/v21.0/. The answer is passed on as Workfront sent it, dates included.",
        ],
      }),
  },
});
