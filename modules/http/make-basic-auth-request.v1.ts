import { defineModule } from "@/lib/modules/define";
import { basicCredentials, basicValuesSchema } from "./connection";
import { connectionValues } from "./connection-values";
import { currentOutput, requestFields, sendCurrentRequest } from "./current";
import { responseOutput } from "./fields";

export default defineModule({
  key: "http:makeBasicAuthRequest",
  version: 1,
  kind: "action",
  title: "Make a Basic Auth request",
  description: "Sends an HTTP request with the connection's user name and password (Authorization: Basic).",
  connection: "http-basic@1",
  fields: requestFields,
  output: responseOutput,
  async run(ctx) {
    const credentials = basicCredentials(connectionValues(ctx.connection, basicValuesSchema));
    return [currentOutput(await sendCurrentRequest(ctx.values, ctx, credentials), ctx.values)];
  },
});
