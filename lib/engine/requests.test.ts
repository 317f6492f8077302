import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowOutbound } from "@/lib/http";
import { startTestServer, type TestServer } from "@/lib/http/testing";
import { registry } from "@/modules";
import type { ResolvedConnection } from "@/lib/modules/context";
import type { EngineModule } from "./blueprint";
import { previewRequest } from "./preview";
import { REDACTED, redactRequest } from "./redact";
import { blueprint, run } from "./testing";

let server: TestServer;
let disallow: () => void;
beforeAll(async () => {
  server = await startTestServer();
  disallow = allowOutbound(`127.0.0.1:${server.port}`);
});
afterAll(async () => {
  disallow();
  await server.close();
});

const trigger: EngineModule = { id: 1, module: "flow:manualTrigger", version: 1 };
const httpV1 = (url: string): EngineModule => ({
  id: 2,
  module: "http:makeRequest",
  version: 1,
  params: { bodyType: "raw" },
  mapper: { url, method: "POST", contentType: "application/json", data: '{"who": "{{1.who}}"}', headers: [{ name: "Authorization", value: "Bearer abc-secret-token" }] },
});

describe("a sunset module version", () => {
  it("runs on its sunset day; the day after, the run is refused before anything runs, naming the upgrade", async () => {
    const bp = blueprint([trigger, httpV1(`${server.origin}/echo`)], [[1, 2]]);
    const onTheDay = await run(bp, { today: "2027-06-01", trigger: { payload: { who: "ada" } } });
    expect(onTheDay.status).toBe("success");
    const before = server.requests.length;
    const after = await run(bp, { today: "2027-06-02", trigger: { payload: { who: "ada" } } });
    expect(after).toMatchObject({ status: "error", operations: 0, log: [] });
    expect(after.error).toMatchObject({ type: "ModuleSunset", moduleId: 2 });
    expect(after.error?.message).toContain("Upgrade it to v2");
    expect(server.requests.length).toBe(before);
  });
});

describe("recorded requests", () => {
  it("logs what each operation sent, with credentials blanked", async () => {
    const result = await run(blueprint([trigger, httpV1(`${server.origin}/echo?token=abc-secret-token&page=2`)], [[1, 2]]), { trigger: { payload: { who: "ada" } } });
    expect(result.status).toBe("success");
    const [request] = result.log.find((e) => e.moduleId === 2)!.requests!;
    expect(request).toMatchObject({ method: "POST", body: '{"who": "ada"}', bodyBytes: 14 });
    expect(request.url).toBe(`${server.origin}/echo?token=${encodeURIComponent(REDACTED)}&page=2`);
    expect(request.headers).toContainEqual(["authorization", REDACTED]);
    expect(request.headers).toContainEqual(["content-type", "application/json"]);
    expect(JSON.stringify(request)).not.toContain("abc-secret-token");
  });

  it("blanks secret-named fields of JSON and form bodies, and known secret text anywhere", () => {
    const redacted = redactRequest(
      {
        method: "POST",
        url: "https://x.test/login?user=ada",
        headers: [["content-type", "application/json"], ["x-trace", "has pw-123456 inside"]],
        body: '{"username":"ada","password":"pw-123456"}',
        bodyBytes: 40,
      },
      { secretValues: ["pw-123456"] },
    );
    expect(redacted.body).toBe(`{"username":"ada","password":"${REDACTED}"}`);
    expect(redacted.headers[1]).toEqual(["x-trace", `has ${REDACTED} inside`]);
    const form = redactRequest({ method: "POST", url: "https://x.test/", headers: [["content-type", "application/x-www-form-urlencoded"]], body: "username=ada&password=pw", bodyBytes: 24 });
    expect(form.body).toBe("username=ada&password=%5Bredacted%5D");
  });
});

describe("previewRequest", () => {
  it("builds the request a module version would send, without sending it", async () => {
    const before = server.requests.length;
    const preview = await previewRequest({
      def: registry.getModule("http:makeRequest", 2)!,
      params: {},
      mapper: { url: `${server.origin}/echo`, method: "PUT", body: { type: "json", content: { who: "{{1.who}}" } }, headers: [{ name: "X-Api-Key", value: "k-123456789" }] },
      scope: { "1": { who: "grace" } },
      connection: null,
      timezone: "UTC",
    });
    expect(preview.note).toBeUndefined();
    expect(preview.request).toMatchObject({ method: "PUT", url: `${server.origin}/echo`, body: '{"who":"grace"}' });
    expect(preview.request!.headers).toContainEqual(["x-api-key", REDACTED]);
    expect(server.requests.length).toBe(before);
  });

  it("blanks the connection's secrets, and explains when no request can be built", async () => {
    const connection: ResolvedConnection = { id: "c", type: "http-apikey@1", values: { key: "key-0123456789", placement: "header", name: "X-Key" }, secretFields: ["key"] };
    const def = registry.getModule("http:makeApiKeyRequest", 1)!;
    const built = await previewRequest({ def, params: {}, mapper: { url: `${server.origin}/echo?k=key-0123456789` }, scope: {}, connection, timezone: "UTC" });
    expect(JSON.stringify(built)).not.toContain("key-0123456789");
    const broken = await previewRequest({ def: registry.getModule("http:makeRequest", 2)!, params: {}, mapper: { url: "{{1.missing" }, scope: {}, connection: null, timezone: "UTC" });
    expect(broken).toMatchObject({ request: null, note: expect.stringContaining("could not be built") });
  });
});
