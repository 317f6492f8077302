import type { IncomingMessage, ServerResponse } from "node:http";

/** The body, or null once it passes `limit` bytes (the rest is not kept). */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) tooLarge = true;
    if (!tooLarge) chunks.push(buffer);
    if (tooLarge) break;
  }
  return tooLarge ? null : Buffer.concat(chunks);
}

export function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** Refuses the rest of an over-long request: answer, then close the connection rather than read on. */
export function sendAndClose(res: ServerResponse, status: number, contentType: string, body: string): void {
  send(res, status, contentType, body, { Connection: "close" });
}

/** Absolute URL of the sandbox root as the caller reached it (Host header; a Host that is not a host name is not trusted). */
export function baseUrlOf(req: IncomingMessage, basePath: string): string {
  const hostHeader = req.headers.host ?? "";
  const host = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(hostHeader) ? hostHeader : "127.0.0.1";
  const forwarded = req.headers["x-forwarded-proto"];
  const encrypted = "encrypted" in req.socket && req.socket.encrypted === true;
  const proto = encrypted || forwarded === "https" ? "https" : "http";
  return `${proto}://${host}${basePath}`;
}
