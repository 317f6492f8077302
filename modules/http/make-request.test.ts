import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowOutbound } from "@/lib/http";
import { startTestServer, type TestServer } from "@/lib/http/testing";
import { REDACTED } from "@/lib/engine/redact";
import { blueprint, outputsOf, run } from "@/lib/engine/testing";
import type { EngineModule } from "@/lib/engine/blueprint";
import { contentRoutes, PNG_BYTES } from "./testing";

let server: TestServer;
let disallow: () => void;
beforeAll(async () => {
  server = await startTestServer(contentRoutes);
  disallow = allowOutbound(`127.0.0.1:${server.port}`);
});
afterAll(async () => {
  disallow();
  await server.close();
});

const trigger: EngineModule = { id: 1, module: "flow:manualTrigger", version: 1 };
const v2 = (mapper: Record<string, unknown>, id = 2): EngineModule => ({ id, module: "http:makeRequest", version: 2, mapper });
const runOne = (module: EngineModule, payload: unknown = {}) => run(blueprint([trigger, module], [[1, 2]]), { trigger: { payload } });
const lastRequest = () => server.requests[server.requests.length - 1];

describe("http:makeRequest v2", () => {
  it("sends method, headers and query string, and outputs status, headers and the parsed body", async () => {
    const result = await runOne(
      v2({
        url: `${server.origin}/echo`,
        method: "DELETE",
        headers: [{ name: "X-Request-Id", value: "{{1.id}}" }],
        qs: [
          { name: "q", value: "a b" },
          { name: "page", value: "{{1.page}}" },
        ],
      }),
      { id: "r-1", page: 2 },
    );
    expect(result.status).toBe("success");
    const [output] = outputsOf(result, 2) as Array<Record<string, any>>;
    expect(output.statusCode).toBe(200);
    expect(output.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(output.body).toMatchObject({ method: "DELETE", query: { q: "a b", page: "2" } });
    expect(output.body.headers["x-request-id"]).toBe("r-1");
  });

  it("sends a raw body with its content type, and a header the user set wins", async () => {
    await runOne(v2({ url: `${server.origin}/echo`, method: "POST", body: { type: "raw", contentType: "application/xml", content: "<a>1</a>" } }));
    expect(lastRequest().headers["content-type"]).toBe("application/xml");
    expect(lastRequest().body.toString()).toBe("<a>1</a>");
    await runOne(
      v2({
        url: `${server.origin}/echo`,
        method: "POST",
        headers: [{ name: "Content-Type", value: "text/csv" }],
        body: { type: "raw", content: "a,b" },
      }),
    );
    expect(lastRequest().headers["content-type"]).toBe("text/csv");
  });

  it("serialises a JSON body from a mapped structure, and refuses text that is not JSON", async () => {
    await runOne(v2({ url: `${server.origin}/echo`, method: "POST", body: { type: "json", content: { n: "{{1.n}}", tags: "{{1.tags}}" } } }), {
      n: 5,
      tags: ["x"],
    });
    expect(lastRequest().headers["content-type"]).toBe("application/json");
    expect(JSON.parse(lastRequest().body.toString())).toEqual({ n: 5, tags: ["x"] });

    const bad = await runOne(v2({ url: `${server.origin}/echo`, method: "POST", body: { type: "json", content: "{not json" } }));
    expect(bad.error).toMatchObject({ type: "DataError", message: expect.stringMatching(/^The JSON body is text that is not valid JSON/) });
  });

  it("sends form fields url-encoded", async () => {
    await runOne(
      v2({
        url: `${server.origin}/echo`,
        method: "POST",
        body: {
          type: "form",
          fields: [
            { name: "name", value: "Ada Lovelace" },
            { name: "note", value: "a&b" },
          ],
        },
      }),
    );
    expect(lastRequest().headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(lastRequest().body.toString()).toBe("name=Ada+Lovelace&note=a%26b");
  });

  it("sends multipart text and file fields (base64 or text data) that a standard parser reads back", async () => {
    const result = await runOne(
      v2({
        url: `${server.origin}/multipart`,
        method: "POST",
        headers: [{ name: "Content-Type", value: "multipart/form-data; boundary=wrong" }],
        body: {
          type: "multipart",
          fields: [
            { name: "title", value: "Q3" },
            { name: "image", kind: "file", fileName: "logo.png", mimeType: "image/png", data: "{{1.png}}" },
            { name: "notes", kind: "file", fileName: "notes.txt", mimeType: "text/plain", data: "héllo", dataEncoding: "text" },
          ],
        },
      }),
      { png: PNG_BYTES.toString("base64") },
    );
    expect(result.status).toBe("success");
    expect((outputsOf(result, 2)[0] as Record<string, unknown>).body).toEqual({
      title: "Q3",
      image: { fileName: "logo.png", type: "image/png", size: PNG_BYTES.length, base64: PNG_BYTES.toString("base64") },
      notes: { fileName: "notes.txt", type: "text/plain", size: 6, base64: Buffer.from("héllo").toString("base64") },
    });
  });

  it("says so when file data under Base64 is not base64", async () => {
    const result = await runOne(
      v2({ url: `${server.origin}/multipart`, method: "POST", body: { type: "multipart", fields: [{ name: "f", kind: "file", data: "plain text!" }] } }),
    );
    expect(result.error).toMatchObject({
      type: "DataError",
      message: "The data of file field “f” is not base64 text. Set its data encoding to “Text” to send it as written.",
    });
  });

  it("parses XML and turns binary into base64 when parsing, and gives text when not", async () => {
    const xml = await runOne(v2({ url: `${server.origin}/xml` }));
    expect((outputsOf(xml, 2)[0] as Record<string, unknown>).body).toEqual({ order: { "@_id": "7", item: ["Pen", "Ink"] } });
    const png = await runOne(v2({ url: `${server.origin}/png` }));
    expect((outputsOf(png, 2)[0] as Record<string, unknown>).body).toBe(PNG_BYTES.toString("base64"));
    const text = await runOne(v2({ url: `${server.origin}/xml`, parseResponse: false }));
    expect((outputsOf(text, 2)[0] as Record<string, unknown>).body).toBe('<order id="7"><item>Pen</item><item>Ink</item></order>');
  });

  it("treats 4xx/5xx as errors of the fitting type by default, and as output when told not to", async () => {
    const notFound = await runOne(v2({ url: `${server.origin}/status/404` }));
    expect(notFound.error).toEqual({ type: "DataError", moduleId: 2, message: `127.0.0.1:${server.port} answered 404 Not Found: {"error":"status 404"}` });
    expect((await runOne(v2({ url: `${server.origin}/status/503` }))).error?.type).toBe("ConnectionError");
    expect((await runOne(v2({ url: `${server.origin}/status/429` }))).error?.type).toBe("RateLimitError");
    expect((await runOne(v2({ url: `${server.origin}/status/401` }))).error?.type).toBe("InvalidAccessTokenError");

    const kept = await runOne(v2({ url: `${server.origin}/status/404`, evaluateAllStatesAsErrors: false }));
    expect(kept.status).toBe("success");
    expect(outputsOf(kept, 2)[0]).toMatchObject({ statusCode: 404, body: { error: "status 404" } });
  });

  it("follows redirects unless told not to; a 3xx is not an error", async () => {
    const followed = await runOne(v2({ url: `${server.origin}/chain/2` }));
    expect(outputsOf(followed, 2)[0]).toMatchObject({ statusCode: 200, body: { path: "/echo" } });
    const stopped = await runOne(v2({ url: `${server.origin}/chain/2`, followRedirect: false }));
    expect(stopped.status).toBe("success");
    expect(outputsOf(stopped, 2)[0]).toMatchObject({ statusCode: 302, headers: { location: "/chain/1" } });
  });

  it("stops at its timeout with a ConnectionError", async () => {
    const result = await runOne(v2({ url: `${server.origin}/slow?ms=3000`, timeout: 1 }));
    expect(result.error).toMatchObject({ type: "ConnectionError", message: `The request to 127.0.0.1:${server.port} did not complete within 1 s.` });
  });

  it("refuses forbidden destinations as a configuration error naming the rule", async () => {
    const result = await runOne(v2({ url: "http://169.254.169.254/latest/meta-data/iam/" }));
    expect(result.error).toMatchObject({
      type: "InvalidConfigurationError",
      message: "Refused to connect to 169.254.169.254: cloud metadata endpoints are never reachable from scenarios.",
    });
  });

  it("shares cookies with later HTTP modules of the same run only, unless turned off", async () => {
    const scenario = (shareSecond: boolean) =>
      run(
        blueprint(
          [trigger, v2({ url: `${server.origin}/set-cookie` }, 2), v2({ url: `${server.origin}/echo`, shareCookies: shareSecond }, 3)],
          [
            [1, 2],
            [2, 3],
          ],
        ),
      );
    const shared = await scenario(true);
    expect(lastRequest().headers.cookie).toBe("session=s3cr3t-cookie; lang=en");
    // The log shows that cookies arrived without showing them.
    expect((outputsOf(shared, 2)[0] as Record<string, unknown>).cookies).toBe(REDACTED);
    expect(JSON.stringify(shared.log)).not.toContain("s3cr3t-cookie");

    await scenario(false);
    expect(lastRequest().headers.cookie).toBeUndefined();
    // A new run starts with an empty jar.
    await runOne(v2({ url: `${server.origin}/echo` }));
    expect(lastRequest().headers.cookie).toBeUndefined();
  });

  it("lets later modules map the cookies it received", async () => {
    await run(
      blueprint(
        [
          trigger,
          v2({ url: `${server.origin}/set-cookie`, shareCookies: false }, 2),
          v2({ url: `${server.origin}/echo`, shareCookies: false, headers: [{ name: "X-Session", value: "{{2.cookies[1].value}}" }] }, 3),
        ],
        [
          [1, 2],
          [2, 3],
        ],
      ),
    );
    expect(lastRequest().headers["x-session"]).toBe("s3cr3t-cookie");
    expect(lastRequest().headers.cookie).toBeUndefined();
  });
});

describe("http:makeRequest v1", () => {
  const v1 = (params: Record<string, unknown>, mapper: Record<string, unknown>): EngineModule => ({ id: 2, module: "http:makeRequest", version: 1, params, mapper });

  it("still runs as released: flat body fields, output `data`", async () => {
    const result = await runOne(
      v1({ bodyType: "x_www_form_urlencoded" }, { url: `${server.origin}/echo`, method: "POST", formFields: [{ name: "a", value: "1" }], data: "ignored" }),
    );
    expect(result.status).toBe("success");
    expect(outputsOf(result, 2)[0]).toMatchObject({ statusCode: 200, data: { method: "POST", body: "a=1" } });
    expect(outputsOf(result, 2)[0]).not.toHaveProperty("body");
  });

  it("sends multipart items with v1's key and fieldType names", async () => {
    const result = await runOne(
      v1(
        { bodyType: "multipart_form_data" },
        {
          url: `${server.origin}/multipart`,
          method: "POST",
          formDataFields: [
            { key: "title", value: "Q3" },
            { key: "doc", fieldType: "file", fileName: "a.txt", mimeType: "text/plain", data: "aGk=" },
          ],
        },
      ),
    );
    expect((outputsOf(result, 2)[0] as Record<string, unknown>).data).toEqual({
      title: "Q3",
      doc: { fileName: "a.txt", type: "text/plain", size: 2, base64: "aGk=" },
    });
  });
});
