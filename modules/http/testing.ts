import { randomUUID } from "node:crypto";
import type { SessionCache } from "@/lib/connections/define";
import { sendJson, type RouteHandler } from "@/lib/http/testing";
import type { ResolvedConnection } from "@/lib/modules/context";
import { memorySessionCache } from "./session";

/**
 * Test support for the HTTP modules: extra routes for the local test server (multipart echo, cookies,
 * typed responses, downloads) and a small OAuth 2.0 authorization server with a protected API.
 */
export const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x10]);

export const contentRoutes: Record<string, RouteHandler> = {
  /** Reads a multipart body with the platform's own parser and reports what it found. */
  "/multipart": async (req, res) => {
    const form = await new Response(new Uint8Array(req.body), { headers: { "content-type": String(req.headers["content-type"]) } }).formData();
    const fields: Record<string, unknown> = {};
    for (const [name, value] of form.entries()) {
      fields[name] =
        typeof value === "string"
          ? value
          : { fileName: value.name, type: value.type, size: value.size, base64: Buffer.from(await value.arrayBuffer()).toString("base64") };
    }
    sendJson(res, 200, fields);
  },
  "/set-cookie": (_req, res) => {
    res.writeHead(200, { "content-type": "text/plain", "set-cookie": ["session=s3cr3t-cookie; Path=/; HttpOnly", "lang=en; Path=/"] });
    res.end("ok");
  },
  "/xml": (_req, res) => {
    res.writeHead(200, { "content-type": "application/xml" });
    res.end('<order id="7"><item>Pen</item><item>Ink</item></order>');
  },
  "/png": (_req, res) => {
    res.writeHead(200, { "content-type": "image/png" });
    res.end(PNG_BYTES);
  },
  "/download/report": (_req, res) => {
    res.writeHead(200, { "content-type": "application/pdf", "content-disposition": 'attachment; filename="../../etc/Q3 report.pdf"' });
    res.end(PNG_BYTES);
  },
  "/files/plain%20name.txt": (_req, res) => {
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
    res.end("hello");
  },
};

/** A toy authorization server: client credentials and refresh grants, with optional refresh-token rotation. */
export interface OAuthServerState {
  clientId: string;
  clientSecret: string;
  /** The refresh token the server currently accepts. */
  refreshToken: string;
  rotateRefreshTokens: boolean;
  expiresIn: number;
  /** Access tokens the API accepts. */
  valid: Set<string>;
  tokenRequests: Array<Record<string, string>>;
  apiRequests: number;
}

export function oauthState(overrides: Partial<OAuthServerState> = {}): OAuthServerState {
  return {
    clientId: "patchbay-client",
    clientSecret: "client-secret-value",
    refreshToken: "refresh-token-1",
    rotateRefreshTokens: false,
    expiresIn: 3600,
    valid: new Set(),
    tokenRequests: [],
    apiRequests: 0,
    ...overrides,
  };
}

export function oauthRoutes(state: () => OAuthServerState): Record<string, RouteHandler> {
  return {
    "/oauth/token": (req, res) => {
      const s = state();
      const form = Object.fromEntries(new URLSearchParams(req.body.toString()));
      const basic = /^Basic (.+)$/.exec(String(req.headers.authorization ?? ""));
      if (basic) {
        const [id, secret] = Buffer.from(basic[1], "base64").toString().split(":").map(decodeURIComponent);
        form.client_id = id;
        form.client_secret = secret;
      }
      s.tokenRequests.push(form);
      if (form.client_id !== s.clientId || form.client_secret !== s.clientSecret) {
        return sendJson(res, 401, { error: "invalid_client", error_description: "Unknown client or wrong secret." });
      }
      if (form.grant_type === "refresh_token" && form.refresh_token !== s.refreshToken) {
        return sendJson(res, 400, { error: "invalid_grant", error_description: "The refresh token is invalid or expired." });
      }
      if (!["client_credentials", "refresh_token", "authorization_code"].includes(form.grant_type)) {
        return sendJson(res, 400, { error: "unsupported_grant_type" });
      }
      const accessToken = `at-${s.tokenRequests.length}-${randomUUID().slice(0, 8)}`;
      s.valid.add(accessToken);
      const answer: Record<string, unknown> = { access_token: accessToken, token_type: "Bearer", expires_in: s.expiresIn };
      if (form.grant_type === "authorization_code") answer.refresh_token = s.refreshToken;
      if (form.grant_type === "refresh_token" && s.rotateRefreshTokens) {
        s.refreshToken = `refresh-token-${s.tokenRequests.length + 1}`;
        answer.refresh_token = s.refreshToken;
      }
      sendJson(res, 200, answer);
    },
    "/api/me": (req, res) => {
      const s = state();
      s.apiRequests++;
      const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ""))?.[1];
      if (!token || !s.valid.has(token)) return sendJson(res, 401, { error: "invalid_token" });
      sendJson(res, 200, { user: "ada", token });
    },
  };
}

/** A connections resolver for runScenario, as the app's would hand them out (one shared session each). */
export function connectionsResolver(connections: Record<string, { type: string; values: Record<string, unknown>; session?: SessionCache }>) {
  const sessions = new Map<string, SessionCache>();
  return async (id: string): Promise<ResolvedConnection> => {
    const found = connections[id];
    if (!found) throw new Error(`no connection ${id}`);
    let session = found.session ?? sessions.get(id);
    if (!session) sessions.set(id, (session = memorySessionCache()));
    return { id, type: found.type, values: found.values, session };
  };
}
