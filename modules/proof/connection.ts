import { z } from "zod";
import { ConnectionTestError, defineConnectionType, type ConnectionContext } from "@/lib/connections/define";
import type { ResolvedConnection } from "@/lib/modules/context";
import { InvalidConfigurationError } from "@/lib/modules/errors";
import { SoapFaultError } from "@/modules/soap/errors";
import { PROOF_API_12_1 } from "./api";
import { obtainSession, proofSoapCall } from "./session";

/**
 * Workfront Proof connection types (design §6): `proof@1` logs in with e-mail and password (doLogin),
 * `proof@2` with e-mail and API token (getSessionId). Either way the session key is cached per
 * connection (connection.session) and shared by concurrent runs; see session.ts.
 */

export const DEFAULT_PROOF_HOST = "https://soap.proofhq.com";

const hostSchema = z
  .string()
  .trim()
  .min(1, "The host is missing.")
  .transform((host) => host.replace(/\/+$/, ""))
  .refine((host) => {
    try {
      const url = new URL(host);
      return (url.protocol === "https:" || url.protocol === "http:") && url.search === "" && url.hash === "";
    } catch {
      return false;
    }
  }, "The host must be an http(s) base URL without a query, e.g. https://soap.proofhq.com.");

const emailSchema = z.string().trim().min(1, "The e-mail address is missing.");

export const proofV1ValuesSchema = z.object({ host: hostSchema, email: emailSchema, password: z.string().min(1, "The password is missing.") });
export const proofV2ValuesSchema = z.object({ host: hostSchema, email: emailSchema, token: z.string().min(1, "The API token is missing.") });

export type ProofCredentials =
  | { kind: "password"; host: string; email: string; password: string }
  | { kind: "token"; host: string; email: string; token: string };

const hostField = {
  name: "host",
  label: "Host",
  type: "text",
  static: true,
  required: true,
  default: DEFAULT_PROOF_HOST,
  help: "Base URL of the Proof API, without /soap: https://soap.proofhq.com, https://soap.proofhq.eu (EU accounts), or e.g. http://127.0.0.1:3000/sandbox/proof for the sandbox.",
} as const;
const emailField = { name: "email", label: "E-mail address", type: "text", static: true, required: true } as const;

export const proofV1 = defineConnectionType({
  key: "proof",
  version: 1,
  app: "proof",
  title: "Workfront Proof (e-mail and password)",
  description: "Logs in with doLogin; the session is kept per connection and renewed when Proof says it is no longer valid.",
  fields: [hostField, emailField, { name: "password", label: "Password", type: "text", static: true, required: true, sensitive: true }],
  verify: (ctx) => verifyProof(ctx, "proof@1"),
});

export const proofV2 = defineConnectionType({
  key: "proof",
  version: 2,
  app: "proof",
  title: "Workfront Proof (e-mail and API token)",
  description: "Logs in with getSessionId and an API token instead of a password.",
  fields: [hostField, emailField, { name: "token", label: "API token", type: "text", static: true, required: true, sensitive: true }],
  verify: (ctx) => verifyProof(ctx, "proof@2"),
});

export const connectionTypes = [proofV1, proofV2] as const;

/** Values of `type` as credentials; the first problem as text (naming the field, never its value). */
function credentialsOf(type: string, values: Record<string, unknown>): ProofCredentials | { problem: string; field?: string } {
  if (type === proofV1.id) {
    const parsed = proofV1ValuesSchema.safeParse(values);
    if (parsed.success) return { kind: "password", ...parsed.data };
    return { problem: parsed.error.issues[0]?.message ?? "invalid values", field: parsed.error.issues[0]?.path.join(".") };
  }
  if (type === proofV2.id) {
    const parsed = proofV2ValuesSchema.safeParse(values);
    if (parsed.success) return { kind: "token", ...parsed.data };
    return { problem: parsed.error.issues[0]?.message ?? "invalid values", field: parsed.error.issues[0]?.path.join(".") };
  }
  return { problem: `a ${type} connection is not a Workfront Proof connection (proof@1 or proof@2)` };
}

export function proofCredentials(connection: ResolvedConnection | null): ProofCredentials {
  if (connection === null) throw new InvalidConfigurationError("This module needs a Workfront Proof connection; none is selected.");
  const result = credentialsOf(connection.type, connection.values);
  if ("kind" in result) return result;
  throw new InvalidConfigurationError(`Connection ${connection.id} is incomplete${result.field ? ` (${result.field})` : ""}: ${result.problem}. Edit the connection.`);
}

/**
 * "Test": a fresh login (which also replaces the cached session), then checkSession with it. A refusal
 * is reported with Proof's own fault text, verbatim.
 */
async function verifyProof(ctx: ConnectionContext, type: "proof@1" | "proof@2"): Promise<{ message: string }> {
  const credentials = credentialsOf(type, ctx.values);
  if (!("kind" in credentials)) throw new ConnectionTestError(`${credentials.problem}${credentials.field ? ` (${credentials.field})` : ""}`);
  try {
    const session = await obtainSession(credentials, ctx.session, PROOF_API_12_1, ctx.signal, { force: true });
    const valid = await proofSoapCall(credentials, PROOF_API_12_1, "checkSession", { SessionID: session.sessionId }, ctx.signal);
    if (valid !== true) throw new ConnectionTestError("Workfront Proof logged in but then did not accept the session (checkSession answered false).");
    return { message: `Signed in to Workfront Proof as ${session.userName || credentials.email}${session.organisation ? ` (${session.organisation})` : ""}.` };
  } catch (error) {
    if (error instanceof ConnectionTestError) throw error;
    if (error instanceof SoapFaultError) throw new ConnectionTestError(`Workfront Proof refused: ${error.faultstring} (fault ${error.faultcode})`, error.faultstring);
    throw new ConnectionTestError(error instanceof Error ? error.message : String(error));
  }
}
