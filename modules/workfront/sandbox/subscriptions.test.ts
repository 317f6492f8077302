import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, DEMO_USER_PASSWORD, DEMO_USER_USERNAME, SEED_IDS as I, startWorkfrontSandbox } from "./index";
import { call, restClient, startReceiver, waitFor } from "./testkit";

type Sandbox = Awaited<ReturnType<typeof startWorkfrontSandbox>>;
type Receiver = Awaited<ReturnType<typeof startReceiver>>;
let sb: Sandbox;
let api: ReturnType<typeof restClient>;
let adminSession: string;
const receivers: Receiver[] = [];

const SUBS = "/attask/eventsubscription/api/v1/subscriptions";

async function session(username: string, password: string): Promise<string> {
  const reply = await call(`${sb.url}/attask/api/v21.0/login?username=${encodeURIComponent(username)}&password=${encodeURIComponent(password)}`, { method: "POST" });
  return reply.json.data.sessionID;
}

function subs(method: string, path = "", body?: unknown, sessionID = adminSession) {
  return call(`${sb.url}${SUBS}${path}`, {
    method,
    headers: { ...(sessionID ? { sessionID } : {}), "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function receiver(statusFor?: (n: number) => number): Promise<Receiver> {
  const r = await startReceiver(statusFor);
  receivers.push(r);
  return r;
}

async function subscribe(body: Record<string, unknown>): Promise<string> {
  const reply = await subs("POST", "", { authToken: "token-for-tests-1234", eventType: "UPDATE", objCode: "PROJ", ...body });
  expect(reply.status, reply.text).toBe(201);
  return reply.json.id;
}

beforeAll(async () => {
  sb = await startWorkfrontSandbox({ delivery: { retryDelaysMs: [60, 120], timeoutMs: 300 } });
  api = restClient(sb.url);
});
afterAll(() => sb.close());
beforeEach(async () => {
  sb.reset();
  adminSession = await session(DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD);
});
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

describe("subscription API", () => {
  it("creates with 201 and a Location, refuses duplicates (409) and bad bodies (400)", async () => {
    const body = { objCode: "TASK", eventType: "CREATE", url: "http://127.0.0.1:9/hook", authToken: "secret-bearer-token" };
    const created = await subs("POST", "", body);
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), version: "v2" });
    expect(created.headers.get("location")).toBe(`${sb.url}${SUBS}/${created.json.id}`);
    expect((await subs("POST", "", body)).status).toBe(409);
    for (const bad of [
      { ...body, url: undefined },
      { ...body, eventType: "CHANGE" },
      { ...body, objCode: "JRNLE" },
      { ...body, surprise: true },
      { ...body, authToken: "x".repeat(255) },
      { ...body, url: "ftp://x/y" },
      { ...body, filters: [{ type: "group", filters: [{ fieldName: "name", fieldValue: "x" }] }] },
    ])
      expect((await subs("POST", "", bad)).status, JSON.stringify(bad)).toBe(400);
    expect((await call(`${sb.url}${SUBS}`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } })).status).toBe(401);
  });

  it("is for System Administrators only", async () => {
    const jane = await session(DEMO_USER_USERNAME, DEMO_USER_PASSWORD);
    expect((await subs("GET", "", undefined, jane)).status).toBe(403);
  });

  it("lists in pages, masks the token and deletes", async () => {
    const ids = [];
    for (const objCode of ["PROJ", "TASK", "OPTASK"]) ids.push(await subscribe({ objCode, url: "http://127.0.0.1:9/hook" }));
    const page = (await subs("GET", "?page=2&limit=2")).json;
    expect(page.meta).toEqual({ page: 2, page_count: 2, limit: 2, total_count: 3 });
    expect(page.subscriptions.map((s: { id: string }) => s.id)).toEqual([ids[2]]);
    const one = (await subs("GET", `/${ids[0]}`)).json;
    expect(one).toMatchObject({ id: ids[0], objCode: "PROJ", eventType: "UPDATE", authToken: "****1234", version: "v2", subscription_url: { successes: 0, failures: 0 } });
    expect(one.date_created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
    const short = await subscribe({ objCode: "NOTE", url: "http://127.0.0.1:9/hook", authToken: "abcd1234" });
    expect((await subs("GET", `/${short}`)).json.authToken).toBe("********");
    expect((await subs("GET", "/list")).json[0]).toMatchObject({ id: ids[0], obj_code: "PROJ", event_type: "UPDATE", auth_token: "****1234" });
    const deleted = await subs("DELETE", `/${ids[0]}`);
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe("");
    expect((await subs("GET", `/${ids[0]}`)).status).toBe(404);
    expect((await subs("DELETE", `/${ids[0]}`)).status).toBe(404);
  });

  it("changes the version of one, several or all subscriptions", async () => {
    const a = await subscribe({ url: "http://127.0.0.1:9/a" });
    const b = await subscribe({ url: "http://127.0.0.1:9/b" });
    expect((await subs("PUT", `/${a}/version`, { version: "v1" })).json).toEqual({ id: a, version: "v1" });
    expect((await subs("GET", `/${a}`)).json.dateVersionUpdated).not.toBeNull();
    expect((await subs("PUT", `/${a}/version`, { version: "v3" })).status).toBe(400);
    expect((await subs("PUT", `/${"0".repeat(8)}-0000-0000-0000-${"0".repeat(12)}/version`, { version: "v1" })).status).toBe(404);
    expect((await subs("PUT", "/version", { subscriptionIds: [a, b], version: "v1" })).json).toEqual({ subscription_ids: [a, b], version: "v1" });
    expect((await subs("PUT", "/version", { allCustomerSubscriptions: true, version: "v2" })).json.subscription_ids.sort()).toEqual([a, b].sort());
  });
});

describe("deliveries", () => {
  it("POSTs v2 payloads with the authToken as a bearer token; v1 shows a one-value multi-select as a string", async () => {
    const v2 = await receiver();
    const v1 = await receiver();
    const v2Id = await subscribe({ url: v2.url });
    await subscribe({ url: v1.url, version: "v1" });
    await api.json("PUT", `/proj/${I.campaign}`, { name: "Spring Campaign 2" });
    await sb.deliveries.idle();
    expect(v2.received).toHaveLength(1);
    const { headers, body } = v2.received[0];
    expect(headers.authorization).toBe("Bearer token-for-tests-1234");
    expect(headers["content-type"]).toBe("application/json");
    expect(body).toMatchObject({ eventType: "UPDATE", subscriptionId: v2Id, eventVersion: "v2", subscriptionVersion: "v2" });
    expect(body.eventTime).toEqual({ nano: expect.any(Number), epochSecond: expect.any(Number) });
    expect(body.oldState.name).toBe("Spring Campaign");
    expect(body.newState).toMatchObject({ ID: I.campaign, objCode: "PROJ", name: "Spring Campaign 2", status: "PLN", sponsorID: null });
    expect(body.newState.lastUpdateDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/);
    expect(body.newState.parameterValues["DE:Channels"]).toEqual(["Email"]);
    expect(v1.received[0].body.newState.parameterValues["DE:Channels"]).toBe("Email");
    expect(v1.received[0].body.eventVersion).toBe("v1");
  });

  it("sends CREATE with an empty oldState and DELETE with an empty newState", async () => {
    const hook = await receiver();
    await subscribe({ objCode: "OPTASK", eventType: "CREATE", url: hook.url });
    await subscribe({ objCode: "OPTASK", eventType: "DELETE", url: hook.url });
    const id = (await api.json("POST", "/optask", { name: "Webhook me", projectID: I.website })).json.data.ID;
    await api.send("DELETE", `/optask/${id}`);
    await sb.deliveries.idle();
    const [created, deleted] = [...hook.received].sort((a, b) => (a.body.eventType === "CREATE" ? -1 : 1) - (b.body.eventType === "CREATE" ? -1 : 1));
    expect(created.body).toMatchObject({ eventType: "CREATE", oldState: {}, newState: { ID: id, name: "Webhook me" } });
    expect(deleted.body).toMatchObject({ eventType: "DELETE", newState: {}, oldState: { ID: id, name: "Webhook me" } });
  });

  it("applies filters, objId and group connectors; bad filters never match", async () => {
    const byStatus = await receiver();
    const byChange = await receiver();
    const byCustom = await receiver();
    const onlyWebsite = await receiver();
    const broken = await receiver();
    await subscribe({ url: byStatus.url, filters: [{ fieldName: "status", fieldValue: "CUR" }, { fieldName: "status", fieldValue: "CUR", state: "oldState", comparison: "ne" }] });
    await subscribe({ url: byChange.url, filters: [{ fieldName: "name", comparison: "changed" }] });
    await subscribe({
      url: byCustom.url,
      filters: [{ type: "group", connector: "OR", filters: [{ fieldName: "parameterValues", fieldValue: { "DE:Customer Tier": "Gold" } }, { fieldName: "DE:Channels", fieldValue: "Print", comparison: "contains" }] }],
    });
    await subscribe({ url: onlyWebsite.url, objId: I.website });
    await subscribe({ url: broken.url, filters: [{ fieldValue: "no fieldName" }] });
    await api.json("PUT", `/proj/${I.campaign}`, { status: "CUR" }); // status: yes; name: no; custom: no
    await api.json("PUT", `/proj/${I.campaign}`, { name: "Renamed", "DE:Channels": ["Print"] }); // status: no (was CUR); name: yes; custom: yes
    await api.json("PUT", `/proj/${I.website}`, { budget: 1 }); // custom (Gold): yes; website only: yes
    await sb.deliveries.idle();
    expect(byStatus.received.map((r) => r.body.newState.ID)).toEqual([I.campaign]);
    expect(byChange.received.map((r) => r.body.newState.name)).toEqual(["Renamed"]);
    expect(byCustom.received.map((r) => r.body.newState.ID).sort()).toEqual([I.campaign, I.website].sort());
    expect(onlyWebsite.received.map((r) => r.body.newState.ID)).toEqual([I.website]);
    expect(broken.received).toHaveLength(0);
  });

  it("base64-encodes the states when asked", async () => {
    const hook = await receiver();
    await subscribe({ url: hook.url, base64Encoding: true });
    await api.json("PUT", `/proj/${I.website}`, { name: "Encoded" });
    await sb.deliveries.idle();
    const state = JSON.parse(Buffer.from(hook.received[0].body.newState, "base64").toString("utf8"));
    expect(state.name).toBe("Encoded");
  });

  it("retries with growing gaps until the receiver answers 2xx, and counts successes and failures", async () => {
    const flaky = await receiver((n) => (n < 2 ? 500 : 200));
    const id = await subscribe({ url: flaky.url });
    await api.json("PUT", `/proj/${I.website}`, { name: "Retry me" });
    await sb.deliveries.idle();
    expect(flaky.received).toHaveLength(3);
    const gaps = [flaky.received[1].at - flaky.received[0].at, flaky.received[2].at - flaky.received[1].at];
    expect(gaps[0]).toBeGreaterThanOrEqual(55);
    expect(gaps[1]).toBeGreaterThanOrEqual(115);
    expect(flaky.received.every((r) => r.body.newState.name === "Retry me")).toBe(true);
    const record = sb.deliveries.list().at(-1);
    expect(record).toMatchObject({ state: "delivered", subscriptionId: id });
    expect(record?.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect((await subs("GET", `/${id}`)).json.subscription_url).toMatchObject({ successes: 1, failures: 2 });
  });

  it("gives up after the last retry, and counts a slow receiver as failed", async () => {
    const down = await receiver(() => 503);
    const slow = await receiver(() => 0);
    await subscribe({ url: down.url });
    await subscribe({ url: slow.url });
    await api.json("PUT", `/proj/${I.website}`, { name: "Nobody home" });
    await sb.deliveries.idle();
    expect(down.received).toHaveLength(3);
    const records = sb.deliveries.list();
    expect(records.find((r) => r.url === down.url)).toMatchObject({ state: "failed" });
    expect(records.find((r) => r.url === slow.url)?.attempts[0].error).toBe("timed out");
  });

  it("does not deliver payloads over 1 MB", async () => {
    const hook = await receiver();
    await subscribe({ url: hook.url });
    await api.json("PUT", `/proj/${I.website}`, { description: "x".repeat(1_100_000) });
    await api.json("PUT", `/proj/${I.website}`, { description: "small" }); // still too big: oldState holds the long text
    await api.json("PUT", `/proj/${I.website}`, { name: "After" });
    await sb.deliveries.idle();
    expect(hook.received.map((r) => r.body.newState.name)).toEqual(["After"]);
    const dropped = sb.deliveries.list().filter((r) => r.state === "dropped");
    expect(dropped).toHaveLength(2);
    expect(dropped.every((r) => r.bytes > 1_048_576 && r.attempts.length === 0)).toBe(true);
  });

  it("sends both formats for a while after a version change", async () => {
    const hook = await receiver();
    const id = await subscribe({ url: hook.url });
    await subs("PUT", `/${id}/version`, { version: "v1" });
    await api.json("PUT", `/proj/${I.campaign}`, { name: "Both" });
    await sb.deliveries.idle();
    expect(hook.received.map((r) => r.body.eventVersion).sort()).toEqual(["v1", "v2"]);
  });

  it("delivers nothing for writes that roll back", async () => {
    const hook = await receiver();
    await subscribe({ objCode: "OPTASK", eventType: "CREATE", url: hook.url });
    const create = (name: string, projectID?: string) => `/optask?method=POST&updates=${encodeURIComponent(JSON.stringify({ name, projectID }))}`;
    await api.form("POST", "/batch", { uri: [create("kept?", I.website), create("fails")], atomic: "true" });
    await api.json("POST", "/optask", { name: "real", projectID: I.website });
    await waitFor(() => hook.received.length >= 1);
    await sb.deliveries.idle();
    expect(hook.received.map((r) => r.body.newState.name)).toEqual(["real"]);
  });
});
