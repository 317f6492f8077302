import { lookup } from "node:dns/promises";
import { formatIp, isMetadataHost, normaliseHost, parseIp, type IpAddress } from "./addresses";
import { HttpNetworkError, OutboundRefusedError } from "./errors";
import { refusalFor } from "./policy";

/** Turns a host name into addresses. Injectable so tests (and a future DNS cache) can stand in. */
export type HostResolver = (hostname: string) => Promise<string[]>;

export const systemResolver: HostResolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => a.address);
};

export interface CheckedTarget {
  /** Host name as written in the URL, normalised (for Host, SNI and allow-list host entries). */
  host: string;
  port: number;
  /** The address that passed the rules; the connection is made to exactly this one. */
  address: string;
  family: 4 | 6;
}

/**
 * Resolves the URL's host and returns an address the rules allow. The caller connects to that address
 * (not to the name again), so a DNS answer that changes between check and connect cannot slip past.
 * When a name has several addresses, a refused one is skipped in favour of an allowed one; when none
 * is allowed, the first refusal is reported.
 */
export async function resolveChecked(url: URL, resolver: HostResolver): Promise<CheckedTarget> {
  const host = normaliseHost(url.hostname);
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  if (isMetadataHost(host)) throw new OutboundRefusedError(host, null, "metadata");
  const literal = parseIp(host);
  let addresses: IpAddress[];
  if (literal) addresses = [literal];
  else {
    let texts: string[];
    try {
      texts = await resolver(host);
    } catch (error) {
      throw new HttpNetworkError("network", `Could not resolve the host name ${host}.`, { cause: error });
    }
    addresses = texts.map(parseIp).filter((a): a is IpAddress => a !== null);
    if (addresses.length === 0) throw new HttpNetworkError("network", `The host name ${host} has no addresses.`);
  }
  let firstRefusal: OutboundRefusedError | null = null;
  for (const address of addresses) {
    const rule = refusalFor({ host, port, address });
    if (rule === null) return { host, port, address: formatIp(address), family: address.family };
    firstRefusal ??= new OutboundRefusedError(host, formatIp(address), rule);
  }
  throw firstRefusal!;
}
