/**
 * Helpers for the sandbox's own tests (not a test file): a small HTTP client that speaks to the sandbox
 * like a connector would, and a webhook receiver for deliveries.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import { DEMO_API_KEY } from "./constants";

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test client reads arbitrary JSON
}

export async function call(url: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(url, { redirect: "manual", ...init });
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A REST client bound to one sandbox URL and API version, authenticating with the demo API key by default. */
export function restClient(base: string, options: { version?: string; headers?: Record<string, string> } = {}) {
  const prefix = `${base}/attask/api/${options.version ?? "v21.0"}`;
  const headers = options.headers ?? { apiKey: DEMO_API_KEY };
  return {
    prefix,
    get: (path: string, query = "") => call(`${prefix}${path}${query ? `?${query}` : ""}`, { headers }),
    form: (method: string, path: string, body: Record<string, string | string[]>, query = "") => {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(body)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
      return call(`${prefix}${path}${query ? `?${query}` : ""}`, { method, headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" }, body: form.toString() });
    },
    json: (method: string, path: string, body: unknown, query = "") =>
      call(`${prefix}${path}${query ? `?${query}` : ""}`, { method, headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(body) }),
    send: (method: string, path: string, query = "") => call(`${prefix}${path}${query ? `?${query}` : ""}`, { method, headers }),
  };
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- payloads are checked field by field
  at: number;
}

/** A webhook receiver; `statusFor(n)` picks the answer to the n-th request (0-based); 0 means never answer. */
export async function startReceiver(statusFor: (n: number) => number = () => 200) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const status = statusFor(received.length);
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "null"), at: Date.now() });
      if (status !== 0) res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
