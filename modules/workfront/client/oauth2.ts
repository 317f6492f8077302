import { createHash } from "node:crypto";
import { z } from "zod";
import type { OAuth2Tokens, SessionCache } from "@/lib/connections/define";
import { decodeText, formUrlEncoded, preview } from "@/lib/http";
import { OAuthTokenError } from "./errors";
import { hostOf, jsonOf, send } from "./transport";
import type { OAuth2Values } from "./values";

/**
 * Workfront's OAuth2 authorization code flow (reference A2): the admin's browser goes to
 * `<host>/integrations/oauth2/authorize`; codes and refresh tokens are exchanged at
 * `<host>/integrations/oauth2/api/v1/token`. The access token is a sessionID and is sent as the
 * `sessionID` header. Refresh tokens may rotate, so the newest one is kept in the connection's session.
 */
export const AUTHORIZE_PATH = "/integrations/oauth2/authorize";
export const TOKEN_PATH = "/integrations/oauth2/api/v1/token";

/** A token this close to its end counts as expired, so none leaves with a request and dies on the way. */
const EXPIRY_MARGIN_MS = 60_000;

const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  refresh_token: z.string().optional(),
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
});
const errorResponse = z.object({ error: z.string(), error_description: z.string().optional() });

export function authorizationUrl(values: OAuth2Values, request: { redirectUri: string; state: string }): string {
  const url = new URL(values.host + AUTHORIZE_PATH);
  url.searchParams.set("client_id", values.clientId);
  url.searchParams.set("redirect_uri", request.redirectUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("state", request.state);
  return url.href;
}

/** The form-encoded variant of the token request, with the client's credentials in the body. */
export async function requestTokens(values: OAuth2Values, grant: Array<[string, string]>, signal: AbortSignal, now = Date.now()): Promise<OAuth2Tokens> {
  const form = formUrlEncoded([...grant, ["client_id", values.clientId], ["client_secret", values.clientSecret]]);
  const url = values.host + TOKEN_PATH;
  let response;
  try {
    response = await send({ method: "POST", url, body: { contentType: form.contentType, data: form.body }, signal, timeoutMs: 30_000 });
  } catch (error) {
    throw new OAuthTokenError(`The Workfront token endpoint ${hostOf(url)} could not be reached: ${(error as Error).message}`);
  }
  const json = jsonOf(response);
  const ok = tokenResponse.safeParse(json);
  if (response.status >= 200 && response.status < 300 && ok.success) {
    // Workfront's documented sample says `expires_in: 0`: read that as "unknown", not "already expired".
    const seconds = ok.data.expires_in ?? 0;
    return {
      accessToken: ok.data.access_token,
      refreshToken: ok.data.refresh_token,
      expiresAt: seconds > 0 ? new Date(now + Math.max(seconds * 1000 / 2, seconds * 1000 - EXPIRY_MARGIN_MS)) : undefined,
    };
  }
  const text = preview(decodeText(response.body), 500);
  const refusal = errorResponse.safeParse(json);
  const reason = refusal.success ? `${refusal.data.error}${refusal.data.error_description ? `: ${refusal.data.error_description}` : ""}` : text || "no token in the answer";
  throw new OAuthTokenError(`The Workfront token endpoint ${hostOf(url)} refused (${response.status}): ${reason}`, response.status, refusal.success ? refusal.data.error : undefined, text);
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

const digest = (...parts: string[]) => createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 16);

/** Session-cache names; keyed by the stored refresh token, so re-authorizing starts clean. */
export const accessTokenSession = (values: OAuth2Values) => `wf:accessToken:${digest(values.host, values.clientId, values.refreshToken ?? "")}`;
const refreshTokenSession = (values: OAuth2Values) => `wf:refreshToken:${digest(values.host, values.clientId, values.refreshToken ?? "")}`;

/** A new access token from the newest refresh token; a rotated refresh token replaces it in the session. */
export async function refreshAccessToken(values: OAuth2Values, session: SessionCache, signal: AbortSignal): Promise<{ value: string; expiresAt?: Date }> {
  const stored = values.refreshToken;
  if (!stored) throw new OAuthTokenError("The connection has not been authorized yet: open it and click Authorize.", undefined, "not_authorized");
  const name = refreshTokenSession(values);
  const current = await session.obtain<string>(name, async () => ({ value: stored }));
  const tokens = await requestTokens(values, [["grant_type", "refresh_token"], ["refresh_token", current]], signal);
  const rotated = tokens.refreshToken;
  if (rotated && rotated !== current) await session.obtain<string>(name, async () => ({ value: rotated }), { force: true });
  return { value: tokens.accessToken, expiresAt: tokens.expiresAt };
}
