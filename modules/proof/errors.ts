import type { ModuleErrorType } from "@/lib/modules/errors";
import { SoapFault } from "@/lib/soap";
import { SoapFaultError, toSoapModuleError } from "@/modules/soap/errors";

/** The session fault (reference B7): the one fault answered by logging in again and retrying once. */
export const INVALID_SESSION = "305";

export function isInvalidSession(error: unknown): boolean {
  return error instanceof SoapFault && error.faultcode === INVALID_SESSION;
}

/**
 * Proof's fault codes (reference B7, [3P]; the sandbox's table) as error types: login refusals and a
 * session that stays invalid need the connection fixed; 400/403 are about the input (a missing
 * parameter, someone else's proof, a locked proof); "Procedure 'X' not present" means the endpoint's
 * API version lacks the method.
 */
function proofFaultType(fault: SoapFault): ModuleErrorType {
  switch (fault.faultcode) {
    case "303":
    case "305":
    case "307":
      return "InvalidAccessTokenError";
    case "400":
    case "403":
      return "DataError";
  }
  if (/(^|:)Server$/.test(fault.faultcode)) return /not present/i.test(fault.faultstring) ? "InvalidConfigurationError" : "ConnectionError";
  if (/(^|:)Client$/.test(fault.faultcode)) return "DataError";
  return "RuntimeError";
}

/** Any failure of a Proof call as a module error; faults keep their faultcode and faultstring. */
export function toProofError(error: unknown, operation: string): unknown {
  if (error instanceof SoapFault) {
    return new SoapFaultError(proofFaultType(error), error, `Workfront Proof fault ${error.faultcode} (${operation}): ${error.faultstring}`);
  }
  return toSoapModuleError(error, "Workfront Proof");
}
