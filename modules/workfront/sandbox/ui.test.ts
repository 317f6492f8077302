import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, DEMO_API_KEY, DEMO_USER_PASSWORD, DEMO_USER_USERNAME, SEED_IDS as I, startWorkfrontSandbox } from "./index";
import { call, startReceiver } from "./testkit";

type Sandbox = Awaited<ReturnType<typeof startWorkfrontSandbox>>;
let sb: Sandbox;
const origin = () => new URL(sb.url).origin;

beforeAll(async () => {
  sb = await startWorkfrontSandbox({ basePath: "/sandbox/workfront/" });
});
afterAll(() => sb.close());
afterEach(() => sb.reset());

const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  call(`${sb.url}${path}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin(), ...headers }, body: new URLSearchParams(form).toString() });

describe("mounted under a base path", () => {
  it("serves the API under the base path and leaves other paths to the host app", async () => {
    expect(sb.url).toMatch(/\/sandbox\/workfront$/);
    expect((await call(`${sb.url}/attask/api/v21.0/proj/count`, { headers: { apiKey: DEMO_API_KEY } })).json.data.count).toBe(4);
    const elsewhere = await call(`${origin()}/attask/api/v21.0/proj/count`);
    expect(elsewhere.text).toBe("Not found"); // the host's 404, not the sandbox's
    expect((await call(`${sb.url}/nothing-here`)).text).toBe("Not found in the Workfront sandbox");
  });
});

describe("HTML pages", () => {
  it("lists projects, tasks and issues with everything escaped", async () => {
    sb.store.create("TASK", { name: `<script>alert("x")</script>`, projectID: I.website });
    const page = await call(`${sb.url}/`);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.text).toContain("Website Relaunch");
    expect(page.text).toContain("Broken link on homepage");
    expect(page.text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(page.text).not.toContain("<script>");
    expect(page.text).toContain(`href="/sandbox/workfront/ui/TASK/${I.launchTask}"`);
  });

  it("edits name, status, percent complete and a DE: field by form, which fires an event", async () => {
    const hook = await startReceiver();
    try {
      const login = await call(`${sb.url}/attask/api/v21.0/login?username=${DEMO_ADMIN_USERNAME}&password=${DEMO_ADMIN_PASSWORD}`, { method: "POST" });
      await call(`${sb.url}/attask/eventsubscription/api/v1/subscriptions`, {
        method: "POST",
        headers: { sessionID: login.json.data.sessionID, "Content-Type": "application/json" },
        body: JSON.stringify({ objCode: "PROJ", eventType: "UPDATE", url: hook.url, authToken: "ui-token-0001" }),
      });
      const detail = await call(`${sb.url}/ui/PROJ/${I.campaign}`);
      expect(detail.text).toContain('<option value="Channels">');
      const saved = await post(`/ui/PROJ/${I.campaign}`, { name: "Spring, edited", status: "CUR", percentComplete: "25", deField: "Channels", deValue: "Web, Print" });
      expect(saved.status).toBe(303);
      expect(saved.headers.get("location")).toBe(`/sandbox/workfront/ui/PROJ/${I.campaign}`);
      const row = sb.store.get("PROJ", I.campaign);
      expect(row?.fields).toMatchObject({ name: "Spring, edited", status: "CUR", percentComplete: 25, lastUpdatedByID: I.admin });
      expect(row?.custom.Channels).toEqual(["Web", "Print"]);
      await sb.deliveries.idle();
      expect(hook.received[0].body.newState).toMatchObject({ name: "Spring, edited", parameterValues: { "DE:Channels": ["Web", "Print"] } });
    } finally {
      await hook.close();
    }
  });

  it("adds a note to a record", async () => {
    expect((await post(`/ui/TASK/${I.launchTask}/notes`, { noteText: "Ready <soon>" })).status).toBe(303);
    expect(sb.store.find("NOTE", (n) => n.fields.objID === I.launchTask)[0]?.fields).toMatchObject({ noteText: "Ready <soon>", noteObjCode: "TASK", ownerID: I.admin });
    expect((await call(`${sb.url}/ui/TASK/${I.launchTask}`)).text).toContain("Ready &lt;soon&gt;");
  });

  it("shows validation errors on the page and refuses cross-site posts", async () => {
    const bad = await post(`/ui/OPTASK/${I.linkIssue}`, { percentComplete: "lots" });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("Invalid value &#39;lots&#39; for field percentComplete");
    const forged = await post(`/ui/OPTASK/${I.linkIssue}`, { name: "pwned" }, { Origin: "http://evil.example" });
    expect(forged.status).toBe(403);
    expect(sb.store.get("OPTASK", I.linkIssue)?.fields.name).toBe("Broken link on homepage");
    expect((await call(`${sb.url}/ui/PROJ/${"0".repeat(32)}`)).status).toBe(404);
  });
});

describe("connecting Patchbay", () => {
  it("the home page gives the host to type in, the demo API key, the logins and the OAuth2 client", async () => {
    const home = (await call(`${sb.url}/`)).text;
    expect(home).toContain(`<code data-testid="sandbox-host">${sb.url}</code>`);
    expect(home).toContain(`<code data-testid="demo-api-key">${DEMO_API_KEY}</code>`);
    expect(home).toContain(DEMO_ADMIN_USERNAME);
    expect(home).toContain("patchbay-demo-client");
  });

  it("shows a user's API key for their username and password, one that works, and the same one next time", async () => {
    const shown = await post("/ui/api-key", { username: DEMO_USER_USERNAME, password: DEMO_USER_PASSWORD });
    expect(shown.status).toBe(200);
    const key = /data-testid="api-key">([^<]+)</.exec(shown.text)?.[1] ?? "";
    expect(key).toMatch(/^[a-z0-9]{32}$/);
    expect(key).not.toBe(DEMO_API_KEY);
    const me = await call(`${sb.url}/attask/api/v21.0/user/search?ID=$$USER&fields=username`, { headers: { apiKey: key } });
    expect(me.json.data[0].username).toBe(DEMO_USER_USERNAME);
    expect((await post("/ui/api-key", { username: DEMO_USER_USERNAME, password: DEMO_USER_PASSWORD })).text).toContain(key);
    expect((await post("/ui/api-key", { username: DEMO_ADMIN_USERNAME, password: DEMO_ADMIN_PASSWORD })).text).toContain(DEMO_API_KEY);
  });

  it("refuses a wrong password with Workfront's message, and posts from another site", async () => {
    const wrong = await post("/ui/api-key", { username: DEMO_USER_USERNAME, password: "nope" });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain("That username/password combination wasn&#39;t quite right.");
    expect(wrong.text).not.toContain('data-testid="api-key"');
    expect((await post("/ui/api-key", { username: DEMO_USER_USERNAME, password: DEMO_USER_PASSWORD }, { Origin: "http://evil.example" })).status).toBe(403);
  });
});

describe("reset", () => {
  it("puts the seed back and forgets sessions, generated keys, subscriptions and deliveries", async () => {
    const shown = await post("/ui/api-key", { username: DEMO_USER_USERNAME, password: DEMO_USER_PASSWORD });
    const key = /data-testid="api-key">([^<]+)</.exec(shown.text)?.[1] ?? "";
    const hook = await startReceiver();
    try {
      await call(`${sb.url}/attask/eventsubscription/api/v1/subscriptions`, {
        method: "POST",
        headers: { authorization: DEMO_API_KEY, "Content-Type": "application/json" },
        body: JSON.stringify({ objCode: "TASK", eventType: "UPDATE", url: hook.url, authToken: "reset-token-01" }),
      });
      sb.store.edit("TASK", I.launchTask, { name: "Changed before the reset" });
      const extra = sb.store.create("TASK", { name: "Made before the reset", projectID: I.website }).ID;
      await sb.deliveries.idle();
      expect(sb.deliveries.list()).toHaveLength(1);

      sb.reset();
      expect(sb.store.get("TASK", I.launchTask)?.fields.name).not.toBe("Changed before the reset");
      expect(sb.store.get("TASK", extra)).toBeUndefined();
      expect(sb.deliveries.list()).toEqual([]);
      const list = await call(`${sb.url}/attask/eventsubscription/api/v1/subscriptions`, { headers: { authorization: DEMO_API_KEY } });
      expect(list.json.subscriptions).toEqual([]);
      expect((await call(`${sb.url}/attask/api/v21.0/user/search?ID=$$USER`, { headers: { apiKey: key } })).status).toBe(401);
      expect((await call(`${sb.url}/attask/api/v21.0/user/search?ID=$$USER`, { headers: { apiKey: DEMO_API_KEY } })).status).toBe(200);
      sb.store.edit("TASK", I.launchTask, { name: "After the reset" });
      await sb.deliveries.idle();
      expect(hook.received).toHaveLength(1); // only the delivery from before the reset
    } finally {
      await hook.close();
    }
  });
});
