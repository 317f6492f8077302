import { describe, expect, it } from "vitest";
import { CookieJar } from "./cookies";

describe("cookie jar", () => {
  const at = (url: string) => new URL(url);

  it("sends a host's cookies back to it and to nobody else", () => {
    const jar = new CookieJar();
    jar.store(at("https://api.example.com/login"), ["sid=1; Path=/", "pref=a"]);
    expect(jar.headerFor(at("https://api.example.com/items"))).toBe("sid=1; pref=a");
    expect(jar.headerFor(at("https://www.example.com/"))).toBeUndefined();
    expect(jar.headerFor(at("https://other.test/"))).toBeUndefined();
  });

  it("shares Domain cookies with subdomains but refuses a foreign or top-level domain", () => {
    const jar = new CookieJar();
    const accepted = jar.store(at("https://login.example.com/"), ["shared=1; Domain=.example.com", "evil=1; Domain=other.test", "tld=1; Domain=com"]);
    expect(accepted.map((c) => c.name)).toEqual(["shared"]);
    expect(jar.headerFor(at("https://api.example.com/"))).toBe("shared=1");
  });

  it("honours Path, Secure, Max-Age and Expires, and a later cookie replaces an earlier one", () => {
    let now = Date.parse("2026-05-01T00:00:00Z");
    const jar = new CookieJar(() => now);
    jar.store(at("https://example.com/app/login"), [
      "scoped=1",
      "secure=1; Secure; Path=/",
      "short=1; Max-Age=60; Path=/",
      "old=1; Expires=Thu, 01 Jan 2026 00:00:00 GMT; Path=/",
    ]);
    expect(jar.headerFor(at("https://example.com/app/x"))).toBe("scoped=1; secure=1; short=1");
    expect(jar.headerFor(at("http://example.com/app/x"))).toBe("scoped=1; short=1");
    expect(jar.headerFor(at("https://example.com/application"))).toBe("secure=1; short=1");
    now += 61_000;
    expect(jar.headerFor(at("https://example.com/"))).toBe("secure=1");
    jar.store(at("https://example.com/"), ["secure=2; Secure; Path=/"]);
    expect(jar.headerFor(at("https://example.com/"))).toBe("secure=2");
    jar.store(at("https://example.com/"), ["secure=; Max-Age=0; Path=/"]);
    expect(jar.headerFor(at("https://example.com/"))).toBeUndefined();
  });
});
