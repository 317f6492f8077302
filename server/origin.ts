import "server-only";
import type { NextRequest } from "next/server";

/**
 * The origin the browser used for this request. Behind the custom server Next's `nextUrl` reports
 * "localhost" whatever the browser typed (127.0.0.1, a LAN name), and a redirect back to another host
 * arrives without the session cookie: an OAuth2 callback would then fail as signed out.
 */
export function browserOrigin(req: NextRequest): string {
  const host = req.headers.get("host");
  if (!host) return req.nextUrl.origin;
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : req.nextUrl.protocol.replace(/:$/, "");
  return `${proto}://${host}`;
}
