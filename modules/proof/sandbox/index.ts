import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CallbackDispatcher } from "./callbacks";
import type { SandboxContext } from "./context";
import { addDemoAccounts, seedDemoContent } from "./demo";
import { baseUrlOf, readBody, send, sendAndClose } from "./http";
import { homePage, reviewPage, reviewPost } from "./pages";
import { answerSoap } from "./soap-endpoint";
import { ProofSandboxStore } from "./store";
import { handleUpload } from "./upload";
import { SURFACE_12_1, SURFACE_16_24_0, type Surface } from "./versions";
import { renderWsdl } from "./wsdl";

export { PROOF_SANDBOX_DEMO, PROOF_SANDBOX_DEMO_FILE, PROOF_SANDBOX_OTHER } from "./demo";
export { ProofSandboxStore } from "./store";
export { SURFACE_12_1, SURFACE_16_24_0, type Surface } from "./versions";

export interface ProofSandboxOptions {
  /** Where the sandbox lives; default "/sandbox/proof". */
  basePath?: string;
  /** Session lifetime, renewed on every call; default 24 h. */
  sessionTtlMs?: number;
  /** Demo content (workspaces, proofs, reviewers, comments); default true. The demo accounts exist either way. */
  seed?: boolean;
  /** Waits before each callback retry; default [1 s, 10 s, 60 s] (so 4 attempts). */
  callbackRetryDelaysMs?: number[];
  now?: () => Date;
}

export interface ProofSandbox {
  /** Answers requests under basePath (true); leaves any other request alone (false). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Back to the starting data: sessions, proofs, callbacks and pending retries are dropped. */
  reset(): void;
  store: ProofSandboxStore;
  /** Stops callback retries and requests under way. */
  close(): Promise<void>;
}

export const DEFAULT_BASE_PATH = "/sandbox/proof";
export const DEFAULT_SESSION_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_CALLBACK_RETRY_DELAYS_MS = [1_000, 10_000, 60_000];
const MAX_SOAP_BYTES = 5 * 1024 * 1024;

export function createProofSandbox(options: ProofSandboxOptions = {}): ProofSandbox {
  const basePath = (options.basePath ?? DEFAULT_BASE_PATH).replace(/\/+$/, "");
  const store = new ProofSandboxStore();
  const now = options.now ?? (() => new Date());
  const callbacks = new CallbackDispatcher(store, { retryDelaysMs: options.callbackRetryDelaysMs ?? DEFAULT_CALLBACK_RETRY_DELAYS_MS, now });
  const ctx: SandboxContext = { store, now, sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS, callbacks };

  const reset = () => {
    callbacks.cancelAll();
    store.clear();
    addDemoAccounts(ctx);
    if (options.seed !== false) seedDemoContent(ctx);
  };
  reset();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return false;
    const path = url.pathname.slice(basePath.length) || "/";
    try {
      await route(req, res, path, url.searchParams);
    } catch {
      // A bug must not take the app down with it; the sandbox answers 500 like any server would.
      if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", "Internal sandbox error");
      else res.end();
    }
    return true;
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
    const method = req.method ?? "GET";
    const wantsWsdl = [...query.keys()].some((key) => key.toLowerCase() === "wsdl");
    const soapSurface = surfaceOfSoapPath(path);
    if (soapSurface !== null) {
      if (method === "GET" && (wantsWsdl || path.endsWith(".wsdl"))) return sendWsdl(req, res, soapSurface);
      if (method === "POST" && !path.endsWith(".wsdl")) return soapPost(req, res, soapSurface);
      return send(res, 405, "text/plain; charset=utf-8", "POST a SOAP envelope here, or GET ?wsdl", { Allow: "GET, POST" });
    }
    if (path === "/upload.php") {
      if (method !== "POST") return send(res, 405, "text/plain; charset=utf-8", "POST a file here", { Allow: "POST" });
      return handleUpload(ctx, req, res);
    }
    if (path === "/" && method === "GET") return homePage(ctx, res, basePath);
    const review = /^\/review\/(\d{1,12})$/.exec(path);
    if (review !== null && method === "GET") return reviewPage(ctx, res, basePath, review[1], query.get("r"));
    if (review !== null && method === "POST") return reviewPost(ctx, req, res, basePath, review[1]);
    send(res, 404, "text/plain; charset=utf-8", "Not found");
  }

  function sendWsdl(req: IncomingMessage, res: ServerResponse, surface: Surface): void {
    const endpoint = `${baseUrlOf(req, basePath)}${surface.prefix}/soap`;
    send(res, 200, "text/xml; charset=utf-8", renderWsdl(surface, endpoint));
  }

  async function soapPost(req: IncomingMessage, res: ServerResponse, surface: Surface): Promise<void> {
    const body = await readBody(req, MAX_SOAP_BYTES);
    if (body === null) return sendAndClose(res, 413, "text/plain; charset=utf-8", "SOAP request too large");
    const answer = answerSoap(ctx, surface, body.toString("utf8"), baseUrlOf(req, basePath));
    send(res, answer.status, "text/xml; charset=utf-8", answer.body);
  }

  return {
    handle,
    reset,
    store,
    close: async () => callbacks.close(),
  };
}

/** `/soap`, `/soap.php` ([3P] alias) → 12.1; `/16_24_0/soap`, `/16_24_0/soap/`, `/16_24_0/soap.wsdl` → 16.24.0. */
function surfaceOfSoapPath(path: string): Surface | null {
  if (path === "/soap" || path === "/soap.php") return SURFACE_12_1;
  if (path === "/16_24_0/soap" || path === "/16_24_0/soap/" || path === "/16_24_0/soap.wsdl") return SURFACE_16_24_0;
  return null;
}

/** The sandbox on its own HTTP server on 127.0.0.1 (port 0 = any free port); `url` includes basePath. */
export async function startProofSandbox(options: ProofSandboxOptions & { port?: number } = {}): Promise<ProofSandbox & { url: string; server: Server }> {
  const sandbox = createProofSandbox(options);
  const server = createServer((req, res) => {
    void sandbox.handle(req, res).then((handled) => {
      if (!handled) send(res, 404, "text/plain; charset=utf-8", "Not found");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const basePath = (options.basePath ?? DEFAULT_BASE_PATH).replace(/\/+$/, "");
  return {
    ...sandbox,
    url: `http://127.0.0.1:${port}${basePath}`,
    server,
    close: async () => {
      await sandbox.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
