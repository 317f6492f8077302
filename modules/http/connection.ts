import { z } from "zod";
import { ConnectionTestError, defineConnectionType, type ConnectionContext } from "@/lib/connections/define";
import { decodeText, httpRequest, preview } from "@/lib/http";
import { ACCESS_TOKEN_SESSION, accessToken, authorizationUrl, exchangeCode, OAuth2TokenError, oauth2ValuesSchema, requestTokens } from "./oauth2";
import type { Credentials } from "./request";

/**
 * Connection types of the HTTP app. Values come from the connections store (sensitive ones decrypted);
 * they are parsed with zod here, where they enter connector code.
 */

const verifyUrlField = {
  name: "verifyUrl",
  label: "Verification URL",
  type: "text",
  static: true,
  help: "Optional: a URL that answers 2xx with these credentials; “Test” sends a GET to it.",
} as const;

// ---- http-basic@1 ----

export const basicValuesSchema = z.object({
  username: z.string().min(1, "The user name is missing."),
  password: z.string().default(""),
  verifyUrl: z.string().optional(),
});

export function basicCredentials(values: z.infer<typeof basicValuesSchema>): Credentials {
  const token = Buffer.from(`${values.username}:${values.password}`, "utf8").toString("base64");
  return { headers: [["authorization", `Basic ${token}`]] };
}

export const httpBasicV1 = defineConnectionType({
  key: "http-basic",
  version: 1,
  app: "http",
  title: "HTTP Basic auth",
  description: "A user name and password sent as an Authorization: Basic header.",
  fields: [
    { name: "username", label: "User name", type: "text", static: true, required: true },
    { name: "password", label: "Password", type: "text", static: true, required: true, sensitive: true },
    verifyUrlField,
  ],
  verify: (ctx) => verifyWith(ctx, basicValuesSchema, basicCredentials),
});

// ---- http-apikey@1 ----

export const apiKeyValuesSchema = z.object({
  key: z.string().min(1, "The API key is missing."),
  placement: z.enum(["header", "query"]).default("header"),
  name: z.string().optional(),
  verifyUrl: z.string().optional(),
});

export function apiKeyCredentials(values: z.infer<typeof apiKeyValuesSchema>): Credentials {
  if (values.placement === "query") return { query: [[values.name || "api_key", values.key]] };
  return { headers: [[values.name || "X-API-Key", values.key]] };
}

export const httpApiKeyV1 = defineConnectionType({
  key: "http-apikey",
  version: 1,
  app: "http",
  title: "HTTP API key",
  description: "An API key sent in a header or in the query string.",
  fields: [
    { name: "key", label: "API key", type: "text", static: true, required: true, sensitive: true },
    {
      name: "placement",
      label: "API key placement",
      type: "select",
      static: true,
      default: "header",
      options: [
        { value: "header", label: "In the header" },
        { value: "query", label: "In the query string" },
      ],
    },
    {
      name: "name",
      label: "API key parameter name",
      type: "text",
      static: true,
      help: "The header or query parameter, e.g. X-API-Key (header, the default) or api_key (query, the default).",
    },
    verifyUrlField,
  ],
  verify: (ctx) => verifyWith(ctx, apiKeyValuesSchema, apiKeyCredentials),
});

// ---- http-oauth2@1 ----

export const httpOAuth2V1 = defineConnectionType({
  key: "http-oauth2",
  version: 1,
  app: "http",
  title: "OAuth 2.0",
  description: "Client credentials, or an authorization code with refresh; the access token is sent as a Bearer header.",
  fields: [
    {
      name: "grantType",
      label: "Flow type",
      type: "select",
      static: true,
      required: true,
      default: "authorization_code",
      options: [
        { value: "authorization_code", label: "Authorization code" },
        { value: "client_credentials", label: "Client credentials" },
      ],
    },
    { name: "authorizeUri", label: "Authorize URI", type: "text", static: true, help: "Authorization code flow only." },
    { name: "tokenUri", label: "Token URI", type: "text", static: true, required: true },
    { name: "clientId", label: "Client ID", type: "text", static: true, required: true },
    { name: "clientSecret", label: "Client secret", type: "text", static: true, sensitive: true },
    { name: "scope", label: "Scope", type: "text", static: true, help: "Sent as written, e.g. “read write” (space-separated, per RFC 6749)." },
    {
      name: "clientAuthentication",
      label: "Client authentication",
      type: "select",
      static: true,
      default: "body",
      options: [
        { value: "body", label: "In the request body (client_secret_post)" },
        { value: "basic", label: "Basic header (client_secret_basic)" },
      ],
    },
    {
      name: "refreshToken",
      label: "Refresh token",
      type: "text",
      static: true,
      sensitive: true,
      help: "Filled in by “Authorize”; leave empty.",
    },
  ],
  oauth2: {
    authorizationUrl: (values, request) => authorizationUrl(oauth2ValuesSchema.parse(values), request),
    exchangeCode: (values, request) => exchangeCode(oauth2ValuesSchema.parse(values), request),
  },
  async verify(ctx) {
    const values = parseOrReport(oauth2ValuesSchema, ctx.values);
    try {
      if (values.grantType === "client_credentials") {
        const tokens = await requestTokens(values, [["grant_type", "client_credentials"], ...(values.scope ? [["scope", values.scope] as [string, string]] : [])], ctx.signal);
        await ctx.session.obtain(ACCESS_TOKEN_SESSION, async () => ({ value: tokens.accessToken, expiresAt: tokens.expiresAt }), { force: true });
        return { message: `Obtained an access token from ${new URL(values.tokenUri).host}.` };
      }
      await ctx.session.invalidate(ACCESS_TOKEN_SESSION);
      await accessToken(values, ctx.session, ctx.signal);
      return { message: `Refreshed the access token at ${new URL(values.tokenUri).host}.` };
    } catch (error) {
      if (error instanceof OAuth2TokenError) throw new ConnectionTestError(error.message, error.remote, error.status);
      throw error;
    }
  },
});

export const connectionTypes = [httpBasicV1, httpApiKeyV1, httpOAuth2V1] as const;

// ---- shared ----

function parseOrReport<T>(schema: z.ZodType<T>, values: Record<string, unknown>): T {
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new ConnectionTestError(parsed.error.issues[0]?.message ?? "The connection's values are incomplete.");
  return parsed.data;
}

/** "Test" for key-style credentials: GET the verification URL with them; a 2xx passes. */
async function verifyWith<T extends { verifyUrl?: string }>(
  ctx: ConnectionContext,
  schema: z.ZodType<T>,
  credentials: (values: T) => Credentials,
): Promise<{ message: string }> {
  const values = parseOrReport(schema, ctx.values);
  if (!values.verifyUrl) return { message: "Saved. No verification URL is set, so the credentials are checked on first use." };
  const auth = credentials(values);
  let response;
  try {
    response = await httpRequest({ url: values.verifyUrl, headers: auth.headers, query: auth.query, signal: ctx.signal, timeoutMs: 20_000 });
  } catch (error) {
    throw new ConnectionTestError(`The verification URL could not be reached: ${(error as Error).message}`);
  }
  const host = new URL(response.url).host;
  if (response.status >= 200 && response.status < 300) return { message: `${host} accepted the credentials (${response.status}).` };
  throw new ConnectionTestError(
    `${host} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`,
    preview(decodeText(response.body.subarray(0, 4096)), 500),
    response.status,
  );
}
