import { defineModule } from "@/lib/modules/define";
import { currentOutput, requestFields, sendCurrentRequest } from "./current";
import { responseOutput } from "./fields";
import { migrateMakeRequestV1 } from "./migrate-v1-v2";

/**
 * http:makeRequest v2: the body is one `body` collection ({ type, contentType, content, fields }), the
 * output `data` is renamed `body`, and cookies set by responses are shared with later HTTP modules of
 * the same run (see cookies.ts). v1 scenarios upgrade through migrate-v1-v2.ts.
 */
export default defineModule({
  key: "http:makeRequest",
  version: 2,
  kind: "action",
  title: "Make a request",
  description: "Sends an HTTP request and outputs the status, headers, (parsed) body and the cookies it received.",
  fields: requestFields,
  output: responseOutput,
  upgradeFrom: { version: 1, migrate: migrateMakeRequestV1 },
  async run(ctx) {
    const response = await sendCurrentRequest(ctx.values, ctx);
    return [currentOutput(response, ctx.values)];
  },
});
