import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient, httpRequest } from "./client";
import { CookieJar } from "./cookies";
import { HttpTimeoutError, OutboundRefusedError, ResponseTooLargeError, TooManyRedirectsError } from "./errors";
import { allowOutbound } from "./policy";
import { selfSignedTls } from "./test-tls";
import { sendJson, startTestServer, type TestServer } from "./testing";

let server: TestServer;
let other: TestServer;
let disallow: Array<() => void> = [];
const allow = (...entries: string[]) => disallow.push(allowOutbound(...entries));

beforeAll(async () => {
  server = await startTestServer({
    "/login": (_req, res) => {
      res.writeHead(302, { location: "/echo", "set-cookie": ["session=abc123; Path=/; HttpOnly", "theme=dark"] });
      res.end();
    },
  });
  other = await startTestServer();
});
afterAll(async () => {
  await server.close();
  await other.close();
});
afterEach(() => {
  disallow.forEach((undo) => undo());
  disallow = [];
  delete process.env.PATCHBAY_HTTP_ALLOW;
});

const echoBody = (response: { body: Buffer }) => JSON.parse(response.body.toString("utf8"));

describe("outbound rules", () => {
  it("refuses loopback, private, link-local and metadata addresses without an allow-list", async () => {
    const refusal = (url: string) => httpRequest({ url, timeoutMs: 2000 }).then(() => null, (e: unknown) => e);
    const loopback = await refusal(`${server.origin}/echo`);
    expect(loopback).toBeInstanceOf(OutboundRefusedError);
    expect((loopback as OutboundRefusedError).rule).toBe("loopback");
    expect((loopback as Error).message).toBe(
      "Refused to connect to 127.0.0.1: loopback addresses (this server) are refused unless allowed in PATCHBAY_HTTP_ALLOW.",
    );
    expect(await refusal("http://10.0.0.1/")).toMatchObject({ rule: "private", host: "10.0.0.1" });
    expect(await refusal("http://192.168.1.20:8080/")).toMatchObject({ rule: "private" });
    expect(await refusal("http://169.254.169.254/latest/meta-data/")).toMatchObject({ rule: "metadata" });
    expect(await refusal("http://169.254.10.1/")).toMatchObject({ rule: "link-local" });
    expect(await refusal("http://metadata.google.internal/computeMetadata/v1/")).toMatchObject({ rule: "metadata" });
    expect(await refusal("http://[::1]/")).toMatchObject({ rule: "loopback" });
    expect(await refusal("http://[::ffff:169.254.169.254]/")).toMatchObject({ rule: "metadata" });
    expect(await refusal("http://0.0.0.0/")).toMatchObject({ rule: "loopback" });
    // Alternative spellings of 127.0.0.1 are normalised by the URL parser before the check.
    expect(await refusal("http://2130706433/")).toMatchObject({ rule: "loopback" });
    expect(await refusal("http://0x7f.1/")).toMatchObject({ rule: "loopback" });
    expect(server.requests.length).toBe(0);
  });

  it("lets an allow-listed host:port through, from allowOutbound or PATCHBAY_HTTP_ALLOW, and nothing else", async () => {
    allow(`127.0.0.1:${other.port}`);
    await expect(httpRequest({ url: `${server.origin}/echo` })).rejects.toBeInstanceOf(OutboundRefusedError);
    expect((await httpRequest({ url: `${other.origin}/echo` })).status).toBe(200);

    process.env.PATCHBAY_HTTP_ALLOW = `example.org, 127.0.0.0/8`;
    expect((await httpRequest({ url: `${server.origin}/echo` })).status).toBe(200);
  });

  it("fails with a clear message when PATCHBAY_HTTP_ALLOW is malformed", async () => {
    process.env.PATCHBAY_HTTP_ALLOW = "127.0.0.1:3000, https://sandbox/";
    await expect(httpRequest({ url: `${server.origin}/echo` })).rejects.toMatchObject({
      code: "invalid-request",
      message: 'PATCHBAY_HTTP_ALLOW entry "https://sandbox/" is not a host, host:port, *.domain, IP, [IPv6]:port or CIDR range.',
    });
  });

  it("never opens metadata or link-local addresses, whatever the allow-list says", async () => {
    allow("169.254.0.0/16", "169.254.169.254", "metadata.google.internal");
    await expect(httpRequest({ url: "http://169.254.169.254/" })).rejects.toMatchObject({ rule: "metadata" });
    await expect(httpRequest({ url: "http://metadata.google.internal/" })).rejects.toMatchObject({ rule: "metadata" });
  });

  it("checks the address a name resolves to and connects to that very address", async () => {
    const resolved: string[] = [];
    const client = createHttpClient({
      resolver: async (host) => {
        resolved.push(host);
        if (host === "sandbox.test") return ["10.9.9.9", "127.0.0.1"];
        if (host === "rebind.test") return ["169.254.169.254"];
        return [];
      },
    });
    await expect(client.request({ url: `http://rebind.test:${server.port}/echo` })).rejects.toMatchObject({
      rule: "metadata",
      message: expect.stringContaining("rebind.test (169.254.169.254)"),
    });
    // Allowed by port only for loopback: the private 10.9.9.9 is skipped in favour of 127.0.0.1.
    allow(`127.0.0.1:${server.port}`);
    const response = await client.request({ url: `http://sandbox.test:${server.port}/echo` });
    expect(echoBody(response).headers.host).toBe(`sandbox.test:${server.port}`);
    expect(resolved).toEqual(["rebind.test", "sandbox.test"]);
  });

  it("lets a host name entry through whatever private address it resolves to", async () => {
    const client = createHttpClient({ resolver: async () => ["127.0.0.1"] });
    await expect(client.request({ url: `http://sandbox.test:${server.port}/echo` })).rejects.toBeInstanceOf(OutboundRefusedError);
    allow("sandbox.test");
    expect((await client.request({ url: `http://sandbox.test:${server.port}/echo` })).status).toBe(200);
  });
});

describe("requests and responses", () => {
  it("sends method, headers, query and body as given and returns status, headers and body", async () => {
    allow(`127.0.0.1:${server.port}`);
    const response = await httpRequest({
      method: "patch",
      url: `${server.origin}/echo?a=1`,
      headers: [
        ["X-Trace", "t-1"],
        ["X-Multi", "one"],
        ["X-Multi", "two"],
      ],
      query: { b: ["2", "3"], c: true },
      body: "hello",
    });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    const echoed = echoBody(response);
    expect(echoed).toMatchObject({ method: "PATCH", path: "/echo", query: { a: "1", b: ["2", "3"], c: "true" }, body: "hello" });
    expect(echoed.headers).toMatchObject({ "x-trace": "t-1", "x-multi": "one, two", "content-length": "5" });
    expect(echoed.headers["user-agent"]).toMatch(/^Patchbay\//);
  });

  it("refuses what cannot be sent safely before any connection", async () => {
    await expect(httpRequest({ url: "ftp://example.org/file" })).rejects.toThrow("Only http and https URLs can be requested, not ftp.");
    await expect(httpRequest({ url: "not a url" })).rejects.toThrow("“not a url” is not a valid URL.");
    await expect(httpRequest({ url: "https://user:pw@example.org/" })).rejects.toThrow(/user name or password/);
    await expect(httpRequest({ url: "https://example.org/", headers: { "X-Bad": "a\r\nInjected: 1" } })).rejects.toThrow(/line break/);
    await expect(httpRequest({ url: "https://example.org/", method: "GE T" })).rejects.toThrow(/not a valid HTTP method/);
  });

  it("decompresses gzip bodies", async () => {
    allow(`127.0.0.1:${server.port}`);
    const response = await httpRequest({ url: `${server.origin}/gzip` });
    expect(JSON.parse(response.body.toString())).toEqual({ compressed: true });
  });
});

describe("limits", () => {
  it("stops a slow server at the timeout, with a message naming the host and the time", async () => {
    allow(`127.0.0.1:${server.port}`);
    const started = Date.now();
    const error = await httpRequest({ url: `${server.origin}/slow?ms=3000`, timeoutMs: 250 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpTimeoutError);
    expect((error as Error).message).toBe(`The request to 127.0.0.1:${server.port} did not complete within 0.3 s.`);
    expect(Date.now() - started).toBeLessThan(2000);
    // Also while the body is still arriving.
    await expect(httpRequest({ url: `${server.origin}/trickle?ms=3000`, timeoutMs: 250 })).rejects.toBeInstanceOf(HttpTimeoutError);
  });

  it("counts name resolution against the connect timeout", async () => {
    const client = createHttpClient({ resolver: () => new Promise(() => {}) });
    const error = await client.request({ url: "http://hangs.test/", connectTimeoutMs: 100 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ phase: "connect", message: "Could not connect to hangs.test within 0.1 s." });
  });

  it("stops reading a body past the cap, with or without a Content-Length", async () => {
    allow(`127.0.0.1:${server.port}`);
    const elevenMb = 11 * 1024 * 1024;
    await expect(httpRequest({ url: `${server.origin}/huge?bytes=${elevenMb}` })).rejects.toThrow(
      new ResponseTooLargeError(10 * 1024 * 1024).message,
    );
    expect(new ResponseTooLargeError(10 * 1024 * 1024).message).toBe("The response is larger than 10 MB.");
    await expect(httpRequest({ url: `${server.origin}/huge?bytes=2000&declared=1`, maxBytes: 1000 })).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect((await httpRequest({ url: `${server.origin}/huge?bytes=1000`, maxBytes: 1000 })).body.length).toBe(1000);
  });

  it("stops when the caller's signal aborts", async () => {
    allow(`127.0.0.1:${server.port}`);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(httpRequest({ url: `${server.origin}/slow?ms=3000`, signal: controller.signal })).rejects.toMatchObject({ code: "cancelled" });
  });
});

describe("redirects", () => {
  it("follows them to the end and reports the final URL", async () => {
    allow(`127.0.0.1:${server.port}`);
    const response = await httpRequest({ url: `${server.origin}/chain/3` });
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${server.origin}/echo`);
    expect(response.redirects).toBe(3);
  });

  it("gives up after the limit, and returns the 3xx itself when not following", async () => {
    allow(`127.0.0.1:${server.port}`);
    await expect(httpRequest({ url: `${server.origin}/chain/3`, maxRedirects: 2 })).rejects.toBeInstanceOf(TooManyRedirectsError);
    const unfollowed = await httpRequest({ url: `${server.origin}/chain/3`, followRedirects: false });
    expect(unfollowed.status).toBe(302);
    expect(unfollowed.headers.location).toBe("/chain/2");
  });

  it("checks every hop: an allowed server cannot redirect into a forbidden address", async () => {
    allow(`127.0.0.1:${server.port}`);
    const to = (target: string) => `${server.origin}/redirect?to=${encodeURIComponent(target)}`;
    const reachedOther = other.requests.length;
    await expect(httpRequest({ url: to("http://169.254.169.254/latest/meta-data/") })).rejects.toMatchObject({ rule: "metadata" });
    await expect(httpRequest({ url: to("http://10.0.0.1/admin") })).rejects.toMatchObject({ rule: "private" });
    await expect(httpRequest({ url: to(`${other.origin}/echo`) })).rejects.toMatchObject({ rule: "loopback" });
    expect(other.requests.length).toBe(reachedOther);
  });

  it("turns a POST into a GET on 303 and drops credentials when the origin changes", async () => {
    allow(`127.0.0.1:${server.port}`, `127.0.0.1:${other.port}`);
    const seeOther = await httpRequest({
      method: "POST",
      url: `${server.origin}/redirect?status=303&to=/echo`,
      headers: { "content-type": "text/plain", authorization: "Bearer same-origin" },
      body: "payload",
    });
    expect(echoBody(seeOther)).toMatchObject({ method: "GET", body: "" });
    expect(echoBody(seeOther).headers.authorization).toBe("Bearer same-origin");

    const elsewhere = await httpRequest({
      method: "PUT",
      url: `${server.origin}/redirect?status=307&to=${encodeURIComponent(`${other.origin}/echo`)}`,
      headers: { authorization: "Bearer secret-token", "x-keep": "yes" },
      body: "payload",
    });
    const echoed = echoBody(elsewhere);
    expect(echoed).toMatchObject({ method: "PUT", body: "payload" });
    expect(echoed.headers.authorization).toBeUndefined();
    expect(echoed.headers["x-keep"]).toBe("yes");
  });

  it("keeps cookies set during a redirect in the jar and sends them on", async () => {
    allow(`127.0.0.1:${server.port}`);
    const jar = new CookieJar();
    const response = await httpRequest({ url: `${server.origin}/login`, cookieJar: jar });
    expect(echoBody(response).headers.cookie).toBe("session=abc123; theme=dark");
    expect(jar.list().map((c) => c.name)).toEqual(["session", "theme"]);
  });
});

describe("TLS", () => {
  it("rejects a self-signed certificate by default and accepts it when told to", async () => {
    const secure = await startTestServer({ "/hello": (_req, res) => sendJson(res, 200, { hello: "tls" }) }, selfSignedTls);
    try {
      allow(`127.0.0.1:${secure.port}`);
      const error = await httpRequest({ url: `${secure.origin}/hello` }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "tls" });
      expect((error as Error).message).toMatch(/TLS certificate of 127\.0\.0\.1:\d+ could not be verified/);
      const response = await httpRequest({ url: `${secure.origin}/hello`, rejectUnauthorized: false });
      expect(JSON.parse(response.body.toString())).toEqual({ hello: "tls" });
    } finally {
      await secure.close();
    }
  });
});
