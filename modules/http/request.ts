import { decodeBody, decodeText, httpRequest, parseContentType, parseSetCookie, preview, type CookieJar, type HttpResponse } from "@/lib/http";
import { encodeRequestBody, type BodySpec } from "./body";
import { statusError, toModuleError } from "./errors";

/**
 * The part every HTTP module shares: turn validated field values into one guarded request, and the
 * response into output. Modules differ only in where credentials come from and how fields are laid out.
 */
export interface NameValue {
  name: string;
  value?: string;
}

export interface ModuleRequest {
  url: string;
  method: string;
  headers?: readonly NameValue[];
  qs?: readonly NameValue[];
  body: BodySpec;
}

export interface ModuleRequestOptions {
  timeoutSeconds: number;
  followRedirect: boolean;
  rejectUnauthorized: boolean;
  signal: AbortSignal;
  cookieJar?: CookieJar;
  maxBytes?: number;
}

/** Added by a connection: they replace same-named headers the user typed. */
export interface Credentials {
  headers?: ReadonlyArray<readonly [string, string]>;
  query?: ReadonlyArray<readonly [string, string]>;
}

export async function sendRequest(request: ModuleRequest, options: ModuleRequestOptions, credentials: Credentials = {}): Promise<HttpResponse> {
  try {
    const encoded = encodeRequestBody(request.body);
    const credentialNames = new Set((credentials.headers ?? []).map(([name]) => name.toLowerCase()));
    const headers: Array<[string, string]> = (request.headers ?? [])
      .filter((h) => h.name && !credentialNames.has(h.name.toLowerCase()))
      .map((h) => [h.name, h.value ?? ""]);
    if (encoded.contentType) {
      const userSetType = headers.some(([name]) => name.toLowerCase() === "content-type");
      if (encoded.contentTypeIsBinding || !userSetType) {
        // A multipart boundary must match the body, so ours replaces any the user typed.
        const withoutType = headers.filter(([name]) => name.toLowerCase() !== "content-type");
        headers.length = 0;
        headers.push(...withoutType, ["content-type", encoded.contentType]);
      }
    }
    headers.push(...(credentials.headers ?? []).map(([n, v]) => [n, v] as [string, string]));
    const query: Array<[string, string]> = (request.qs ?? []).filter((q) => q.name).map((q) => [q.name, q.value ?? ""]);
    query.push(...(credentials.query ?? []).map(([n, v]) => [n, v] as [string, string]));
    return await httpRequest({
      url: request.url,
      method: request.method,
      headers,
      query,
      body: encoded.body,
      timeoutMs: options.timeoutSeconds * 1000,
      followRedirects: options.followRedirect,
      rejectUnauthorized: options.rejectUnauthorized,
      signal: options.signal,
      cookieJar: options.cookieJar,
      maxBytes: options.maxBytes,
    });
  } catch (error) {
    throw toModuleError(error);
  }
}

/** "Evaluate all states as errors (except 2xx and 3xx)", as Fusion words it. */
export function assertAcceptedStatus(response: HttpResponse): void {
  if (response.status < 400) return;
  const type = parseContentType(response.headers["content-type"]);
  const text = type.mediaType.startsWith("image/") ? "" : preview(decodeText(response.body.subarray(0, 4096), type.charset), 200);
  throw statusError(response.status, response.statusText, new URL(response.url).host, text);
}

/**
 * The response body as output: parsed by Content-Type when `parse` is on (JSON → data, XML → data with
 * `@_` attributes, text → text, anything else → base64 text); as text when it is off.
 */
export function responseData(response: HttpResponse, parse: boolean): unknown {
  if (!parse) return decodeText(response.body, parseContentType(response.headers["content-type"]).charset);
  try {
    const decoded = decodeBody(response);
    return decoded.kind === "binary" ? decoded.value.toString("base64") : decoded.value;
  } catch (error) {
    throw toModuleError(error);
  }
}

export interface CookieOutput {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: string | null;
  secure: boolean;
  httpOnly: boolean;
}

/** The cookies the final response set (whether or not they are shared with later modules). */
export function responseCookies(response: HttpResponse): CookieOutput[] {
  const url = new URL(response.url);
  return response.setCookies
    .map((header) => parseSetCookie(header, url, Date.now()))
    .filter((c): c is NonNullable<typeof c> => c !== null)
    .map((c) => ({
      name: c.name,
      value: c.value,
      domain: c.domain,
      path: c.path,
      expires: c.expires === undefined ? null : new Date(c.expires).toISOString(),
      secure: c.secure,
      httpOnly: c.httpOnly,
    }));
}
