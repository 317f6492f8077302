/**
 * The faults the sandbox answers. Codes and wordings from the reference (B7, all [3P]); where it is
 * silent (an invalid value, an unknown proof) our choice, listed in docs/proof-sandbox.md.
 */
export class ProofFault extends Error {
  constructor(
    readonly faultcode: string,
    readonly faultstring: string,
  ) {
    super(`${faultcode}: ${faultstring}`);
    this.name = "ProofFault";
  }
}

export const faults = {
  invalidLogin: () => new ProofFault("303", "Login details invalid."),
  accountLocked: () => new ProofFault("307", "Account locked: too many failed logins. Try again later."),
  invalidSession: () => new ProofFault("305", "Invalid Session ID."),
  missingParameter: (name: string) => new ProofFault("400", `Required parameter ${name} is missing.`),
  invalidParameter: (name: string, why: string) => new ProofFault("400", `Invalid parameter ${name}: ${why}.`),
  // An unknown id gets the permission error too: the account cannot tell "not there" from "not yours".
  forbidden: () => new ProofFault("403", "the user does not have permission to perform this action"),
  unknownProcedure: (name: string) => new ProofFault("SOAP-ENV:Server", `Procedure '${name}' not present`),
  badRequest: (why: string) => new ProofFault("SOAP-ENV:Client", `Bad Request: ${why}`),
};
