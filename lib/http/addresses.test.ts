import fc from "fast-check";
import { BlockList } from "node:net";
import { describe, expect, it } from "vitest";
import { classifyAddress, formatIp, inCidr, parseCidr, parseIp, type IpAddress } from "./addresses";
import { parseAllowEntry, parseAllowList, refusalFor } from "./policy";

const ip = (text: string): IpAddress => {
  const parsed = parseIp(text);
  if (!parsed) throw new Error(`not an ip: ${text}`);
  return parsed;
};
const ruleOf = (text: string) => classifyAddress(ip(text))?.rule ?? null;

describe("address classes", () => {
  it.each([
    ["169.254.169.254", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["100.100.100.200", "metadata"],
    ["169.254.1.1", "link-local"],
    ["fe80::1", "link-local"],
    ["::ffff:169.254.169.254", "metadata"],
    ["64:ff9b::a9fe:a9fe", "metadata"],
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["0.0.0.0", "loopback"],
    ["::1", "loopback"],
    ["::", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.0.10", "private"],
    ["100.64.0.1", "private"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["224.0.0.1", "not-unicast"],
    ["255.255.255.255", "not-unicast"],
    ["ff02::1", "not-unicast"],
    ["172.32.0.1", null],
    ["8.8.8.8", null],
    ["100.128.0.1", null],
    ["2606:4700::1111", null],
  ])("%s → %s", (address, rule) => {
    expect(ruleOf(address)).toBe(rule);
  });

  it("agrees with node's BlockList on random addresses and ranges", () => {
    const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join("."));
    fc.assert(
      fc.property(v4, v4, fc.integer({ min: 0, max: 32 }), (address, base, prefix) => {
        const list = new BlockList();
        list.addSubnet(base, prefix, "ipv4");
        expect(inCidr(ip(address), parseCidr(`${base}/${prefix}`)!)).toBe(list.check(address, "ipv4"));
      }),
    );
    const v6 = fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 }).map((g) => g.map((n) => n.toString(16)).join(":"));
    fc.assert(
      fc.property(v6, v6, fc.integer({ min: 0, max: 128 }), (address, base, prefix) => {
        const list = new BlockList();
        list.addSubnet(base, prefix, "ipv6");
        expect(inCidr(ip(address), parseCidr(`${base}/${prefix}`)!)).toBe(list.check(address, "ipv6"));
        expect(formatIp(ip(address))).toBe(new URL(`http://[${address}]/`).hostname.slice(1, -1));
      }),
    );
  });
});

describe("allow-list entries", () => {
  it("reads hosts, host:port, wildcards, addresses and ranges", () => {
    expect(parseAllowEntry("Sandbox.Internal.")).toMatchObject({ kind: "host", host: "sandbox.internal", wildcard: false });
    expect(parseAllowEntry("localhost:3000")).toMatchObject({ kind: "host", host: "localhost", port: 3000 });
    expect(parseAllowEntry("*.corp.example")).toMatchObject({ kind: "host", host: "corp.example", wildcard: true });
    expect(parseAllowEntry("127.0.0.1:3000")).toMatchObject({ kind: "cidr", port: 3000, cidr: { prefix: 32 } });
    expect(parseAllowEntry("[::1]:3000")).toMatchObject({ kind: "cidr", port: 3000, cidr: { prefix: 128, family: 6 } });
    expect(parseAllowEntry("10.0.0.0/8")).toMatchObject({ kind: "cidr", cidr: { prefix: 8 } });
    expect(parseAllowList(" a.example , b.example\n10.1.0.0/16,,")).toHaveLength(3);
  });

  it("names a bad entry and where it came from", () => {
    expect(() => parseAllowList("ok.example, http://bad/")).toThrow(
      'PATCHBAY_HTTP_ALLOW entry "http://bad/" is not a host, host:port, *.domain, IP, [IPv6]:port or CIDR range.',
    );
    expect(() => parseAllowEntry("10.0.0.0/33")).toThrow();
    expect(() => parseAllowEntry("host:99999")).toThrow();
  });

  it("matches by host name, by address and range, and by port when one is given", () => {
    const dest = (host: string, address: string, port = 80) => ({ host, port, address: ip(address) });
    const list = parseAllowList("sandbox.test, *.corp.example, 127.0.0.1:3000, 10.1.0.0/16");
    expect(refusalFor(dest("sandbox.test", "10.200.0.1"), list)).toBeNull();
    expect(refusalFor(dest("api.corp.example", "192.168.1.1"), list)).toBeNull();
    expect(refusalFor(dest("corp.example", "192.168.1.1"), list)).toBe("private");
    expect(refusalFor(dest("localhost", "127.0.0.1", 3000), list)).toBeNull();
    expect(refusalFor(dest("localhost", "::ffff:127.0.0.1", 3000), list)).toBeNull();
    expect(refusalFor(dest("localhost", "127.0.0.1", 3001), list)).toBe("loopback");
    expect(refusalFor(dest("x", "10.1.2.3"), list)).toBeNull();
    expect(refusalFor(dest("x", "10.2.0.1"), list)).toBe("private");
    expect(refusalFor(dest("sandbox.test", "169.254.169.254"), list)).toBe("metadata");
    expect(refusalFor(dest("example.org", "93.184.215.14"), [])).toBeNull();
  });
});
