import { defineModule } from "@/lib/modules/define";
import { InvalidConfigurationError, ModuleError } from "@/lib/modules/errors";
import { connectionValues } from "./connection-values";
import { currentOutput, requestFields, sendCurrentRequest } from "./current";
import { responseOutput } from "./fields";
import { accessToken, OAuth2TokenError, oauth2ValuesSchema, renewedAccessToken } from "./oauth2";
import { memorySessionCache } from "./session";

const bearer = (token: string) => ({ headers: [["authorization", `Bearer ${token}`]] as Array<[string, string]> });

/** Token-endpoint trouble as Fusion errors: a refused grant means the connection needs attention. */
function tokenError(error: unknown): unknown {
  if (!(error instanceof OAuth2TokenError)) return error;
  if (error.oauthError === "not_authorized") return new InvalidConfigurationError(error.message);
  if (error.status !== undefined && error.status < 500) {
    return new ModuleError("InvalidAccessTokenError", `${error.message.replace(/\.$/, "")}. Reauthorize or fix the connection.`);
  }
  return new ModuleError("ConnectionError", error.message);
}

export default defineModule({
  key: "http:makeOAuth2Request",
  version: 1,
  kind: "action",
  title: "Make an OAuth 2.0 request",
  description:
    "Sends an HTTP request with the connection's access token (Authorization: Bearer). A 401 renews the token once and retries.",
  connection: "http-oauth2@1",
  fields: requestFields,
  output: responseOutput,
  async run(ctx) {
    const values = connectionValues(ctx.connection, oauth2ValuesSchema);
    // Without the app's shared cache (tests, ad-hoc runs) a token lives for this one operation.
    const session = ctx.connection?.session ?? memorySessionCache();
    try {
      const token = await accessToken(values, session, ctx.signal);
      let response = await sendCurrentRequest(ctx.values, ctx, bearer(token));
      if (response.status === 401) {
        const renewed = await renewedAccessToken(values, session, token, ctx.signal);
        response = await sendCurrentRequest(ctx.values, ctx, bearer(renewed));
      }
      return [currentOutput(response, ctx.values)];
    } catch (error) {
      throw tokenError(error);
    }
  },
});
