import type { SoapServiceDescription } from "@/lib/soap";
import { loadWsdl } from "@/modules/soap/wsdl-cache";

/**
 * The two API surfaces the connector speaks (reference B1/B2): the WSDL frozen at release 12.1 on
 * `/soap`, which module v1s use, and the versioned 16.24.0 one on `/16_24_0/soap`, which v2s use. The
 * connection's host is the part before either path, e.g. https://soap.proofhq.com.
 */
export interface ProofApi {
  id: "12.1" | "16.24.0";
  endpointPath: string;
  wsdlPath: string;
}

export const PROOF_API_12_1: ProofApi = { id: "12.1", endpointPath: "/soap", wsdlPath: "/soap?wsdl" };
export const PROOF_API_16_24_0: ProofApi = { id: "16.24.0", endpointPath: "/16_24_0/soap", wsdlPath: "/16_24_0/soap.wsdl" };

/** The service's WSDLs change with releases, not by the minute: keep a read one for an hour. */
const WSDL_TTL_MS = 60 * 60_000;

/**
 * The description calls are encoded and decoded with: the WSDL the service itself serves for that
 * surface, so newer members simply do not exist on 12.1 and a v1 module cannot send one by mistake.
 */
export function proofDescription(host: string, api: ProofApi, signal: AbortSignal): Promise<SoapServiceDescription> {
  return loadWsdl(`${host}${api.wsdlPath}`, { signal, ttlMs: WSDL_TTL_MS });
}

export function proofEndpoint(host: string, api: ProofApi): string {
  return `${host}${api.endpointPath}`;
}
