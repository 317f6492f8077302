import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowOutbound } from "@/lib/http";
import { sendJson, startTestServer, type TestServer } from "@/lib/http/testing";
import { ModuleError } from "@/lib/modules/errors";
import { memorySessionCache } from "@/modules/http/session";
import { DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, DEMO_API_KEY } from "../sandbox";
import { startTestSandbox, type TestSandbox } from "../testing";
import { WorkfrontClient } from "./client";
import { parseWorkfrontDate, toIsoDate, withIsoDates } from "./dates";
import { RemovedApiVersionError, WorkfrontApiError } from "./errors";
import { normaliseApiVersion } from "./url";
import { credentialsOf, normaliseHost } from "./values";

describe("Workfront dates", () => {
  it("reads the REST format (colon before ms), the event format (dot) and ISO 8601, offsets included", () => {
    expect(parseWorkfrontDate("2020-05-18T17:00:00:000-0600")?.toISOString()).toBe("2020-05-18T23:00:00.000Z");
    expect(parseWorkfrontDate("2017-10-06T13:48:07.776-0600")?.toISOString()).toBe("2017-10-06T19:48:07.776Z");
    expect(parseWorkfrontDate("2017-03-24T17:00:00:000+0400")?.toISOString()).toBe("2017-03-24T13:00:00.000Z");
    expect(parseWorkfrontDate("2020-05-13T18:18:37.255Z")?.toISOString()).toBe("2020-05-13T18:18:37.255Z");
    expect(parseWorkfrontDate("yesterday")).toBeNull();
  });

  it("turns only Workfront date text into ISO 8601, at any depth", () => {
    expect(toIsoDate("2020-05-18T17:00:00:000-0600")).toBe("2020-05-18T23:00:00.000Z");
    expect(toIsoDate("Release 2020-05-18")).toBe("Release 2020-05-18");
    expect(withIsoDates({ a: ["2017-10-06T13:48:07.776-0600", 3], b: { c: "2020-05-18T17:00:00:000-0600", d: null } })).toEqual({
      a: ["2017-10-06T19:48:07.776Z", 3],
      b: { c: "2020-05-18T23:00:00.000Z", d: null },
    });
  });
});

describe("hosts and versions", () => {
  it("normalises what people paste as the host", () => {
    expect(normaliseHost("acme.my.workfront.com")).toBe("https://acme.my.workfront.com");
    expect(normaliseHost("https://acme.my.workfront.com/")).toBe("https://acme.my.workfront.com");
    expect(normaliseHost("https://acme.my.workfront.com/attask/api/v21.0/proj/search")).toBe("https://acme.my.workfront.com");
    expect(normaliseHost("http://127.0.0.1:3000/sandbox/workfront/")).toBe("http://127.0.0.1:3000/sandbox/workfront");
    expect(normaliseApiVersion("v21.0")).toBe("21.0");
    expect(normaliseApiVersion("15")).toBe("15.0");
    expect(() => credentialsOf("workfront@2", { host: "https://x.my.workfront.com" })).toThrow("The API key is missing.");
  });
});

/** A stand-in Workfront that records requests, to pin the wire format down (reference A3). */
describe("request encoding", () => {
  let server: TestServer;
  let disallow: () => void;
  const answers: Record<string, unknown> = {};
  const prefix = "/attask/api/v21.0";
  beforeAll(async () => {
    const reply = (path: string) => (_req: unknown, res: import("node:http").ServerResponse) => sendJson(res, 200, answers[path] ?? { data: {} });
    const paths = ["/task/search", "/task", "/task/abc", "/task/abc/move", "/task/err", "/login", "/project/p1"].map((p) => prefix + p);
    server = await startTestServer(Object.fromEntries(paths.map((p) => [p, reply(p)])));
    disallow = allowOutbound(`127.0.0.1:${server.port}`);
  });
  afterAll(async () => {
    disallow();
    await server.close();
  });
  const client = (type: "workfront@1" | "workfront@2" = "workfront@2") =>
    new WorkfrontClient(
      credentialsOf(type, type === "workfront@2" ? { host: server.origin, apiKey: "k-123" } : { host: server.origin, username: "ada", password: "pw&=?" }),
      memorySessionCache(),
      { apiVersion: "21.0" },
    );
  const last = () => server.requests[server.requests.length - 1];

  it("GET: every parameter in the query string, arrays as repeated keys, the key as the apiKey header", async () => {
    answers[`${prefix}/task/search`] = { data: [{ ID: "1" }] };
    await client().search("task", [["status", ["NEW", "INP"]], ["status_Mod", "in"], ["name", "$$TODAY+1d"]], { first: 4, limit: 2 });
    const req = last();
    expect(req.method).toBe("GET");
    expect(req.query).toEqual({ status: ["NEW", "INP"], status_Mod: "in", name: "$$TODAY+1d", $$FIRST: "4", $$LIMIT: "2" });
    expect(req.headers).toMatchObject({ apikey: "k-123", "x-requested-with": "XMLHttpRequest" });
    expect(req.body.length).toBe(0);
  });

  it("POST/PUT with updates: the bare JSON of updates as the body, fields in the query", async () => {
    answers[`${prefix}/task`] = { data: { ID: "new" } };
    await client().create("task", { name: "A / B", "DE:Channels": ["Web"] }, ["name", "DE:Channels"]);
    expect(last()).toMatchObject({ method: "POST", path: `${prefix}/task`, query: { fields: "name,DE:Channels" } });
    expect(last().headers["content-type"]).toBe("application/json");
    expect(JSON.parse(last().body.toString())).toEqual({ name: "A / B", "DE:Channels": ["Web"] });
    await client().edit("task", "abc", { status: "CPL" });
    expect(last()).toMatchObject({ method: "PUT", path: `${prefix}/task/abc`, query: {} });
    expect(JSON.parse(last().body.toString())).toEqual({ status: "CPL" });
  });

  it("actions: PUT with the arguments in a form body", async () => {
    answers[`${prefix}/task/abc/move`] = { data: { result: true } };
    expect(await client().action("task", "abc", "move", { projectID: "p 1" })).toBe(true);
    expect(last()).toMatchObject({ method: "PUT", path: `${prefix}/task/abc/move`, query: {} });
    expect(last().headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(last().body.toString()).toBe("projectID=p+1");
  });

  it("a search whose URI would pass the CDN's limit goes as POST with method=GET in a form body", async () => {
    answers[`${prefix}/task/search`] = { data: [] };
    const ids = Array.from({ length: 300 }, (_, i) => i.toString(16).padStart(32, "0"));
    await client().search("task", [["ID", ids], ["ID_Mod", "in"]], { limit: 2000 });
    const req = last();
    expect(req.method).toBe("POST");
    expect(req.query).toEqual({});
    const form = new URLSearchParams(req.body.toString());
    expect(form.get("method")).toBe("GET");
    expect(form.getAll("ID")).toHaveLength(300);
  });

  it("logs in with the credentials in a form body, never in the URL, and sends the session as a header", async () => {
    answers[`${prefix}/login`] = { data: { sessionID: "s-1", userID: "u-1" } };
    answers[`${prefix}/project/p1`] = { data: { ID: "p1", name: "P" } };
    await client("workfront@1").get("project", "p1");
    const [login, get] = server.requests.slice(-2);
    expect(login).toMatchObject({ method: "POST", path: `${prefix}/login`, query: {} });
    expect(Object.fromEntries(new URLSearchParams(login.body.toString()))).toEqual({ username: "ada", password: "pw&=?" });
    expect(get.headers.sessionid).toBe("s-1");
    expect(get.query).toEqual({});
  });

  it("an error envelope is an error even with HTTP 200; its class and message are kept", async () => {
    answers[`${prefix}/task/err`] = { error: { class: "com.attask.common.NotFoundException", message: "Nope" } };
    const error = await client().get("task", "err").catch((e) => e);
    expect(error).toBeInstanceOf(ModuleError);
    expect(error.type).toBe("DataError");
    expect(error.cause).toBeInstanceOf(WorkfrontApiError);
    expect(error.cause).toMatchObject({ className: "com.attask.common.NotFoundException", remoteMessage: "Nope", status: 200 });
  });
});

describe("against the sandbox", () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox({ seed: false, errorsWithHttp200: true });
  });
  afterAll(async () => {
    await sb.close();
  });
  const client = (apiVersion = "21.0") => new WorkfrontClient(credentialsOf("workfront@2", { host: sb.url, apiKey: DEMO_API_KEY }), memorySessionCache(), { apiVersion });

  it("errorsWithHttp200: an error answered with HTTP 200 still fails, with Workfront's message", async () => {
    const raw = await fetch(`${sb.url}/attask/api/v21.0/task/0123456789abcdef0123456789abcdef`, { headers: { apiKey: DEMO_API_KEY } });
    expect(raw.status).toBe(200);
    const error = await client().get("task", "0123456789abcdef0123456789abcdef").catch((e) => e);
    expect(error).toMatchObject({ type: "DataError", message: expect.stringContaining("TASK with ID 0123456789abcdef0123456789abcdef could not be found [NotFoundException]") });
    const badKey = await new WorkfrontClient(credentialsOf("workfront@2", { host: sb.url, apiKey: "wrong" }), memorySessionCache(), { apiVersion: "21.0" }).metadata().catch((e) => e);
    expect(badKey).toMatchObject({ type: "InvalidAccessTokenError", message: expect.stringContaining("Invalid API key") });
  });

  it("a removed API version fails with an error naming the version", async () => {
    const error = await client("15.0").metadata().catch((e) => e);
    expect(error).toBeInstanceOf(RemovedApiVersionError);
    expect(error).toMatchObject({ type: "InvalidConfigurationError", message: expect.stringContaining("Workfront no longer serves API version v15.0") });
    const login = await new WorkfrontClient(credentialsOf("workfront@1", { host: sb.url, username: DEMO_ADMIN_USERNAME, password: DEMO_ADMIN_PASSWORD }), memorySessionCache(), { apiVersion: "15.0" })
      .metadata()
      .catch((e) => e);
    expect(login.message).toContain("v15.0");
  });

  it("pages searches beyond 2,000 rows in a stable order, up to the limit, without repeats", async () => {
    const project = sb.store.create("PROJ", { name: "Big project" });
    for (let i = 0; i < 2150; i++) sb.store.create("TASK", { name: `t${String(i).padStart(4, "0")}`, projectID: project.ID });
    const api = client();
    const some = await api.searchAll("task", { projectID: project.ID, fields: "name" }, 2100);
    expect(some).toHaveLength(2100);
    expect(new Set(some.map((r) => r.ID)).size).toBe(2100);
    const ids = some.map((r) => String(r.ID));
    expect(ids).toEqual([...ids].sort());
    const all = await api.searchAll("task", { projectID: project.ID, name_Sort: "desc" }, 50_000);
    expect(all).toHaveLength(2150);
    expect(all[0].name).toBe("t2149");
    expect(new Set(all.map((r) => r.ID)).size).toBe(2150);
  });
});
