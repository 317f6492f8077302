import { createHash } from "node:crypto";
import { decodeText, httpRequest, parseContentType, preview } from "@/lib/http";
import { ConnectionError, InvalidConfigurationError, ModuleError } from "@/lib/modules/errors";
import { readWsdl, WsdlError, XmlParseError, type SoapServiceDescription } from "@/lib/soap";
import { toSoapModuleError } from "./errors";
import type { HeaderPair } from "./poster";

/**
 * WSDLs fetched through the guarded client and kept, read, per URL (and credentials) for a while: the
 * operation picker, the generated fields, the output spec and every run need the same description, and
 * a service's WSDL changes rarely. One fetch per key at a time (concurrent callers share it); failures
 * are not kept, so a fixed WSDL is picked up on the next try.
 */
export const DEFAULT_WSDL_TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 64;
const MAX_WSDL_BYTES = 5 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 30_000;

interface Entry {
  url: string;
  description: SoapServiceDescription;
  expiresAt: number;
}

const entries = new Map<string, Entry>();
const pending = new Map<string, Promise<SoapServiceDescription>>();

export interface LoadWsdlOptions {
  /** Credentials for a protected WSDL (part of the cache key: one person's WSDL is not served to another's request). */
  credentials?: readonly HeaderPair[];
  signal?: AbortSignal;
  ttlMs?: number;
  /** Skip the cache (a connection's "Test" wants to see the service answer now). */
  fresh?: boolean;
}

export async function loadWsdl(url: string, options: LoadWsdlOptions = {}): Promise<SoapServiceDescription> {
  const key = cacheKey(url, options.credentials ?? []);
  const now = Date.now();
  const hit = entries.get(key);
  if (!options.fresh && hit !== undefined && hit.expiresAt > now) return hit.description;
  let flight = pending.get(key);
  if (flight === undefined) {
    flight = fetchWsdl(url, options.credentials ?? [])
      .then((description) => {
        remember(key, { url, description, expiresAt: Date.now() + (options.ttlMs ?? DEFAULT_WSDL_TTL_MS) });
        return description;
      })
      .finally(() => pending.delete(key));
    pending.set(key, flight);
  }
  return untilAborted(flight, options.signal);
}

/**
 * The description of `url` if some request read it recently (with whatever credentials), else null.
 * For the synchronous output spec: the editor loads the operation list or the generated fields first,
 * which fetches the WSDL, so by the time it asks for the output spec the description is here.
 */
export function peekWsdl(url: string): SoapServiceDescription | null {
  const now = Date.now();
  let found: Entry | undefined;
  for (const entry of entries.values()) if (entry.url === url && entry.expiresAt > now) found = entry;
  return found?.description ?? null;
}

/** Drops cached descriptions (all, or one URL's). */
export function forgetWsdl(url?: string): void {
  for (const [key, entry] of entries) if (url === undefined || entry.url === url) entries.delete(key);
}

function remember(key: string, entry: Entry): void {
  entries.delete(key);
  entries.set(key, entry);
  // Oldest first in a Map: drop from the front.
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
}

function cacheKey(url: string, credentials: readonly HeaderPair[]): string {
  if (credentials.length === 0) return url;
  const digest = createHash("sha256").update(JSON.stringify(credentials)).digest("hex").slice(0, 32);
  return `${url}\n${digest}`;
}

async function fetchWsdl(url: string, credentials: readonly HeaderPair[]): Promise<SoapServiceDescription> {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    throw new InvalidConfigurationError(`The WSDL URL is not a valid URL: “${preview(url, 100)}”.`);
  }
  let text: string;
  try {
    const response = await httpRequest({
      url,
      headers: [["accept", "text/xml, application/wsdl+xml, application/xml;q=0.9, */*;q=0.1"], ...credentials],
      // As Fusion's SOAP module: redirects are not followed while the WSDL loads; the final URL must be given.
      followRedirects: false,
      timeoutMs: FETCH_TIMEOUT_MS,
      maxBytes: MAX_WSDL_BYTES,
    });
    text = decodeText(response.body, parseContentType(response.headers["content-type"]).charset);
    if (response.status >= 300 && response.status < 400) {
      throw new InvalidConfigurationError(`The WSDL at ${host} redirects (${response.status}); redirects are not followed, so give the final URL${response.headers.location ? ` (${preview(response.headers.location, 200)})` : ""}.`);
    }
    if (response.status >= 400) {
      const message = `Could not read the WSDL: ${host} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`;
      if (response.status === 401 || response.status === 403) throw new ModuleError("InvalidAccessTokenError", message);
      if (response.status === 408 || response.status >= 500) throw new ConnectionError(message);
      throw new InvalidConfigurationError(message);
    }
  } catch (error) {
    throw toSoapModuleError(error);
  }
  try {
    return readWsdl(text);
  } catch (error) {
    if (error instanceof WsdlError || error instanceof XmlParseError) {
      throw new InvalidConfigurationError(`The document at ${host} is not a WSDL 1.1 description this module can read: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
