/**
 * Test support for the Workfront connector (not a test file): a sandbox on 127.0.0.1 the guarded HTTP
 * client may reach, connections of every type to it, and an OAuth2 authorization done the way an
 * admin's browser would do it.
 */
import type { SessionCache } from "@/lib/connections/define";
import { allowOutbound } from "@/lib/http";
import type { ResolvedConnection } from "@/lib/modules/context";
import { memorySessionCache } from "@/modules/http/session";
import { exchangeCode } from "./client/oauth2";
import { oauth2ValuesSchema } from "./client/values";
import {
  DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, DEMO_API_KEY, DEMO_OAUTH_CLIENT_ID, DEMO_OAUTH_CLIENT_SECRET, SEED_IDS, startWorkfrontSandbox, type WorkfrontSandboxOptions,
} from "./sandbox";

export type TestSandbox = Awaited<ReturnType<typeof startWorkfrontSandbox>>;

/** A sandbox whose port the guarded client may call; `close` also takes the permission back. */
export async function startTestSandbox(options: WorkfrontSandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startWorkfrontSandbox(options);
  const disallow = allowOutbound(new URL(sandbox.url).host);
  return {
    ...sandbox,
    close: async () => {
      disallow();
      await sandbox.close();
    },
  };
}

export const passwordValues = (sb: { url: string }, overrides: Record<string, unknown> = {}) => ({
  host: sb.url,
  username: DEMO_ADMIN_USERNAME,
  password: DEMO_ADMIN_PASSWORD,
  ...overrides,
});

export const apiKeyValues = (sb: { url: string }, overrides: Record<string, unknown> = {}) => ({ host: sb.url, apiKey: DEMO_API_KEY, ...overrides });

/**
 * Runs the authorization code flow against the sandbox: the consent form's "Allow" (as the admin, or
 * `userID`), then the code exchange. Returns the values a workfront@3 connection holds afterwards.
 */
export async function authorizeOAuth(sb: { url: string }, userID: string = SEED_IDS.admin): Promise<Record<string, string>> {
  const redirectUri = "http://127.0.0.1:9/callback";
  const consent = await fetch(`${sb.url}/integrations/oauth2/authorize`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: DEMO_OAUTH_CLIENT_ID, redirect_uri: redirectUri, response_type: "code", state: "s1", userID, decision: "allow" }).toString(),
  });
  const code = new URL(consent.headers.get("location") ?? "http://x/").searchParams.get("code");
  if (!code) throw new Error(`no code from the consent form (status ${consent.status})`);
  const values = { host: sb.url, clientId: DEMO_OAUTH_CLIENT_ID, clientSecret: DEMO_OAUTH_CLIENT_SECRET };
  const tokens = await exchangeCode(oauth2ValuesSchema.parse(values), { code, redirectUri, signal: AbortSignal.timeout(5_000) });
  return { ...values, refreshToken: tokens.refreshToken ?? "" };
}

export interface TestConnection {
  type: string;
  values: Record<string, unknown>;
  session?: SessionCache;
}

/** A connections resolver as the app's would hand them out: one shared session cache per connection. */
export function resolver(connections: Record<string, TestConnection>) {
  const sessions = new Map<string, SessionCache>();
  return async (id: string): Promise<ResolvedConnection> => {
    const found = connections[id];
    if (!found) throw new Error(`no connection ${id}`);
    let session = found.session ?? sessions.get(id);
    if (!session) sessions.set(id, (session = memorySessionCache()));
    return { id, type: found.type, values: found.values, session };
  };
}

/** The three connection types against one sandbox, each with its own session cache. */
export async function allConnections(sb: { url: string }): Promise<Record<"password" | "apiKey" | "oauth", TestConnection & { session: SessionCache }>> {
  return {
    password: { type: "workfront@1", values: passwordValues(sb), session: memorySessionCache() },
    apiKey: { type: "workfront@2", values: apiKeyValues(sb), session: memorySessionCache() },
    oauth: { type: "workfront@3", values: await authorizeOAuth(sb), session: memorySessionCache() },
  };
}

/** A memory session cache that counts fetches per kind of token ("wf:session", "wf:accessToken", …). */
export function countingSessionCache(): SessionCache & { fetches: Record<string, number> } {
  const inner = memorySessionCache();
  const fetches: Record<string, number> = {};
  return {
    fetches,
    obtain(name, fetch, options) {
      const kind = name.split(":").slice(0, 2).join(":");
      return inner.obtain(
        name,
        () => {
          fetches[kind] = (fetches[kind] ?? 0) + 1;
          return fetch();
        },
        options,
      );
    },
    invalidate: (name) => inner.invalidate(name),
  };
}
