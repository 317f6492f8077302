import { findOperation, type SoapServiceDescription } from "./description";
import { buildRequestEnvelope, parseResponseEnvelope } from "./envelope";
import { SoapArgumentError, SoapFault, SoapHttpError } from "./errors";
import type { SoapArgs, SoapValue } from "./values";

export interface SoapHttpRequest {
  headers: Record<string, string>;
  body: string;
  signal?: AbortSignal;
}

export interface SoapHttpResponse {
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
}

/** Sends one HTTP POST. Injected, so the app's guarded HTTP client (timeouts, size caps, SSRF rules) does the I/O. */
export type SoapPoster = (url: string, request: SoapHttpRequest) => Promise<SoapHttpResponse>;

export interface CallOptions {
  post: SoapPoster;
  /** Where to send the request; default the WSDL's soap:address. A connection's base URL goes here. */
  endpoint?: string;
  signal?: AbortSignal;
}

/**
 * Calls one RPC operation and returns its decoded result (see parseResponseEnvelope). Throws SoapFault
 * for a fault, SoapHttpError for a non-SOAP HTTP error, SoapProtocolError/XmlParseError for a response
 * that is not a readable envelope, SoapArgumentError for arguments that do not fit the WSDL. Whatever the
 * poster throws (network errors, aborts) passes through unchanged.
 */
export async function callOperation(description: SoapServiceDescription, operationName: string, args: SoapArgs, options: CallOptions): Promise<SoapValue> {
  const operation = findOperation(description, operationName);
  if (operation === undefined) throw new SoapArgumentError("", `The service has no operation ${operationName}`);
  const endpoint = options.endpoint ?? description.endpoint;
  if (endpoint === null || endpoint === "") throw new SoapArgumentError("", "No endpoint: the WSDL has no soap:address and none was given");
  const body = buildRequestEnvelope(description, operation, args);
  const response = await options.post(endpoint, {
    headers: {
      "Content-Type": "text/xml; charset=utf-8",
      // SOAP 1.1 §6.1.1: the header value is a quoted URI; an empty quoted string means "the HTTP request URI".
      SOAPAction: `"${operation.soapAction}"`,
    },
    body,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  let result: SoapValue;
  try {
    result = parseResponseEnvelope(description, operation, response.body, response.status);
  } catch (error) {
    // A fault explains itself whatever the status; anything unreadable on an error status is an HTTP error.
    if (error instanceof SoapFault || response.status < 300) throw error;
    throw new SoapHttpError(response.status, response.body);
  }
  // SOAP 1.1 §6.2: an error status must carry a fault; a normal envelope on one is not trusted as a result.
  if (response.status >= 300) throw new SoapHttpError(response.status, response.body);
  return result;
}

/** A poster over the global fetch (or another fetch), for tests and scripts; the app injects its guarded client. */
export function createFetchPoster(fetchImpl: typeof fetch = fetch): SoapPoster {
  return async (url, request) => {
    const response = await fetchImpl(url, { method: "POST", headers: request.headers, body: request.body, ...(request.signal === undefined ? {} : { signal: request.signal }) });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { status: response.status, headers, body: await response.text() };
  };
}
