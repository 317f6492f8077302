import { decodeText, httpRequest, parseContentType } from "@/lib/http";
import type { SoapPoster } from "@/lib/soap";

export type HeaderPair = readonly [string, string];

export interface GuardedPosterOptions {
  /** Headers typed in the module. They cannot replace Content-Type or SOAPAction, which the envelope fixes. */
  headers?: readonly HeaderPair[];
  /** From a connection: they replace same-named typed headers. */
  credentials?: readonly HeaderPair[];
  /** Whole exchange; default 40 s. */
  timeoutMs?: number;
  /** Response cap; default the client's 10 MB. */
  maxBytes?: number;
}

const FIXED = new Set(["content-type", "soapaction"]);

/**
 * lib/soap's injected POST, made with the guarded client (timeouts, size cap, outbound address rules).
 * Redirects are not followed: a SOAP POST that redirects would be re-sent as a GET without its body,
 * so the 3xx is reported instead (callOperation turns it into an HTTP error).
 */
export function guardedPoster(options: GuardedPosterOptions = {}): SoapPoster {
  const credentialNames = new Set((options.credentials ?? []).map(([name]) => name.toLowerCase()));
  const typed = (options.headers ?? []).filter(([name]) => name !== "" && !FIXED.has(name.toLowerCase()) && !credentialNames.has(name.toLowerCase()));
  return async (url, request) => {
    const response = await httpRequest({
      url,
      method: "POST",
      headers: [...typed, ...Object.entries(request.headers), ...(options.credentials ?? [])],
      body: request.body,
      followRedirects: false,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
    return { status: response.status, headers: response.headers, body: decodeText(response.body, parseContentType(response.headers["content-type"]).charset) };
  };
}
