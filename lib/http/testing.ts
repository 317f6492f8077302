import { once } from "node:events";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

/**
 * Test support: local HTTP servers on 127.0.0.1 that tests start and stop. The built-in routes cover
 * what the client and the HTTP modules must cope with; a test adds its own routes for the rest.
 *
 *   /echo            reflects method, path, query, headers and body as JSON
 *   /slow?ms=N       answers after N ms;  /trickle?ms=N  sends the head at once, the body after N ms
 *   /huge?bytes=N    streams N bytes (add &declared=1 for a Content-Length)
 *   /redirect?to=U&status=S   one redirect;  /chain/N  N redirects, then /echo
 *   /status/N        that status with a small JSON error body
 *   /gzip            a gzip-encoded JSON body
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

export type RouteHandler = (request: RecordedRequest, res: ServerResponse, url: URL) => void | Promise<void>;

export interface TestServer {
  /** e.g. "http://127.0.0.1:43121" */
  origin: string;
  port: number;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

const builtInRoutes: Record<string, RouteHandler> = {
  "/echo": (req, res) =>
    sendJson(res, 200, {
      method: req.method,
      path: req.path,
      query: req.query,
      headers: req.headers,
      body: req.body.toString("utf8"),
    }),
  "/slow": (_req, res, url) => {
    const timer = setTimeout(() => sendJson(res, 200, { slow: true }), Number(url.searchParams.get("ms") ?? 1000));
    res.on("close", () => clearTimeout(timer));
  },
  "/trickle": (_req, res, url) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.write("first part;");
    const timer = setTimeout(() => res.end("second part"), Number(url.searchParams.get("ms") ?? 1000));
    res.on("close", () => clearTimeout(timer));
  },
  "/huge": (_req, res, url) => {
    const total = Number(url.searchParams.get("bytes") ?? 0);
    const headers: Record<string, string | number> = { "content-type": "application/octet-stream" };
    if (url.searchParams.get("declared") === "1") headers["content-length"] = total;
    res.writeHead(200, headers);
    const chunk = Buffer.alloc(64 * 1024, 120);
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += piece.length;
        if (!res.write(piece)) return void res.once("drain", pump);
      }
      res.end();
    };
    res.on("error", () => {});
    pump();
  },
  "/redirect": (_req, res, url) => {
    res.writeHead(Number(url.searchParams.get("status") ?? 302), { location: url.searchParams.get("to") ?? "/echo" });
    res.end();
  },
  "/gzip": (_req, res) => {
    const body = gzipSync(JSON.stringify({ compressed: true }));
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": body.length });
    res.end(body);
  },
};

function route(path: string, routes: Record<string, RouteHandler>): RouteHandler | undefined {
  if (routes[path]) return routes[path];
  const chain = /^\/chain\/(\d+)$/.exec(path);
  if (chain) {
    const left = Number(chain[1]);
    return (_req, res) => {
      res.writeHead(302, { location: left > 1 ? `/chain/${left - 1}` : "/echo" });
      res.end();
    };
  }
  const status = /^\/status\/(\d{3})$/.exec(path);
  if (status) return (_req, res) => sendJson(res, Number(status[1]), { error: `status ${status[1]}` });
  return undefined;
}

export interface TlsMaterial {
  key: string;
  cert: string;
}

/** Starts a server on 127.0.0.1 with the built-in routes plus `routes` (which win on a clash). */
export async function startTestServer(routes: Record<string, RouteHandler> = {}, tls?: TlsMaterial): Promise<TestServer> {
  const all = { ...builtInRoutes, ...routes };
  const requests: RecordedRequest[] = [];
  const listener = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://placeholder");
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: queryObject(url),
      headers: req.headers,
      body: Buffer.concat(chunks),
    };
    requests.push(recorded);
    const handler = route(url.pathname, all);
    try {
      if (handler) await handler(recorded, res, url);
      else sendJson(res, 404, { error: "no such route" });
    } catch (error) {
      if (!res.headersSent) sendJson(res, 500, { error: String(error) });
    }
  };
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${tls ? "https" : "http"}://127.0.0.1:${port}`,
    port,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
