/**
 * Errors of the guarded outbound client. They are transport-level and framework-free; connector modules
 * translate them into Fusion error types (modules/http/errors.ts) so error handlers can tell them apart.
 */
export type HttpClientErrorCode =
  | "refused"
  | "invalid-request"
  | "timeout"
  | "cancelled"
  | "too-large"
  | "too-many-redirects"
  | "network"
  | "tls";

export class HttpClientError extends Error {
  readonly code: HttpClientErrorCode;

  constructor(code: HttpClientErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "HttpClientError";
    this.code = code;
  }
}

/** Why an address may not be reached. `metadata`, `link-local` and `not-unicast` can never be allowed. */
export type AddressRule = "metadata" | "link-local" | "not-unicast" | "private" | "loopback";

const RULE_TEXT: Record<AddressRule, string> = {
  metadata: "cloud metadata endpoints are never reachable from scenarios",
  "link-local": "link-local addresses (169.254.0.0/16, fe80::/10) are never reachable from scenarios",
  "not-unicast": "multicast, broadcast and reserved addresses are never reachable",
  private: "private network addresses are refused unless allowed in PATCHBAY_HTTP_ALLOW",
  loopback: "loopback addresses (this server) are refused unless allowed in PATCHBAY_HTTP_ALLOW",
};

/** The SSRF guard refused a destination; names the host, the address it resolved to and the rule. */
export class OutboundRefusedError extends HttpClientError {
  readonly host: string;
  readonly address: string | null;
  readonly rule: AddressRule;

  constructor(host: string, address: string | null, rule: AddressRule) {
    const where = address && address !== host ? `${host} (${address})` : host;
    super("refused", `Refused to connect to ${where}: ${RULE_TEXT[rule]}.`);
    this.name = "OutboundRefusedError";
    this.host = host;
    this.address = address;
    this.rule = rule;
  }
}

export class InvalidRequestError extends HttpClientError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("invalid-request", message, options);
    this.name = "InvalidRequestError";
  }
}

export class HttpTimeoutError extends HttpClientError {
  readonly phase: "connect" | "total";
  readonly timeoutMs: number;

  constructor(phase: "connect" | "total", timeoutMs: number, url: string) {
    const seconds = `${Math.round(timeoutMs / 100) / 10} s`;
    super(
      "timeout",
      phase === "connect"
        ? `Could not connect to ${hostOf(url)} within ${seconds}.`
        : `The request to ${hostOf(url)} did not complete within ${seconds}.`,
    );
    this.name = "HttpTimeoutError";
    this.phase = phase;
    this.timeoutMs = timeoutMs;
  }
}

export class HttpCancelledError extends HttpClientError {
  constructor(reason?: unknown) {
    super("cancelled", "The request was cancelled.", { cause: reason });
    this.name = "HttpCancelledError";
  }
}

export class ResponseTooLargeError extends HttpClientError {
  readonly maxBytes: number;

  constructor(maxBytes: number) {
    super("too-large", `The response is larger than ${formatBytes(maxBytes)}.`);
    this.name = "ResponseTooLargeError";
    this.maxBytes = maxBytes;
  }
}

export class TooManyRedirectsError extends HttpClientError {
  constructor(maxRedirects: number, lastUrl: string) {
    super("too-many-redirects", `Stopped after ${maxRedirects} redirects (the last one pointed to ${hostOf(lastUrl)}).`);
    this.name = "TooManyRedirectsError";
  }
}

export class HttpNetworkError extends HttpClientError {
  constructor(code: "network" | "tls", message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "HttpNetworkError";
  }
}

/** "10 MB", "512 KB", "300 bytes": sizes as people write them (binary multiples, as the caps are set). */
export function formatBytes(bytes: number): string {
  const MB = 1024 * 1024;
  if (bytes >= MB) return `${Number.isInteger(bytes / MB) ? bytes / MB : (bytes / MB).toFixed(1)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/** Host (and port) only: error messages never repeat a URL's path or query, which may carry a key. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "the server";
  }
}
