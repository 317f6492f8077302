import type { ResolvedConnection } from "@/lib/modules/context";
import type { SoapArgs, SoapValue } from "@/lib/soap";
import { memorySessionCache } from "@/modules/http/session";
import type { ProofApi } from "./api";
import { proofCredentials } from "./connection";
import { proofSoapCall, withProofSession } from "./session";

export interface ProofTarget {
  connection: ResolvedConnection | null;
  signal: AbortSignal;
}

/**
 * One Proof method with the connection's session as SessionID (every method but the logins takes it
 * as its first parameter, reference B3). A connection without a session cache (an ad-hoc run) gets one
 * that lasts this call.
 */
export async function proofCall(target: ProofTarget, api: ProofApi, operation: string, args: SoapArgs = {}): Promise<SoapValue> {
  const credentials = proofCredentials(target.connection);
  const cache = target.connection?.session ?? memorySessionCache();
  return withProofSession(credentials, cache, api, target.signal, (sessionId) =>
    proofSoapCall(credentials, api, operation, { SessionID: sessionId, ...args }, target.signal),
  );
}
