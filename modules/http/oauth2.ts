import { createHash } from "node:crypto";
import { z } from "zod";
import { decodeText, formUrlEncoded, httpRequest, preview, type HttpResponse } from "@/lib/http";
import type { OAuth2Tokens, SessionCache, SessionToken } from "@/lib/connections/define";

/**
 * OAuth 2.0 for http-oauth2@1: client credentials, and authorization code with refresh. Tokens are
 * fetched through the guarded client; access tokens are cached in the connection's SessionCache under
 * "accessToken", so concurrent runs share one token and one refresh.
 */
export const oauth2ValuesSchema = z.object({
  grantType: z.enum(["client_credentials", "authorization_code"]),
  authorizeUri: z.string().optional(),
  tokenUri: z.string().min(1, "The token URI is missing."),
  clientId: z.string().min(1, "The client ID is missing."),
  clientSecret: z.string().optional(),
  scope: z.string().optional(),
  clientAuthentication: z.enum(["body", "basic"]).default("body"),
  /** Stored by the connections service after the authorization-code exchange; never typed. */
  refreshToken: z.string().optional(),
});
export type OAuth2Values = z.infer<typeof oauth2ValuesSchema>;

export const ACCESS_TOKEN_SESSION = "accessToken";
/** Tokens count as expired this long before the server says, so a request never leaves with a dying one. */
const EXPIRY_MARGIN_MS = 60_000;

/** The token endpoint refused or failed; `oauthError` is its `error` code (invalid_grant…) when it sent one. */
export class OAuth2TokenError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly oauthError?: string,
    readonly remote?: string,
  ) {
    super(message);
    this.name = "OAuth2TokenError";
  }
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
});

const errorResponseSchema = z.object({ error: z.string(), error_description: z.string().optional() });

function clientAuth(values: OAuth2Values): { headers: Array<[string, string]>; fields: Array<[string, string]> } {
  if (values.clientAuthentication === "basic") {
    // RFC 6749 §2.3.1: both parts form-encoded before base64.
    const pair = `${encodeURIComponent(values.clientId)}:${encodeURIComponent(values.clientSecret ?? "")}`;
    return { headers: [["authorization", `Basic ${Buffer.from(pair).toString("base64")}`]], fields: [] };
  }
  const fields: Array<[string, string]> = [["client_id", values.clientId]];
  if (values.clientSecret) fields.push(["client_secret", values.clientSecret]);
  return { headers: [], fields };
}

/** POSTs a grant to the token endpoint and reads the answer (RFC 6749 §5). */
export async function requestTokens(values: OAuth2Values, grant: Array<[string, string]>, signal: AbortSignal, now = Date.now()): Promise<OAuth2Tokens> {
  const auth = clientAuth(values);
  const form = formUrlEncoded([...grant, ...auth.fields]);
  const host = safeHost(values.tokenUri);
  let response: HttpResponse;
  try {
    response = await httpRequest({
      method: "POST",
      url: values.tokenUri,
      headers: [["content-type", form.contentType], ["accept", "application/json"], ...auth.headers],
      body: form.body,
      signal,
      timeoutMs: 30_000,
    });
  } catch (error) {
    throw new OAuth2TokenError(`The token endpoint ${host} could not be reached: ${(error as Error).message}`);
  }
  const text = decodeText(response.body);
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // handled below: a token endpoint must answer JSON
  }
  if (response.status >= 400 || !json) {
    const oauth = errorResponseSchema.safeParse(json);
    const reason = oauth.success ? `${oauth.data.error}${oauth.data.error_description ? `: ${oauth.data.error_description}` : ""}` : preview(text, 200);
    throw new OAuth2TokenError(`The token endpoint ${host} refused (${response.status}): ${reason}`, response.status, oauth.success ? oauth.data.error : undefined, preview(text, 500));
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) throw new OAuth2TokenError(`The token endpoint ${host} answered without an access token.`, response.status, undefined, preview(text, 500));
  const token = parsed.data;
  return {
    accessToken: token.access_token,
    refreshToken: token.refresh_token,
    scope: token.scope,
    expiresAt: token.expires_in === undefined ? undefined : new Date(now + Math.max(0, token.expires_in * 1000 - EXPIRY_MARGIN_MS)),
  };
}

/** The latest refresh token: providers that rotate them hand out a new one with every refresh. */
function refreshTokenSession(stored: string): string {
  // Keyed by the stored token, so re-authorizing the connection starts from its new token.
  return `refreshToken:${createHash("sha256").update(stored).digest("hex").slice(0, 16)}`;
}

async function fetchAccessToken(values: OAuth2Values, session: SessionCache, signal: AbortSignal): Promise<SessionToken<string>> {
  if (values.grantType === "client_credentials") {
    const grant: Array<[string, string]> = [["grant_type", "client_credentials"]];
    if (values.scope) grant.push(["scope", values.scope]);
    const tokens = await requestTokens(values, grant, signal);
    return { value: tokens.accessToken, expiresAt: tokens.expiresAt };
  }
  const stored = values.refreshToken;
  if (!stored) throw new OAuth2TokenError("The connection has not been authorized yet: open it and click Authorize.", undefined, "not_authorized");
  const name = refreshTokenSession(stored);
  const current = await session.obtain<string>(name, async () => ({ value: stored }));
  const tokens = await requestTokens(values, [["grant_type", "refresh_token"], ["refresh_token", current]], signal);
  const rotated = tokens.refreshToken;
  if (rotated && rotated !== current) await session.obtain<string>(name, async () => ({ value: rotated }), { force: true });
  return { value: tokens.accessToken, expiresAt: tokens.expiresAt };
}

/** An access token, from the cache or freshly obtained (once, however many runs ask at the same time). */
export function accessToken(values: OAuth2Values, session: SessionCache, signal: AbortSignal): Promise<string> {
  return session.obtain(ACCESS_TOKEN_SESSION, () => fetchAccessToken(values, session, signal));
}

/**
 * After a 401 with `rejected`: if another run has already renewed the token, use that one; otherwise
 * force one refresh. Either way every concurrent caller ends up with the same new token.
 */
export async function renewedAccessToken(values: OAuth2Values, session: SessionCache, rejected: string, signal: AbortSignal): Promise<string> {
  const latest = await accessToken(values, session, signal);
  if (latest !== rejected) return latest;
  return session.obtain(ACCESS_TOKEN_SESSION, () => fetchAccessToken(values, session, signal), { force: true });
}

export function authorizationUrl(values: OAuth2Values, request: { redirectUri: string; state: string }): string {
  if (!values.authorizeUri) throw new Error("The authorize URI is missing.");
  const url = new URL(values.authorizeUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", values.clientId);
  url.searchParams.set("redirect_uri", request.redirectUri);
  if (values.scope) url.searchParams.set("scope", values.scope);
  url.searchParams.set("state", request.state);
  return url.href;
}

export function exchangeCode(values: OAuth2Values, request: { code: string; redirectUri: string; signal: AbortSignal }): Promise<OAuth2Tokens> {
  return requestTokens(
    values,
    [
      ["grant_type", "authorization_code"],
      ["code", request.code],
      ["redirect_uri", request.redirectUri],
    ],
    request.signal,
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(invalid URL)";
  }
}
