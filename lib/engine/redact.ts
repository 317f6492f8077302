import { isPlainObject } from "@/lib/modules/json";

/**
 * Execution logs are read by builders and viewers, who must never see secrets: values under keys named
 * like secrets are replaced, and so is any occurrence of a connection's secret text elsewhere (an API key
 * echoed back in a URL).
 */
export const REDACTED = "[redacted]";

const SECRET_KEY =
  /pass(word|wd|phrase)|secret|token|api[-_]?key|authori[sz]ation|cookie|credential|private[-_]?key|session[-_]?id|^sid$|signature/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export interface RedactOptions {
  /** Extra keys to treat as secret (fields declared `sensitive`). */
  secretKeys?: ReadonlySet<string>;
  /** Literal secret values to blank out wherever they appear in text. */
  secretValues?: readonly string[];
}

/** Shortest secret text we replace inside other text; shorter ones would blank ordinary words. */
const MIN_SECRET_LENGTH = 6;

export function redact(value: unknown, options: RedactOptions = {}): unknown {
  const values = (options.secretValues ?? []).filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  // Ancestors only: the same object may legitimately appear twice (two bundles sharing an item).
  const ancestors = new Set<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return values.length > 0 ? scrub(v, values) : v;
    if (v === null || typeof v !== "object") return v;
    if (ancestors.has(v)) return "[circular]";
    if (!Array.isArray(v) && !isPlainObject(v)) return v;
    ancestors.add(v);
    let out: unknown;
    if (Array.isArray(v)) out = v.map(walk);
    else {
      const copy: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        const secret = (isSecretKey(k) || options.secretKeys?.has(k)) && item !== undefined && item !== null && item !== "";
        copy[k] = secret ? REDACTED : walk(item);
      }
      out = copy;
    }
    ancestors.delete(v);
    return out;
  };
  return walk(value);
}

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** Every string in a connection's values: what must not appear in a log. */
export function secretStrings(values: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isPlainObject(v)) Object.values(v).forEach(walk);
  };
  walk(values);
  return out;
}

/** JSON text of anything a module may emit: no throw on cycles, BigInt or binary data. */
export function safeStringify(value: unknown): string {
  return JSON.stringify(toJsonSafe(value)) ?? "null";
}

/** A JSON-safe copy (what is stored and returned): dates as ISO text, BigInt as text, cycles cut. */
export function toJsonSafe<T = unknown>(value: unknown): T {
  const ancestors = new Set<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v === "bigint") return v.toString();
    if (typeof v === "number") return Number.isFinite(v) ? v : null;
    if (typeof v === "function" || typeof v === "symbol") return undefined;
    if (v === null || typeof v !== "object") return v;
    if (v instanceof Uint8Array) return `[binary ${v.byteLength} bytes]`;
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
    if (ancestors.has(v)) return "[circular]";
    ancestors.add(v);
    let out: unknown;
    if (Array.isArray(v)) out = v.map((item) => walk(item) ?? null);
    else {
      const copy: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        const safe = walk(item);
        if (safe !== undefined) copy[k] = safe;
      }
      out = copy;
    }
    ancestors.delete(v);
    return out;
  };
  return walk(value) as T;
}

export const LOG_ENTRY_LIMIT_BYTES = 64 * 1024;

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

/**
 * Caps an entry's serialized size: when too large, its bulky parts become text previews and the entry
 * is marked `truncated: true`. The small parts (ids, status, error) are always kept whole.
 */
export function capEntry<T extends object>(
  entry: T,
  bulky: ReadonlyArray<keyof T & string>,
  limit = LOG_ENTRY_LIMIT_BYTES,
): T & { truncated?: true } {
  if (bytes(safeStringify(entry)) <= limit) return entry;
  const capped: Record<string, unknown> = { ...entry, truncated: true };
  const texts = new Map(bulky.filter((k) => entry[k] !== undefined).map((k) => [k as string, safeStringify(entry[k])]));
  for (const k of texts.keys()) capped[k] = "";
  const fixed = bytes(safeStringify(capped));
  let budget = Math.max(0, limit - fixed);
  // Give each bulky part an equal share; what a small part does not use goes to the others.
  const order = [...texts.entries()].sort((a, b) => a[1].length - b[1].length);
  order.forEach(([key, text], i) => {
    const share = Math.floor(budget / (order.length - i));
    const preview = previewWithin(text, share);
    capped[key] = preview;
    budget -= bytes(JSON.stringify(preview)) - 2;
  });
  return capped as T & { truncated: true };
}

function previewWithin(text: string, maxBytes: number): string {
  // The preview is stored as a JSON string, whose escapes make it larger than the raw text.
  if (bytes(JSON.stringify(text)) - 2 <= maxBytes) return text;
  const marker = "… [truncated]";
  let length = Math.max(0, maxBytes - bytes(marker));
  let cut = text.slice(0, length) + marker;
  while (length > 0 && bytes(JSON.stringify(cut)) - 2 > maxBytes) {
    length = Math.floor(length * 0.8);
    cut = text.slice(0, length) + marker;
  }
  return length > 0 ? cut : "";
}

/** An outgoing request as logs and previews show it: secrets in headers, query, body and text blanked. */
export interface LoggedRequest {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body?: string;
  bodyBytes: number;
}

/**
 * Credentials travel in requests (an Authorization header, an apiKey parameter, a password in a login
 * form, a session id in a SOAP envelope), so a request is shown only after: headers and query parameters
 * named like secrets are replaced, JSON and form bodies lose their secret-named fields, and every known
 * secret text (connection secrets, session tokens obtained during the run) is blanked wherever it is.
 */
export function redactRequest(request: LoggedRequest, options: RedactOptions = {}): LoggedRequest {
  const values = options.secretValues ?? [];
  const text = (s: string) => redact(s, { secretValues: values }) as string;
  const secretName = (name: string) => isSecretKey(name) || options.secretKeys?.has(name) === true;
  return {
    method: request.method,
    url: text(redactQuery(request.url, secretName)),
    headers: request.headers.map(([name, value]) => [name, secretName(name) && value !== "" ? REDACTED : text(value)]),
    ...(request.body === undefined ? {} : { body: text(redactBody(request.body, contentTypeOf(request.headers), options)) }),
    bodyBytes: request.bodyBytes,
  };
}

function redactQuery(url: string, secretName: (name: string) => boolean): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  for (const [name, value] of [...parsed.searchParams]) {
    if (secretName(name) && value !== "") {
      parsed.searchParams.set(name, REDACTED);
      changed = true;
    }
  }
  return changed ? parsed.href : url;
}

const contentTypeOf = (headers: ReadonlyArray<[string, string]>) => headers.find(([n]) => n === "content-type")?.[1].toLowerCase() ?? "";

function redactBody(body: string, contentType: string, options: RedactOptions): string {
  if (contentType.includes("json")) {
    try {
      const parsed: unknown = JSON.parse(body);
      const redacted = JSON.stringify(redact(parsed, options));
      // Shown as sent unless a field had to be blanked.
      return redacted === JSON.stringify(parsed) ? body : redacted;
    } catch {
      return body;
    }
  }
  if (contentType.includes("x-www-form-urlencoded")) {
    const form = new URLSearchParams(body);
    for (const [name, value] of [...form]) if ((isSecretKey(name) || options.secretKeys?.has(name)) && value !== "") form.set(name, REDACTED);
    return form.toString();
  }
  return body;
}
