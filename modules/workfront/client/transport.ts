import { decodeText, httpRequest, preview, type HeaderInput, type HttpResponse, type QueryInput } from "@/lib/http";
import { WorkfrontApiError } from "./errors";

/**
 * One HTTP exchange with Workfront through the guarded client, and the reading of its envelopes. Every
 * request carries `X-Requested-With: XMLHttpRequest`, as the official client sends it (reference A3).
 */
export interface WireRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  url: string;
  headers?: Array<[string, string]>;
  query?: Array<[string, string]>;
  body?: { contentType: string; data: Buffer | string };
  signal?: AbortSignal;
  timeoutMs?: number;
}

export const REQUEST_TIMEOUT_MS = 40_000;

export async function send(request: WireRequest): Promise<HttpResponse> {
  const headers: Array<[string, string]> = [["x-requested-with", "XMLHttpRequest"], ["accept", "application/json"], ...(request.headers ?? [])];
  if (request.body) headers.push(["content-type", request.body.contentType]);
  return httpRequest({
    method: request.method,
    url: request.url,
    headers: headers as HeaderInput,
    query: request.query as QueryInput | undefined,
    body: request.body?.data,
    signal: request.signal,
    timeoutMs: request.timeoutMs ?? REQUEST_TIMEOUT_MS,
  });
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(invalid host)";
  }
}

/** The body as JSON, or undefined when it is empty or not JSON. */
export function jsonOf(response: HttpResponse): unknown {
  const text = decodeText(response.body);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Reads a REST answer: `{"data":…}` gives the data; `{"error":{class,message}}` is an error **whatever
 * the HTTP status**, 200 included (reference A5: WF-JS and WF-PY both look at the body); a non-2xx
 * answer without an envelope is an error too, named by its status and the start of its body.
 */
export function readEnvelope(response: HttpResponse): unknown {
  const host = hostOf(response.url);
  const json = jsonOf(response);
  if (isRecord(json) && "error" in json) {
    const error = isRecord(json.error) ? json.error : { message: String(json.error) };
    const message = typeof error.message === "string" && error.message !== "" ? error.message : "Workfront answered with an error without a message";
    throw new WorkfrontApiError(message, typeof error.class === "string" ? error.class : "", response.status, host);
  }
  if (response.status < 200 || response.status >= 300) throw statusError(response, json);
  if (isRecord(json) && "data" in json) return json.data;
  throw new WorkfrontApiError(`The answer is not a Workfront API response: ${preview(decodeText(response.body), 200) || "(empty)"}`, "", response.status, host);
}

/** Non-2xx without Workfront's envelope (a proxy, the subscription API's `{"message"}`, a 414 from the CDN). */
export function statusError(response: HttpResponse, json: unknown = jsonOf(response)): WorkfrontApiError {
  const host = hostOf(response.url);
  const message =
    isRecord(json) && typeof json.message === "string"
      ? json.message
      : `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}${bodyHint(response)}`;
  return new WorkfrontApiError(message, "", response.status, host);
}

function bodyHint(response: HttpResponse): string {
  const text = preview(decodeText(response.body.subarray(0, 4096)), 200);
  return text ? `: ${text}` : "";
}
