import { createHash } from "node:crypto";
import { z } from "zod";
import type { SessionCache } from "@/lib/connections/define";
import { formUrlEncoded } from "@/lib/http";
import { WorkfrontApiError } from "./errors";
import { accessTokenSession, refreshAccessToken } from "./oauth2";
import { hostOf, readEnvelope, send } from "./transport";
import { apiPrefix } from "./url";
import type { WorkfrontCredentials } from "./values";

/**
 * How each connection type proves who it is (reference A2):
 *   workfront@1  username/password → POST /login → sessionID, sent as the `sessionID` header
 *   workfront@2  API key, sent as the `apiKey` header
 *   workfront@3  OAuth2 access token (a sessionID), sent as the `sessionID` header
 * Sessions and access tokens live in the connection's SessionCache, so concurrent runs share one login.
 */
export interface Credential {
  headers: Array<[string, string]>;
  /** Identifies the credential, to tell whether another run renewed it meanwhile. */
  token: string;
}

export interface Authenticator {
  readonly type: WorkfrontCredentials["type"];
  current(): Promise<Credential>;
  /**
   * Workfront refused `rejected` as not logged in or expired. Returns a fresh credential (one another run
   * already made, or a new login/refresh), or null when renewing cannot help (an API key).
   */
  renew(rejected: Credential): Promise<Credential | null>;
  /** Headers for the Event Subscription API: the same session, or the key in `Authorization` (older docs). */
  subscriptionHeaders(credential: Credential): Array<[string, string]>;
  /** The user the connection acts as, when the login told us (saves a request). */
  knownUserId(): Promise<string | undefined>;
}

const loginAnswer = z.object({ sessionID: z.string().min(1), userID: z.string().min(1) });
type LoginInfo = z.infer<typeof loginAnswer>;

const digest = (...parts: string[]) => createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 16);

export interface AuthOptions {
  session: SessionCache;
  apiVersion: string;
  signal?: AbortSignal;
  /** Counts logins and token refreshes (tests assert "exactly one re-login"). */
  onRenew?: (kind: "login" | "refresh") => void;
}

/** POST /login with the credentials in a form body (never in the URL, which proxies log). */
export async function login(host: string, username: string, password: string, apiVersion: string, signal?: AbortSignal): Promise<LoginInfo> {
  const form = formUrlEncoded([
    ["username", username],
    ["password", password],
  ]);
  const response = await send({ method: "POST", url: `${host}${apiPrefix(apiVersion)}/login`, body: { contentType: form.contentType, data: form.body }, signal });
  const parsed = loginAnswer.safeParse(readEnvelope(response));
  if (!parsed.success) throw new WorkfrontApiError("The login answer has no sessionID", "", response.status, hostOf(response.url));
  return parsed.data;
}

export function authenticatorFor(credentials: WorkfrontCredentials, options: AuthOptions): Authenticator {
  const { session, signal } = options;
  switch (credentials.type) {
    case "workfront@1": {
      const { host, username, password } = credentials.values;
      const name = `wf:session:${digest(host, username, password)}`;
      const fetchSession = async () => {
        options.onRenew?.("login");
        return { value: await login(host, username, password, options.apiVersion, signal) };
      };
      const asCredential = (info: LoginInfo): Credential => ({ headers: [["sessionID", info.sessionID]], token: info.sessionID });
      const current = async () => asCredential(await session.obtain(name, fetchSession));
      return {
        type: credentials.type,
        current,
        async renew(rejected) {
          const latest = await current();
          if (latest.token !== rejected.token) return latest;
          return asCredential(await session.obtain(name, fetchSession, { force: true }));
        },
        subscriptionHeaders: (credential) => credential.headers,
        knownUserId: async () => (await session.obtain(name, fetchSession)).userID,
      };
    }
    case "workfront@2": {
      const { apiKey } = credentials.values;
      return {
        type: credentials.type,
        current: async () => ({ headers: [["apiKey", apiKey]], token: apiKey }),
        renew: async () => null,
        subscriptionHeaders: () => [["authorization", apiKey]],
        knownUserId: async () => undefined,
      };
    }
    case "workfront@3": {
      const values = credentials.values;
      const name = accessTokenSession(values);
      const fetchToken = async () => {
        options.onRenew?.("refresh");
        return refreshAccessToken(values, session, signal ?? AbortSignal.timeout(30_000));
      };
      const asCredential = (token: string): Credential => ({ headers: [["sessionID", token]], token });
      const current = async () => asCredential(await session.obtain(name, fetchToken));
      return {
        type: credentials.type,
        current,
        async renew(rejected) {
          const latest = await current();
          if (latest.token !== rejected.token) return latest;
          return asCredential(await session.obtain(name, fetchToken, { force: true }));
        },
        subscriptionHeaders: (credential) => credential.headers,
        knownUserId: async () => undefined,
      };
    }
  }
}
