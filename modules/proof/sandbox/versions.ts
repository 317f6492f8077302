/**
 * The two API surfaces the sandbox serves (reference B1/B2). The unversioned `/soap` is frozen at
 * release 12.1; `/16_24_0/soap` is the versioned one PHQ-PHP was generated from. The target namespaces
 * differ on purpose: the overview (which documents `/soap?wsdl`) uses `urn:proofhqapi`, while Adobe's
 * worked examples, written against versioned members such as stage_id, use `https://soap.proofhq.com/`.
 */
export interface Surface {
  id: "12.1" | "16.24.0";
  /** Path before `/soap`: "" or "/16_24_0". */
  prefix: string;
  namespace: string;
  /** Versioned surfaces carry every member and method with a `since` tag; 12.1 none of them. */
  versioned: boolean;
}

export const SURFACE_12_1: Surface = { id: "12.1", prefix: "", namespace: "urn:proofhqapi", versioned: false };
export const SURFACE_16_24_0: Surface = { id: "16.24.0", prefix: "/16_24_0", namespace: "https://soap.proofhq.com/", versioned: true };
export const SURFACES = [SURFACE_12_1, SURFACE_16_24_0] as const;

/** [3P] SOAPAction is https://soap.proofhq.com/<methodName>, on every surface. */
export const SOAP_ACTION_BASE = "https://soap.proofhq.com/";

export function includes(surface: Surface, since: string | undefined): boolean {
  return since === undefined || surface.versioned;
}
