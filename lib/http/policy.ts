import { classifyAddress, inCidr, embeddedIpv4, normaliseHost, parseCidr, parseIp, type Cidr, type IpAddress } from "./addresses";

/**
 * The outbound allow-list: which private or loopback destinations scenarios may reach. Two sources,
 * both additive: the PATCHBAY_HTTP_ALLOW environment variable (read on every check, so an admin's
 * change applies without a code path to reload it) and entries the app registers at start with
 * allowOutbound() (its own sandbox origin). Nothing here can open link-local or metadata addresses.
 */
export type AllowEntry =
  | { kind: "host"; host: string; wildcard: boolean; port?: number; text: string }
  | { kind: "cidr"; cidr: Cidr; port?: number; text: string };

export const ALLOW_ENV = "PATCHBAY_HTTP_ALLOW";

export class AllowListError extends Error {
  constructor(entry: string, source: string) {
    super(`${source} entry "${entry}" is not a host, host:port, *.domain, IP, [IPv6]:port or CIDR range.`);
    this.name = "AllowListError";
  }
}

const HOST_NAME = /^(\*\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

/** Parses one entry: `sandbox.internal`, `*.corp.example`, `localhost:3000`, `10.0.0.0/8`, `[::1]:3000`. */
export function parseAllowEntry(raw: string, source = ALLOW_ENV): AllowEntry {
  const text = raw.trim();
  const fail = () => new AllowListError(text, source);
  const cidr = parseCidr(text);
  if (cidr) return { kind: "cidr", cidr, text };
  const bracketed = /^\[([^\]]+)\]:(\d{1,5})$/.exec(text);
  const hostPort = bracketed ?? /^([^:/]+):(\d{1,5})$/.exec(text);
  const hostText = hostPort ? hostPort[1] : text;
  const port = hostPort ? Number(hostPort[2]) : undefined;
  if (port !== undefined && !(port >= 1 && port <= 65535)) throw fail();
  const ip = parseIp(hostText);
  if (ip) return { kind: "cidr", cidr: { ...ip, prefix: ip.family === 4 ? 32 : 128 }, port, text };
  if (bracketed) throw fail();
  const host = normaliseHost(hostText);
  if (!HOST_NAME.test(host)) throw fail();
  const wildcard = host.startsWith("*.");
  return { kind: "host", host: wildcard ? host.slice(2) : host, wildcard, port, text };
}

/** Comma-separated (spaces and newlines tolerated); empty entries ignored. Throws on the first bad one. */
export function parseAllowList(text: string, source = ALLOW_ENV): AllowEntry[] {
  return text
    .split(/[,\s]+/)
    .filter((t) => t !== "")
    .map((t) => parseAllowEntry(t, source));
}

const registered = new Set<AllowEntry[]>();

/**
 * Lets scenarios reach these private or loopback destinations (e.g. the app's own sandbox,
 * "127.0.0.1:3000"). Returns a function that takes them back, for tests and for a changed port.
 */
export function allowOutbound(...entries: string[]): () => void {
  const parsed = entries.flatMap((e) => parseAllowList(e, "allowOutbound()"));
  registered.add(parsed);
  return () => {
    registered.delete(parsed);
  };
}

let envCache: { text: string; entries: AllowEntry[] } | null = null;

function envEntries(): AllowEntry[] {
  const text = process.env[ALLOW_ENV] ?? "";
  if (envCache?.text !== text) envCache = { text, entries: parseAllowList(text) };
  return envCache.entries;
}

/** Every entry in force: the environment's, then the registered ones. Throws if the variable is malformed. */
export function currentAllowList(): AllowEntry[] {
  return [...envEntries(), ...[...registered].flat()];
}

export interface Destination {
  /** The URL's host name, normalised (what host entries compare with). */
  host: string;
  port: number;
  /** The resolved address the connection will use. */
  address: IpAddress;
}

function entryMatches(entry: AllowEntry, dest: Destination): boolean {
  if (entry.port !== undefined && entry.port !== dest.port) return false;
  if (entry.kind === "host") {
    return entry.wildcard ? dest.host.endsWith(`.${entry.host}`) : dest.host === entry.host;
  }
  const mapped = embeddedIpv4(dest.address);
  return inCidr(dest.address, entry.cidr) || (mapped !== null && inCidr(mapped, entry.cidr));
}

/**
 * Null when the destination may be reached, else the rule that refuses it. Public addresses pass;
 * private and loopback ones pass only when an allow-list entry names their host, address or range.
 */
export function refusalFor(dest: Destination, allowList: readonly AllowEntry[] = currentAllowList()) {
  const found = classifyAddress(dest.address);
  if (!found) return null;
  if (found.allowable && allowList.some((entry) => entryMatches(entry, dest))) return null;
  return found.rule;
}
