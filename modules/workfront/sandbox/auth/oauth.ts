import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { Core, OAuthClient } from "../core";
import { header, mediaType, readBody, redirect, sendJson } from "../http";
import { randomHex } from "../ids";
import { esc, page, sameOrigin, sendHtml } from "../ui/html";
import { isAdmin } from "./principal";

export const AUTHORIZE_PATH = "/integrations/oauth2/authorize";
export const TOKEN_PATH = "/integrations/oauth2/api/v1/token";

class OAuthProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function findClient(core: Core, clientId: string | undefined): OAuthClient | undefined {
  return core.options.oauth.clients.find((client) => client.clientId === clientId);
}

/** The redirect URI must be absolute http(s) and, for clients that registered some, one of theirs. */
function redirectAllowed(client: OAuthClient, redirectUri: string): boolean {
  if (!/^https?:\/\//i.test(redirectUri) || !URL.canParse(redirectUri)) return false;
  return !client.redirectUris?.length || client.redirectUris.includes(redirectUri);
}

function back(redirectUri: string, values: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(values)) if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}

function consentPage(core: Core, query: URLSearchParams): string {
  const users = core.store.all("USER").filter((user) => user.fields.isActive !== false);
  const adminFirst = [...users].sort((a, b) => Number(isAdmin(core.store, b.ID)) - Number(isAdmin(core.store, a.ID)));
  const hidden = ["client_id", "redirect_uri", "state", "response_type"]
    .map((name) => `<input type="hidden" name="${name}" value="${esc(query.get(name) ?? "")}">`)
    .join("");
  const options = adminFirst.map((user) => `<option value="${esc(user.ID)}">${esc(user.fields.name)} (${esc(user.fields.username)})</option>`).join("");
  return page(
    "Authorize application",
    `<h1>Allow access to Workfront (sandbox)?</h1>
<p><strong>${esc(query.get("client_id"))}</strong> asks to use the Workfront API on behalf of the user below.</p>
<form method="post" action="${esc(core.options.basePath + AUTHORIZE_PATH)}">${hidden}
<label>Sign in as <select name="userID">${options}</select></label>
<button type="submit" name="decision" value="allow">Allow</button> <button type="submit" name="decision" value="deny">Deny</button></form>`,
  );
}

/**
 * `GET /integrations/oauth2/authorize` shows a consent page; its form posts back here and we redirect to
 * the client with `code` and `state` (or `error=access_denied`). Codes live 2 minutes and work once.
 */
async function authorize(core: Core, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const post = req.method === "POST";
  const query = post ? new URLSearchParams((await readBody(req, 64 * 1024)).toString("utf8")) : url.searchParams;
  const client = findClient(core, query.get("client_id") ?? undefined);
  const redirectUri = query.get("redirect_uri") ?? "";
  // Without a known client and an allowed redirect URI there is nowhere safe to send errors.
  if (!client) return sendHtml(res, 400, page("Unknown client", `<p class="error">Unknown client_id ${esc(query.get("client_id"))}</p>`));
  if (!redirectAllowed(client, redirectUri)) return sendHtml(res, 400, page("Bad redirect", `<p class="error">redirect_uri ${esc(redirectUri)} is not allowed</p>`));
  const state = query.get("state") ?? undefined;
  if (query.get("response_type") !== "code") return redirect(res, back(redirectUri, { error: "unsupported_response_type", state }), 302);
  if (!post) return sendHtml(res, 200, consentPage(core, query));
  if (!sameOrigin(req)) return sendHtml(res, 403, page("Forbidden", `<p class="error">Cross-site form posts are refused.</p>`));
  if (query.get("decision") !== "allow") return redirect(res, back(redirectUri, { error: "access_denied", state }), 302);
  const user = core.store.get("USER", query.get("userID") ?? "");
  if (!user || user.fields.isActive === false) return sendHtml(res, 400, page("Unknown user", `<p class="error">Pick an active user.</p>`));
  const code = randomHex(16);
  core.auth.codes.set(code, { clientId: client.clientId, redirectUri, userID: user.ID, expiresAt: core.options.now().getTime() + core.options.oauth.codeTtlMs });
  redirect(res, back(redirectUri, { code, state }), 302);
}

const tokenSchema = z.discriminatedUnion("grant_type", [
  z.object({ grant_type: z.literal("authorization_code"), code: z.string().min(1), redirect_uri: z.string().optional(), client_id: z.string().optional(), client_secret: z.string().optional() }),
  z.object({ grant_type: z.literal("refresh_token"), refresh_token: z.string().min(1), client_id: z.string().optional(), client_secret: z.string().optional() }),
]);

/** Client credentials from `Authorization: Basic base64(id:secret)` or the body (reference A2). */
function clientFrom(core: Core, req: IncomingMessage, body: { client_id?: string; client_secret?: string }): OAuthClient {
  const basic = /^Basic\s+(.+)$/i.exec(header(req, "authorization") ?? "");
  let id = body.client_id;
  let secret = body.client_secret;
  if (basic) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    id = decodeURIComponent(decoded.slice(0, colon));
    secret = decodeURIComponent(decoded.slice(colon + 1));
  }
  const client = findClient(core, id);
  if (!client || client.clientSecret !== secret) throw new OAuthProblem(401, "invalid_client", "Unknown client or wrong secret");
  return client;
}

function issue(core: Core, clientId: string, userID: string): Record<string, unknown> {
  const { accessTokenTtlMs, refreshTokenTtlMs } = core.options.oauth;
  // The access token is a sessionID (token_type "sessionID"); it also ends after its lifetime.
  const session = core.auth.createSession(userID, accessTokenTtlMs);
  const refreshToken = randomHex(32);
  core.auth.refreshTokens.set(refreshToken, { clientId, userID, expiresAt: core.options.now().getTime() + refreshTokenTtlMs });
  return { token_type: "sessionID", access_token: session.id, refresh_token: refreshToken, expires_in: Math.floor(accessTokenTtlMs / 1000), wid: core.store.env.customerID };
}

async function token(core: Core, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "POST") throw new OAuthProblem(405, "invalid_request", "Use POST");
  const text = (await readBody(req, 64 * 1024)).toString("utf8");
  let raw: unknown;
  try {
    raw = mediaType(req) === "application/json" ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
  } catch {
    throw new OAuthProblem(400, "invalid_request", "The body is not valid JSON");
  }
  const parsed = tokenSchema.safeParse(raw);
  if (!parsed.success) {
    const grant = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>).grant_type : undefined;
    if (typeof grant === "string" && grant !== "authorization_code" && grant !== "refresh_token") throw new OAuthProblem(400, "unsupported_grant_type", `grant_type ${grant} is not supported`);
    throw new OAuthProblem(400, "invalid_request", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  const body = parsed.data;
  const client = clientFrom(core, req, body);
  const now = core.options.now().getTime();
  if (body.grant_type === "authorization_code") {
    const grant = core.auth.codes.get(body.code);
    core.auth.codes.delete(body.code);
    if (!grant || grant.expiresAt <= now || grant.clientId !== client.clientId) throw new OAuthProblem(400, "invalid_grant", "The code is invalid, used or expired");
    if (body.redirect_uri !== grant.redirectUri) throw new OAuthProblem(400, "invalid_grant", "redirect_uri does not match the authorization request");
    return sendJson(res, 200, issue(core, client.clientId, grant.userID), { "Cache-Control": "no-store" });
  }
  const grant = core.auth.refreshTokens.get(body.refresh_token);
  if (!grant || grant.expiresAt <= now || grant.clientId !== client.clientId) throw new OAuthProblem(400, "invalid_grant", "The refresh token is invalid or expired");
  // Refresh tokens rotate: the old one stops working once used.
  core.auth.refreshTokens.delete(body.refresh_token);
  sendJson(res, 200, issue(core, client.clientId, grant.userID), { "Cache-Control": "no-store" });
}

export async function handleOAuth(core: Core, req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<boolean> {
  if (path === AUTHORIZE_PATH) {
    await authorize(core, req, res, url);
    return true;
  }
  if (path !== TOKEN_PATH) return false;
  try {
    await token(core, req, res);
  } catch (error) {
    if (error instanceof OAuthProblem) sendJson(res, error.status, { error: error.code, error_description: error.message });
    else sendJson(res, 500, { error: "server_error", error_description: error instanceof Error ? error.message : "Internal error" });
  }
  return true;
}
