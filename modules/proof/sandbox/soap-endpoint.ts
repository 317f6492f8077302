import {
  buildFaultEnvelope,
  buildResponseEnvelope,
  parseRequestEnvelope,
  readWsdl,
  SoapError,
  type SoapRequest,
  type SoapServiceDescription,
} from "@/lib/soap";
import { Args } from "./args";
import type { SandboxContext } from "./context";
import { faults, ProofFault } from "./faults";
import { callbackHandlers } from "./handlers/callbacks";
import { createHandlers } from "./handlers/create-proof";
import { proofHandlers } from "./handlers/proofs";
import { reviewerHandlers } from "./handlers/reviewers";
import { publicHandlers, sessionHandlers } from "./handlers/session";
import type { SessionHandler } from "./handlers/types";
import { workspaceHandlers } from "./handlers/workspaces";
import { OPERATIONS, type OperationSpec } from "./operations";
import { renewSession } from "./sessions";
import { includes, type Surface } from "./versions";
import { renderWsdl } from "./wsdl";

const SESSION_HANDLERS: Record<string, SessionHandler> = {
  ...sessionHandlers,
  ...createHandlers,
  ...proofHandlers,
  ...reviewerHandlers,
  ...workspaceHandlers,
  ...callbackHandlers,
};

/**
 * Each surface's requests are read with the description of the very WSDL it serves, so what the WSDL
 * says is what the endpoint accepts and answers (the address inside does not matter for that).
 */
const descriptions = new Map<string, SoapServiceDescription>();
function descriptionOf(surface: Surface): SoapServiceDescription {
  let description = descriptions.get(surface.id);
  if (description === undefined) {
    description = readWsdl(renderWsdl(surface, "http://sandbox.invalid/soap"));
    descriptions.set(surface.id, description);
  }
  return description;
}

export interface SoapAnswer {
  status: number;
  body: string;
}

/** One POST to a SOAP endpoint: parse, check the session, run the method, answer an envelope or a fault (HTTP 500). */
export function answerSoap(ctx: SandboxContext, surface: Surface, body: string, baseUrl: string): SoapAnswer {
  const description = descriptionOf(surface);
  try {
    const request = readRequest(description, body);
    const operation = request.operation;
    const spec = OPERATIONS.find((op) => op.name === request.operationName && includes(surface, op.since));
    if (operation === undefined || spec === undefined) throw faults.unknownProcedure(request.operationName);
    const args = new Args(request.args);
    const call = { ...ctx, args, baseUrl, surface };
    let result;
    const publicHandler = Object.hasOwn(publicHandlers, spec.name) ? publicHandlers[spec.name] : undefined;
    if (publicHandler !== undefined) {
      checkRequired(spec, args);
      result = publicHandler(call);
    } else {
      // The session is checked before the other parameters: an expired session says so, whatever else is wrong.
      const current = renewSession(ctx, args.text("SessionID"));
      if (current === null) throw faults.invalidSession();
      checkRequired(spec, args);
      result = SESSION_HANDLERS[spec.name]({ ...call, ...current });
    }
    return { status: 200, body: buildResponseEnvelope(description, operation, result) };
  } catch (error) {
    if (error instanceof ProofFault) return { status: 500, body: buildFaultEnvelope(error) };
    throw error;
  }
}

function readRequest(description: SoapServiceDescription, body: string): SoapRequest {
  try {
    return parseRequestEnvelope(description, body);
  } catch (error) {
    if (error instanceof SoapError) throw faults.badRequest(error.message);
    throw error;
  }
}

function checkRequired(spec: OperationSpec, args: Args): void {
  for (const param of spec.params) if (param.required === true && !args.has(param.name)) throw faults.missingParameter(param.name);
}

/** Every method has a handler: checked by a test, so a method cannot be listed in the WSDL and not answer. */
export function implementedMethods(): string[] {
  return [...Object.keys(publicHandlers), ...Object.keys(SESSION_HANDLERS)];
}
