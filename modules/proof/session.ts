import { createHash } from "node:crypto";
import { z } from "zod";
import type { SessionCache } from "@/lib/connections/define";
import { ModuleError } from "@/lib/modules/errors";
import { callOperation, type SoapArgs, type SoapValue } from "@/lib/soap";
import { SoapFaultError } from "@/modules/soap/errors";
import { guardedPoster } from "@/modules/soap/poster";
import { proofDescription, proofEndpoint, type ProofApi } from "./api";
import type { ProofCredentials } from "./connection";
import { INVALID_SESSION, toProofError } from "./errors";

/** What is cached per connection: the session key and who it belongs to (JSON, sealed by the app's cache). */
export interface ProofSession {
  sessionId: string;
  userId: number;
  userName: string;
  organisation: string;
}

const loginSchema = z.object({
  session: z.string().min(1),
  user_id: z.number().catch(0),
  user_name: z.string().catch(""),
  organisation_name: z.string().catch(""),
});

const post = guardedPoster({ timeoutMs: 60_000 });

/** One call, no session handling; errors as module errors (faults keep faultcode and faultstring). */
export async function proofSoapCall(credentials: ProofCredentials, api: ProofApi, operation: string, args: SoapArgs, signal: AbortSignal): Promise<SoapValue> {
  try {
    const description = await proofDescription(credentials.host, api, signal);
    return await callOperation(description, operation, args, { post, endpoint: proofEndpoint(credentials.host, api), signal });
  } catch (error) {
    throw toProofError(error, operation);
  }
}

/**
 * Cache name per host and e-mail: edited credentials pointing elsewhere never reuse a session that
 * belongs to another account (the password is not part of it; a changed password fails with 305 and
 * is logged in again).
 */
export function sessionName(credentials: ProofCredentials): string {
  return `proof-session:${createHash("sha256").update(`${credentials.host}\n${credentials.email.toLowerCase()}`).digest("hex").slice(0, 16)}`;
}

async function login(credentials: ProofCredentials, api: ProofApi, signal: AbortSignal): Promise<ProofSession> {
  const result =
    credentials.kind === "password"
      ? await proofSoapCall(credentials, api, "doLogin", { Login: credentials.email, Password: credentials.password }, signal)
      : await proofSoapCall(credentials, api, "getSessionId", { EmailAddress: credentials.email, AuthToken: credentials.token }, signal);
  const parsed = loginSchema.safeParse(result);
  if (!parsed.success) throw new ModuleError("InvalidAccessTokenError", "Workfront Proof accepted the login but answered no session key.");
  return { sessionId: parsed.data.session, userId: parsed.data.user_id, userName: parsed.data.user_name, organisation: parsed.data.organisation_name };
}

/**
 * The connection's session, logging in when there is none. No expiry is stored: Proof renews a session
 * on every call (24 h sliding window, reference B3), so only Proof knows when it ends, and says so with
 * fault 305, which `withProofSession` answers.
 */
export function obtainSession(credentials: ProofCredentials, cache: SessionCache, api: ProofApi, signal: AbortSignal, options: { force?: boolean } = {}): Promise<ProofSession> {
  return cache.obtain(sessionName(credentials), async () => ({ value: await login(credentials, api, signal) }), options);
}

/**
 * Runs `call` with the session key. On fault 305 (invalid session) it gets a new one ONCE and retries
 * ONCE. No login storm: if another run already logged in again, its session is used; otherwise one
 * forced login, which the cache's single flight shares with every run that hit the same 305. A second
 * 305 is reported, not retried. A 305 is answered before the method does anything (the session is
 * checked first), so retrying cannot do the work twice.
 */
export async function withProofSession<T>(
  credentials: ProofCredentials,
  cache: SessionCache,
  api: ProofApi,
  signal: AbortSignal,
  call: (sessionId: string) => Promise<T>,
): Promise<T> {
  const first = await obtainSession(credentials, cache, api, signal);
  try {
    return await call(first.sessionId);
  } catch (error) {
    if (!isSessionFault(error)) throw error;
  }
  let next = await obtainSession(credentials, cache, api, signal);
  if (next.sessionId === first.sessionId) next = await obtainSession(credentials, cache, api, signal, { force: true });
  return call(next.sessionId);
}

function isSessionFault(error: unknown): boolean {
  return error instanceof SoapFaultError && error.faultcode === INVALID_SESSION;
}
