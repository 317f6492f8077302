import { isIP } from "node:net";

/**
 * A small RFC 6265 cookie jar: enough for "log in, then call with the session cookie" within one run.
 * No public-suffix list, so a Domain attribute must name the request's host or a parent with a dot in
 * it ("example.com", never "com"); cookies for IP hosts are host-only.
 */
export interface StoredCookie {
  name: string;
  value: string;
  domain: string;
  /** Sent only to exactly `domain` (no Domain attribute was given). */
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  /** Epoch ms; undefined = until the jar goes away. */
  expires?: number;
}

export class CookieJar {
  private cookies: StoredCookie[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** Stores what a response's Set-Cookie headers say; returns the cookies accepted (deletions excluded). */
  store(url: URL, setCookieHeaders: readonly string[]): StoredCookie[] {
    const accepted: StoredCookie[] = [];
    for (const header of setCookieHeaders) {
      const cookie = parseSetCookie(header, url, this.now());
      if (!cookie) continue;
      this.cookies = this.cookies.filter((c) => !(c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path));
      if (cookie.expires !== undefined && cookie.expires <= this.now()) continue;
      this.cookies.push(cookie);
      accepted.push(cookie);
    }
    return accepted;
  }

  /** The Cookie header value for a request to `url`, or undefined when no cookie applies. */
  headerFor(url: URL): string | undefined {
    const now = this.now();
    this.cookies = this.cookies.filter((c) => c.expires === undefined || c.expires > now);
    const host = url.hostname.toLowerCase();
    const matching = this.cookies
      .filter((c) => (c.hostOnly ? host === c.domain : domainMatches(host, c.domain)))
      .filter((c) => pathMatches(url.pathname || "/", c.path))
      .filter((c) => !c.secure || url.protocol === "https:")
      .sort((a, b) => b.path.length - a.path.length);
    return matching.length > 0 ? matching.map((c) => `${c.name}=${c.value}`).join("; ") : undefined;
  }

  list(): StoredCookie[] {
    return this.cookies.map((c) => ({ ...c }));
  }
}

function domainMatches(host: string, domain: string): boolean {
  return host === domain || (host.endsWith(`.${domain}`) && isIP(host) === 0);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/";
}

function defaultPath(url: URL): string {
  const path = url.pathname;
  if (!path.startsWith("/") || path.lastIndexOf("/") === 0) return "/";
  return path.slice(0, path.lastIndexOf("/"));
}

export function parseSetCookie(header: string, url: URL, now: number): StoredCookie | null {
  const [pair, ...attributes] = header.split(";");
  const eq = pair.indexOf("=");
  if (eq < 1) return null;
  const name = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim();
  if (name === "") return null;
  const host = url.hostname.toLowerCase();
  const cookie: StoredCookie = { name, value, domain: host, hostOnly: true, path: defaultPath(url), secure: false, httpOnly: false };
  let maxAge: number | undefined;
  for (const attribute of attributes) {
    const at = attribute.indexOf("=");
    const key = (at === -1 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const val = at === -1 ? "" : attribute.slice(at + 1).trim();
    if (key === "domain" && val !== "") {
      const domain = val.replace(/^\./, "").toLowerCase();
      if (!domainMatches(host, domain)) return null; // a cookie for someone else's domain is refused
      if (domain !== host && !domain.includes(".")) return null; // "com": a whole top-level domain
      cookie.domain = domain;
      cookie.hostOnly = isIP(host) !== 0; // an IP has no subdomains to share with
    } else if (key === "path" && val.startsWith("/")) cookie.path = val;
    else if (key === "secure") cookie.secure = true;
    else if (key === "httponly") cookie.httpOnly = true;
    else if (key === "max-age" && /^-?\d+$/.test(val)) maxAge = Number(val);
    else if (key === "expires") {
      const when = Date.parse(val);
      if (!Number.isNaN(when)) cookie.expires = when;
    }
  }
  if (maxAge !== undefined) cookie.expires = now + maxAge * 1000; // Max-Age wins over Expires
  return cookie;
}
