import { isIP } from "node:net";
import type { AddressRule } from "./errors";

/**
 * IP addresses as bytes, CIDR ranges, and the address classes the SSRF guard knows. Hand-written rather
 * than net.BlockList because the guard must also look inside IPv6 forms that carry an IPv4 address
 * (::ffff:a.b.c.d, 64:ff9b::a.b.c.d): those reach the IPv4 host, so they get its rules.
 */
export interface IpAddress {
  family: 4 | 6;
  /** 4 or 16 bytes, network order. */
  bytes: Uint8Array;
}

export interface Cidr {
  family: 4 | 6;
  bytes: Uint8Array;
  prefix: number;
}

/** Parses dotted IPv4 or IPv6 text (brackets and a zone id allowed); null when it is not an IP address. */
export function parseIp(text: string): IpAddress | null {
  const bare = text.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  const kind = isIP(bare);
  if (kind === 4) return { family: 4, bytes: Uint8Array.from(bare.split(".").map(Number)) };
  if (kind === 6) return { family: 6, bytes: parseIpv6(bare) };
  return null;
}

function parseIpv6(text: string): Uint8Array {
  // isIP already vouched for the syntax; this only has to expand it.
  let groups: number[] = [];
  const toGroups = (part: string): number[] => {
    if (part === "") return [];
    return part.split(":").flatMap((g) => {
      if (!g.includes(".")) return [parseInt(g, 16)];
      const [a, b, c, d] = g.split(".").map(Number);
      return [(a << 8) | b, (c << 8) | d];
    });
  };
  const [head, tail] = text.split("::");
  if (tail === undefined) groups = toGroups(head);
  else {
    const left = toGroups(head);
    const right = toGroups(tail);
    groups = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  }
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes;
}

export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return Array.from(ip.bytes).join(".");
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((ip.bytes[i] << 8) | ip.bytes[i + 1]).toString(16));
  // The URL parser writes IPv6 in its canonical, compressed form ("::1", not "0:0:0:0:0:0:0:1").
  return new URL(`http://[${groups.join(":")}]/`).hostname.slice(1, -1);
}

/** "10.0.0.0/8", "fc00::/7", or a lone address (a /32 or /128). Null when the text is neither. */
export function parseCidr(text: string): Cidr | null {
  const [addressText, prefixText, extra] = text.split("/");
  if (extra !== undefined) return null;
  const ip = parseIp(addressText);
  if (!ip) return null;
  const max = ip.family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return null;
  return { family: ip.family, bytes: ip.bytes, prefix };
}

export function inCidr(ip: IpAddress, cidr: Cidr): boolean {
  if (ip.family !== cidr.family) return false;
  let bits = cidr.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((ip.bytes[i] & mask) !== (cidr.bytes[i] & mask)) return false;
  }
  return true;
}

/** The IPv4 address an IPv6 form carries: IPv4-mapped, NAT64 (64:ff9b::/96) or IPv4-compatible. */
export function embeddedIpv4(ip: IpAddress): IpAddress | null {
  if (ip.family !== 6) return null;
  const b = ip.bytes;
  const zeros = (from: number, to: number) => b.subarray(from, to).every((x) => x === 0);
  const last4 = (): IpAddress => ({ family: 4, bytes: b.slice(12, 16) });
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return last4();
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return last4();
  // ::a.b.c.d (deprecated "compatible" form); :: and ::1 are IPv6's own unspecified and loopback.
  if (zeros(0, 12) && !zeros(12, 15)) return last4();
  return null;
}

const ranges = (list: Array<[string, AddressRule]>) =>
  list.map(([text, rule]) => {
    const cidr = parseCidr(text);
    if (!cidr) throw new Error(`Bad built-in range ${text}`);
    return { cidr, rule };
  });

/** Never reachable, allow-list or not. Most specific first, so messages name the sharpest rule. */
const NEVER_RANGES = ranges([
  ["169.254.169.254/32", "metadata"], // AWS, GCP, Azure, OpenStack…
  ["169.254.170.2/32", "metadata"], // AWS ECS task metadata
  ["100.100.100.200/32", "metadata"], // Alibaba Cloud
  ["fd00:ec2::254/128", "metadata"], // AWS over IPv6
  ["169.254.0.0/16", "link-local"],
  ["fe80::/10", "link-local"],
  ["224.0.0.0/4", "not-unicast"],
  ["240.0.0.0/4", "not-unicast"], // reserved, and 255.255.255.255
  ["ff00::/8", "not-unicast"],
]);

/** Refused unless PATCHBAY_HTTP_ALLOW or allowOutbound() lets them through. */
const GUARDED_RANGES = ranges([
  ["127.0.0.0/8", "loopback"],
  ["0.0.0.0/8", "loopback"], // "this host": 0.0.0.0 reaches local services on Linux
  ["::1/128", "loopback"],
  ["::/128", "loopback"],
  ["10.0.0.0/8", "private"],
  ["172.16.0.0/12", "private"],
  ["192.168.0.0/16", "private"],
  ["100.64.0.0/10", "private"], // carrier-grade NAT, also used inside clouds
  ["198.18.0.0/15", "private"], // benchmarking networks
  ["fc00::/7", "private"],
  ["fec0::/10", "private"], // old site-local
]);

export interface AddressClass {
  rule: AddressRule;
  /** False for rules no allow-list can lift. */
  allowable: boolean;
}

/** The rule an address falls under, or null for an ordinary public address. */
export function classifyAddress(ip: IpAddress): AddressClass | null {
  const forms = [ip, embeddedIpv4(ip)].filter((f): f is IpAddress => f !== null);
  for (const form of forms) {
    const never = NEVER_RANGES.find((r) => inCidr(form, r.cidr));
    if (never) return { rule: never.rule, allowable: false };
  }
  for (const form of forms) {
    const guarded = GUARDED_RANGES.find((r) => inCidr(form, r.cidr));
    if (guarded) return { rule: guarded.rule, allowable: true };
  }
  return null;
}

/** Host names that lead to metadata services whatever they resolve to. */
const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal"]);

export function isMetadataHost(hostname: string): boolean {
  return METADATA_HOSTS.has(normaliseHost(hostname));
}

/** Lower case, no brackets around IPv6, no trailing dot: the form host comparisons use. */
export function normaliseHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
}
