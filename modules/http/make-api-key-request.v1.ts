import { defineModule } from "@/lib/modules/define";
import { apiKeyCredentials, apiKeyValuesSchema } from "./connection";
import { connectionValues } from "./connection-values";
import { currentOutput, requestFields, sendCurrentRequest } from "./current";
import { responseOutput } from "./fields";

export default defineModule({
  key: "http:makeApiKeyRequest",
  version: 1,
  kind: "action",
  title: "Make an API Key request",
  description: "Sends an HTTP request with the connection's API key in a header or in the query string.",
  connection: "http-apikey@1",
  fields: requestFields,
  output: responseOutput,
  async run(ctx) {
    const credentials = apiKeyCredentials(connectionValues(ctx.connection, apiKeyValuesSchema));
    return [currentOutput(await sendCurrentRequest(ctx.values, ctx, credentials), ctx.values)];
  },
});
