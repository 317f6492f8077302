import { ConnectionTestError, defineConnectionType, type ConnectionContext } from "@/lib/connections/define";
import { ModuleError } from "@/lib/modules/errors";
import { WorkfrontClient } from "./client/client";
import { OAuthTokenError, WorkfrontApiError } from "./client/errors";
import { authorizationUrl, exchangeCode } from "./client/oauth2";
import { ConnectionValuesError, credentialsOf, oauth2ValuesSchema } from "./client/values";
import { DEFAULT_API_VERSION } from "./common/versions";

/**
 * Workfront connection types (design §6). Each version is a different way to authenticate:
 *   workfront@1  username + password → /login session (legacy; Workfront no longer recommends it)
 *   workfront@2  API key
 *   workfront@3  OAuth2 authorization code with refresh (the current recommendation)
 * Version 1 modules take @1; version 2 modules take @2 or @3.
 */

const hostField = {
  name: "host",
  label: "Host",
  type: "text",
  static: true,
  required: true,
  help: "Your Workfront address, e.g. https://yourdomain.my.workfront.com (the sandbox: http://127.0.0.1:3000/sandbox/workfront).",
} as const;

/** “Test”: who the credentials act as (a cheap search for `$$USER`), with Workfront's refusal verbatim. */
async function verify(ctx: ConnectionContext, type: "workfront@1" | "workfront@2" | "workfront@3"): Promise<{ message: string }> {
  let credentials;
  try {
    credentials = credentialsOf(type, ctx.values);
  } catch (error) {
    if (error instanceof ConnectionValuesError) throw new ConnectionTestError(error.message);
    throw error;
  }
  const client = new WorkfrontClient(credentials, ctx.session, { apiVersion: DEFAULT_API_VERSION, signal: ctx.signal });
  try {
    const [user] = await client.search("user", { ID: "$$USER", fields: "name,username" }, { limit: 1 });
    const who = user ? `${String(user.name ?? user.ID)}${user.username ? ` (${String(user.username)})` : ""}` : "its user";
    return { message: `Connected to ${new URL(credentials.values.host).host} as ${who}.` };
  } catch (error) {
    throw asTestError(error);
  }
}

function asTestError(error: unknown): unknown {
  const cause = error instanceof ModuleError ? error.cause : error;
  if (cause instanceof WorkfrontApiError) return new ConnectionTestError(cause.message, cause.remoteMessage, cause.status);
  if (cause instanceof OAuthTokenError) return new ConnectionTestError(cause.message, cause.remote, cause.status);
  if (error instanceof ModuleError) return new ConnectionTestError(error.message);
  return error;
}

export const workfrontPasswordV1 = defineConnectionType({
  key: "workfront",
  version: 1,
  app: "workfront",
  title: "Workfront (username and password)",
  description: "Logs in with a Workfront user name and password and reuses the session. Used by version 1 of the Workfront modules.",
  deprecated: {
    since: "2026-11-23",
    sunset: "2027-11-30",
    reason: "Workfront no longer recommends /login with a password (and it is unavailable on the Adobe Business Platform). Create an API key (workfront@2) or OAuth2 (workfront@3) connection and upgrade the modules to version 2.",
  },
  fields: [
    hostField,
    { name: "username", label: "User name", type: "text", static: true, required: true },
    { name: "password", label: "Password", type: "text", static: true, required: true, sensitive: true },
  ],
  verify: (ctx) => verify(ctx, "workfront@1"),
});

export const workfrontApiKeyV2 = defineConnectionType({
  key: "workfront",
  version: 2,
  app: "workfront",
  title: "Workfront (API key)",
  description: "A Workfront API key (Setup › System › Customer Info, or the user's own key), sent as the apiKey header.",
  fields: [hostField, { name: "apiKey", label: "API key", type: "text", static: true, required: true, sensitive: true }],
  verify: (ctx) => verify(ctx, "workfront@2"),
});

export const workfrontOAuth2V3 = defineConnectionType({
  key: "workfront",
  version: 3,
  app: "workfront",
  title: "Workfront (OAuth2)",
  description: "An OAuth2 application registered in Workfront (authorization code with refresh). The access token is a session ID.",
  fields: [
    hostField,
    { name: "clientId", label: "Client ID", type: "text", static: true, required: true },
    { name: "clientSecret", label: "Client secret", type: "text", static: true, required: true, sensitive: true },
    { name: "refreshToken", label: "Refresh token", type: "text", static: true, sensitive: true, help: "Filled in by “Authorize”; leave empty." },
  ],
  oauth2: {
    authorizationUrl: (values, request) => authorizationUrl(oauth2ValuesSchema.parse(values), request),
    exchangeCode: (values, request) => exchangeCode(oauth2ValuesSchema.parse(values), request),
  },
  verify: (ctx) => verify(ctx, "workfront@3"),
});

export const connectionTypes = [workfrontPasswordV1, workfrontApiKeyV2, workfrontOAuth2V3] as const;
