import http, { type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { z } from "zod";
import type { RequestBody } from "./body";
import type { CookieJar } from "./cookies";
import {
  HttpCancelledError,
  HttpClientError,
  HttpNetworkError,
  HttpTimeoutError,
  hostOf,
  InvalidRequestError,
  ResponseTooLargeError,
  TooManyRedirectsError,
} from "./errors";
import { AllowListError } from "./policy";
import { reportRequest } from "./recorder";
import { resolveChecked, systemResolver, type CheckedTarget, type HostResolver } from "./resolve";

/**
 * The one guarded outbound HTTP client. Built on node:http/https rather than global fetch: fetch's
 * undici cannot be given a connect-time address check without the `undici` package (not a dependency),
 * while node:http takes a `lookup` function, so we resolve and check the address ourselves and pin the
 * socket to it. Redirects are followed by hand so every hop is checked again.
 */
export type HeaderInput = Readonly<Record<string, string>> | ReadonlyArray<readonly [string, string]>;
export type QueryInput =
  | Readonly<Record<string, string | number | boolean | ReadonlyArray<string | number | boolean>>>
  | ReadonlyArray<readonly [string, string]>;

export interface HttpRequestOptions {
  url: string;
  /** Default GET. */
  method?: string;
  headers?: HeaderInput;
  /** Appended to the URL's own query string. */
  query?: QueryInput;
  body?: RequestBody;
  /** Whole exchange, redirects and body included. Default 40 s (Fusion's). */
  timeoutMs?: number;
  /** Name resolution plus TCP connect, per hop. Default 10 s. */
  connectTimeoutMs?: number;
  /** Response body cap, counted while streaming (after decompression). Default 10 MB. */
  maxBytes?: number;
  /** Default true. When false a 3xx is returned as it is. */
  followRedirects?: boolean;
  /** Default 10. */
  maxRedirects?: number;
  /** Default true; false accepts self-signed and otherwise unverifiable certificates. */
  rejectUnauthorized?: boolean;
  signal?: AbortSignal;
  /** Sends matching cookies and stores Set-Cookie from every hop. */
  cookieJar?: CookieJar;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Each Set-Cookie header of the final response, unjoined. */
  setCookies: string[];
  body: Buffer;
  /** The final URL, after redirects. */
  url: string;
  redirects: number;
}

export const DEFAULT_TIMEOUT_MS = 40_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 10;
const USER_AGENT = "Patchbay/1.0 (+https://github.com/patchbay)";

const settingsSchema = z.object({
  method: z
    .string()
    .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, "The method is not a valid HTTP method.")
    .transform((m) => m.toUpperCase())
    .default("GET"),
  timeoutMs: z.number().int().min(1).max(3_600_000).default(DEFAULT_TIMEOUT_MS),
  connectTimeoutMs: z.number().int().min(1).max(600_000).default(DEFAULT_CONNECT_TIMEOUT_MS),
  maxBytes: z.number().int().min(0).max(1024 * 1024 * 1024).default(DEFAULT_MAX_BYTES),
  followRedirects: z.boolean().default(true),
  maxRedirects: z.number().int().min(0).max(50).default(DEFAULT_MAX_REDIRECTS),
  rejectUnauthorized: z.boolean().default(true),
});

export interface HttpClient {
  request(options: HttpRequestOptions): Promise<HttpResponse>;
}

export interface HttpClientConfig {
  /** How host names become addresses; the system resolver by default. */
  resolver?: HostResolver;
}

export function createHttpClient(config: HttpClientConfig = {}): HttpClient {
  const resolver = config.resolver ?? systemResolver;
  return { request: (options) => performRequest(options, resolver) };
}

const defaultClient = createHttpClient();

/** Sends a request through the guard; see HttpRequestOptions for the defaults. */
export function httpRequest(options: HttpRequestOptions): Promise<HttpResponse> {
  return defaultClient.request(options);
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Credentials that must not follow a redirect to another origin (the jar re-adds its own cookies). */
const ORIGIN_BOUND_HEADERS = ["authorization", "proxy-authorization", "cookie"];

async function performRequest(options: HttpRequestOptions, resolver: HostResolver): Promise<HttpResponse> {
  const parsed = settingsSchema.safeParse(options);
  if (!parsed.success) throw new InvalidRequestError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const settings = parsed.data;
  let url = buildUrl(options.url, options.query);
  let method = settings.method;
  let headers = normaliseHeaders(options.headers);
  let body = options.body === undefined ? undefined : Buffer.from(options.body);
  // The execution log records what went out; a preview stops here with the request built.
  reportRequest({ method, url, headers, body });

  const overall = new AbortController();
  const total = setTimeout(() => overall.abort(new HttpTimeoutError("total", settings.timeoutMs, url.href)), settings.timeoutMs);
  const onCancel = () => overall.abort(new HttpCancelledError(options.signal?.reason));
  if (options.signal?.aborted) onCancel();
  options.signal?.addEventListener("abort", onCancel, { once: true });
  try {
    for (let redirects = 0; ; redirects++) {
      const hopHeaders = withCookies(headers, url, options.cookieJar);
      const response = await exchange({ url, method, headers: hopHeaders, body, settings, resolver, signal: overall.signal });
      const setCookies = asList(response.headers["set-cookie"]);
      options.cookieJar?.store(url, setCookies);
      const location = response.headers.location;
      if (settings.followRedirects && REDIRECT_STATUSES.has(response.statusCode ?? 0) && location) {
        response.destroy(); // the body of a redirect is never read
        if (redirects >= settings.maxRedirects) throw new TooManyRedirectsError(settings.maxRedirects, url.href);
        const next = redirectTarget(location, url);
        if (changesToGet(response.statusCode ?? 0, method)) {
          method = method === "HEAD" ? "HEAD" : "GET";
          body = undefined;
          headers = headers.filter(([name]) => !name.startsWith("content-"));
        }
        if (next.origin !== url.origin) headers = headers.filter(([name]) => !ORIGIN_BOUND_HEADERS.includes(name));
        url = next;
        continue;
      }
      const bytes = await readBody(response, method, settings.maxBytes, overall.signal, url.host);
      return {
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? "",
        headers: flattenHeaders(response.headers),
        setCookies,
        body: bytes,
        url: url.href,
        redirects,
      };
    }
  } catch (error) {
    if (overall.signal.aborted && overall.signal.reason instanceof HttpClientError) throw overall.signal.reason;
    throw error;
  } finally {
    clearTimeout(total);
    options.signal?.removeEventListener("abort", onCancel);
  }
}

function buildUrl(text: string, query: QueryInput | undefined): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidRequestError(`“${text.length > 80 ? `${text.slice(0, 80)}…` : text}” is not a valid URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidRequestError(`Only http and https URLs can be requested, not ${url.protocol.replace(/:$/, "")}.`);
  }
  if (url.username || url.password) {
    // They would show up wherever the URL is logged; credentials belong in a connection.
    throw new InvalidRequestError("The URL contains a user name or password; use a Basic auth connection instead.");
  }
  const pairs: Array<[string, string]> = Array.isArray(query)
    ? query.map(([k, v]) => [k, v] as [string, string])
    : Object.entries((query ?? {}) as Record<string, unknown>).flatMap(([k, v]) =>
        (Array.isArray(v) ? v : [v]).map((item) => [k, String(item)] as [string, string]),
      );
  for (const [name, value] of pairs) url.searchParams.append(name, value);
  return url;
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function normaliseHeaders(input: HeaderInput | undefined): Array<[string, string]> {
  const pairs: Array<readonly [string, string]> = Array.isArray(input) ? input : Object.entries(input ?? {});
  const out: Array<[string, string]> = [];
  for (const [rawName, value] of pairs) {
    const name = rawName.trim().toLowerCase();
    if (!HEADER_NAME.test(name)) throw new InvalidRequestError(`“${rawName}” is not a valid header name.`);
    if (/[\r\n\0]/.test(value)) throw new InvalidRequestError(`The value of header “${rawName}” contains a line break.`);
    // The client frames the body itself; a caller's length could only disagree with it.
    if (name === "content-length" || name === "transfer-encoding" || name === "connection") continue;
    out.push([name, value]);
  }
  return out;
}

function withCookies(headers: Array<[string, string]>, url: URL, jar: CookieJar | undefined): Array<[string, string]> {
  const fromJar = jar?.headerFor(url);
  if (!fromJar) return headers;
  const own = headers.filter(([n]) => n === "cookie").map(([, v]) => v);
  return [...headers.filter(([n]) => n !== "cookie"), ["cookie", [...own, fromJar].join("; ")]];
}

function redirectTarget(location: string, from: URL): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new HttpNetworkError("network", `${hostOf(from.href)} redirected to an invalid URL.`);
  }
  if (next.protocol !== "http:" && next.protocol !== "https:") {
    throw new HttpNetworkError("network", `${hostOf(from.href)} redirected to a ${next.protocol.replace(/:$/, "")} URL, which is not followed.`);
  }
  if (next.username || next.password) throw new HttpNetworkError("network", `${hostOf(from.href)} redirected to a URL with credentials in it.`);
  return next;
}

/** 303 always, and 301/302 after a POST, continue as GET without a body (as browsers and fetch do). */
function changesToGet(status: number, method: string): boolean {
  return status === 303 ? method !== "GET" : (status === 301 || status === 302) && method === "POST";
}

interface Exchange {
  url: URL;
  method: string;
  headers: Array<[string, string]>;
  body: Buffer | undefined;
  settings: z.infer<typeof settingsSchema>;
  resolver: HostResolver;
  signal: AbortSignal;
}

/** One hop: check the destination, connect to the checked address, send, wait for the head. */
async function exchange(hop: Exchange): Promise<IncomingMessage> {
  const connect = new AbortController();
  const connectTimeout = hop.settings.connectTimeoutMs;
  const connectTimer = setTimeout(() => connect.abort(new HttpTimeoutError("connect", connectTimeout, hop.url.href)), connectTimeout);
  // The request keeps this signal while its body is read, so the overall deadline still applies then.
  const signal = AbortSignal.any([hop.signal, connect.signal]);
  try {
    const target = await raceAbort(resolveChecked(hop.url, hop.resolver), signal);
    return await send(hop, target, signal, () => clearTimeout(connectTimer));
  } catch (error) {
    if (signal.aborted && signal.reason instanceof HttpClientError) throw signal.reason;
    if (error instanceof AllowListError) throw new InvalidRequestError(error.message, { cause: error });
    throw error instanceof HttpClientError ? error : networkError(error, hop.url);
  } finally {
    clearTimeout(connectTimer);
  }
}

function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function send(hop: Exchange, target: CheckedTarget, signal: AbortSignal, onConnected: () => void): Promise<IncomingMessage> {
  const secure = hop.url.protocol === "https:";
  // The socket goes to the address that passed the check, never to a second DNS answer.
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of [["user-agent", USER_AGENT] as [string, string], ...hop.headers]) {
    const existing = headers[name];
    if (name === "user-agent" && existing !== undefined) headers[name] = value;
    else headers[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [String(existing)]), value];
  }
  if (hop.body !== undefined) headers["content-length"] = String(hop.body.length);
  return new Promise<IncomingMessage>((resolve, reject) => {
    const request = (secure ? https : http).request({
      protocol: hop.url.protocol,
      host: target.host,
      port: target.port,
      path: `${hop.url.pathname}${hop.url.search}`,
      method: hop.method,
      headers,
      agent: false,
      lookup: pinned,
      signal,
      rejectUnauthorized: hop.settings.rejectUnauthorized,
      servername: secure && isIP(target.host) === 0 ? target.host : undefined,
    });
    request.on("socket", (socket) => {
      if (!socket.connecting) onConnected();
      else socket.once("connect", onConnected);
    });
    request.on("response", resolve);
    request.on("error", reject);
    request.end(hop.body);
  });
}

async function readBody(response: IncomingMessage, method: string, maxBytes: number, signal: AbortSignal, host: string): Promise<Buffer> {
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new ResponseTooLargeError(maxBytes);
  }
  const empty = method === "HEAD" || response.statusCode === 204 || response.statusCode === 304;
  const stream = empty ? response : decompressed(response);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw new ResponseTooLargeError(maxBytes);
      chunks.push(chunk);
    }
  } catch (error) {
    response.destroy();
    if (signal.aborted && signal.reason instanceof HttpClientError) throw signal.reason;
    if (error instanceof HttpClientError) throw error;
    throw new HttpNetworkError("network", `Reading the response from ${host} failed: ${messageOf(error)}`, { cause: error });
  }
  return Buffer.concat(chunks, size);
}

/** Bodies are capped after decompression, so a small gzip bomb cannot fill memory either. */
function decompressed(response: IncomingMessage): Readable {
  const encoding = (response.headers["content-encoding"] ?? "").trim().toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? createGunzip()
      : encoding === "deflate"
        ? createInflate()
        : encoding === "br"
          ? createBrotliDecompress()
          : null;
  if (!decoder) return response;
  return pipeline(response, decoder, () => {});
}

function flattenHeaders(raw: IncomingMessage["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|EPROTO/;

function networkError(error: unknown, url: URL): HttpClientError {
  const code = (error as { code?: string } | null)?.code ?? "";
  const host = url.host;
  if (TLS_CODES.test(code)) {
    return new HttpNetworkError(
      "tls",
      `The TLS certificate of ${host} could not be verified (${code}). For a self-signed certificate, turn off “Reject unverified certificates”.`,
      { cause: error },
    );
  }
  const messages: Record<string, string> = {
    ECONNREFUSED: `${host} refused the connection.`,
    ECONNRESET: `${host} closed the connection unexpectedly.`,
    EHOSTUNREACH: `${host} cannot be reached from this server.`,
    ENETUNREACH: `${host} cannot be reached from this server.`,
    EPIPE: `${host} closed the connection while the request was being sent.`,
  };
  const text = messages[code] ?? (code.startsWith("HPE_") ? `${host} sent an invalid HTTP response.` : `The request to ${host} failed: ${messageOf(error)}`);
  return new HttpNetworkError("network", text, { cause: error });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
