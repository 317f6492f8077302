import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, DEMO_API_KEY, DEMO_OAUTH_CLIENT_ID, DEMO_OAUTH_CLIENT_SECRET, DEMO_USER_PASSWORD, DEMO_USER_USERNAME,
  SEED_IDS as I, startWorkfrontSandbox,
} from "./index";
import { call, restClient } from "./testkit";

type Sandbox = Awaited<ReturnType<typeof startWorkfrontSandbox>>;
let sb: Sandbox;
let clock = Date.parse("2026-06-01T12:00:00Z");
const advance = (ms: number) => (clock += ms);

beforeAll(async () => {
  sb = await startWorkfrontSandbox({ now: () => new Date(clock), sessionTtlMs: 1_000, oauth: { accessTokenTtlMs: 5_000 } });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const prefix = () => `${sb.url}/attask/api/v21.0`;

async function login(username: string, password: string) {
  return call(`${prefix()}/login`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ username, password }).toString() });
}

describe("login, sessions and logout", () => {
  it("logs in with username/password and accepts the sessionID as header, query or form field", async () => {
    const reply = await login(DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD);
    const { userID, sessionID, versionInformation } = reply.json.data;
    expect(userID).toBe(I.admin);
    expect(sessionID).toMatch(/^[0-9a-f]{32}$/);
    expect(versionInformation.apiVersions["v21.0"]).toBe("/attask/api/v21.0/");
    expect(versionInformation.apiVersions["v15.0"]).toBeUndefined();
    expect(reply.headers.get("set-cookie")).toContain(`attask=${sessionID}`);
    expect((await call(`${prefix()}/proj/${I.website}`, { headers: { SessionID: sessionID } })).json.data.ID).toBe(I.website);
    expect((await call(`${prefix()}/proj/${I.website}?sessionID=${sessionID}`)).json.data.ID).toBe(I.website);
    const form = await call(`${prefix()}/proj/${I.website}`, { method: "PUT", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: `sessionID=${sessionID}&name=Renamed` });
    expect(form.json.data.name).toBe("Renamed");
  });

  it("refuses wrong passwords and inactive users with AuthenticationException", async () => {
    for (const [u, p] of [[DEMO_ADMIN_USERNAME, "nope"], ["ivan@patchbay.test", DEMO_USER_PASSWORD], ["nobody@x", "x"]]) {
      const reply = await login(u, p);
      expect(reply.status).toBe(401);
      expect(reply.json.error.class).toBe("com.attask.common.AuthenticationException");
      expect(reply.json.error.message).toMatch(/^That username\/password combination wasn't quite right/);
    }
    expect((await call(`${prefix()}/proj/search`)).json.error.message).toBe("You are not currently logged in");
  });

  it("reads with the session cookie but does not write with it", async () => {
    const { sessionID } = (await login(DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD)).json.data;
    const cookie = { Cookie: `attask=${sessionID}` };
    expect((await call(`${prefix()}/proj/count`, { headers: cookie })).json.data.count).toBe(4);
    expect((await call(`${prefix()}/proj/${I.website}?name=x`, { method: "PUT", headers: cookie })).status).toBe(401);
  });

  it("logs out: the session stops working", async () => {
    const { sessionID } = (await login(DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD)).json.data;
    expect((await call(`${prefix()}/logout?sessionID=${sessionID}`)).json).toEqual({ data: { success: true } });
    expect((await call(`${prefix()}/proj/count`, { headers: { sessionID } })).status).toBe(401);
  });

  it("expires idle sessions; activity keeps them alive", async () => {
    const { sessionID } = (await login(DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD)).json.data;
    const use = () => call(`${prefix()}/proj/count`, { headers: { sessionID } });
    advance(900);
    expect((await use()).status).toBe(200);
    advance(900);
    expect((await use()).status).toBe(200);
    advance(1_100);
    const expired = await use();
    expect(expired.status).toBe(401);
    expect(expired.json.error).toMatchObject({ class: "com.attask.common.AuthenticationException", message: "Your session has expired. Please log in again." });
  });
});

describe("API keys", () => {
  const keyAction = (action: string, username: string, password: string) =>
    call(`${prefix()}/user?action=${action}&username=${encodeURIComponent(username)}&password=${encodeURIComponent(password)}&method=put`, { method: "PUT" });

  it("gets, generates and clears keys with username/password, as the docs show", async () => {
    expect((await keyAction("getApiKey", DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD)).json).toEqual({ data: { result: DEMO_API_KEY } });
    expect((await keyAction("getApiKey", DEMO_USER_USERNAME, DEMO_USER_PASSWORD)).json.data.result).toBe("");
    const key = (await keyAction("generateApiKey", DEMO_USER_USERNAME, DEMO_USER_PASSWORD)).json.data.result;
    expect(key).toMatch(/^[a-z0-9]{32}$/);
    expect((await call(`${prefix()}/user/${I.jane}?apiKey=${key}`)).json.data.name).toBe("Jane Doe");
    expect((await call(`${prefix()}/user/${I.jane}`, { headers: { apiKey: key } })).status).toBe(200);
    const form = await call(`${prefix()}/proj/${I.website}`, { method: "PUT", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: `apiKey=${key}&name=Renamed+by+key` });
    expect(form.json.data).toMatchObject({ ID: I.website, name: "Renamed by key" });
    expect(sb.store.get("PROJ", I.website)?.fields.lastUpdatedByID).toBe(I.jane);
    expect((await keyAction("clearApiKey", DEMO_USER_USERNAME, DEMO_USER_PASSWORD)).json.data.result).toBe(true);
    expect((await call(`${prefix()}/user/${I.jane}`, { headers: { apiKey: key } })).json.error.message).toBe("Invalid API key");
    expect((await keyAction("getApiKey", DEMO_USER_USERNAME, "wrong")).status).toBe(401);
  });

  it("clears the caller's own key without username/password (WF-JS clearApiKey)", async () => {
    const cleared = await call(`${prefix()}/user?action=clearApiKey&method=PUT`, { method: "POST", headers: { apiKey: DEMO_API_KEY } });
    expect(cleared.json.data.result).toBe(true);
    expect((await call(`${prefix()}/proj/count`, { headers: { apiKey: DEMO_API_KEY } })).status).toBe(401);
  });

  it("lets only System Administrators change users and custom forms", async () => {
    const key = (await keyAction("generateApiKey", DEMO_USER_USERNAME, DEMO_USER_PASSWORD)).json.data.result;
    const jane = restClient(sb.url, { headers: { apiKey: key } });
    const refused = await jane.json("POST", "/user", { firstName: "New", lastName: "Person", emailAddr: "new@x.test" });
    expect(refused.status).toBe(403);
    expect(refused.json.error.class).toBe("com.attask.common.SecurityException");
    expect((await jane.json("POST", "/task", { name: "Mine", projectID: I.website })).status).toBe(200);
  });
});

describe("OAuth2", () => {
  const redirectUri = "http://127.0.0.1:9/callback";
  const authorizeUrl = (extra = "") => `${sb.url}/integrations/oauth2/authorize?client_id=${DEMO_OAUTH_CLIENT_ID}&redirect_uri=${encodeURIComponent(redirectUri)}&response_type=code${extra}`;
  const consent = (decision: string, state = "xyz") =>
    call(`${sb.url}/integrations/oauth2/authorize`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: DEMO_OAUTH_CLIENT_ID, redirect_uri: redirectUri, response_type: "code", state, userID: I.jane, decision }).toString(),
    });
  const basic = `Basic ${Buffer.from(`${DEMO_OAUTH_CLIENT_ID}:${DEMO_OAUTH_CLIENT_SECRET}`).toString("base64")}`;
  const token = (body: Record<string, string>, json = true) =>
    call(`${sb.url}/integrations/oauth2/api/v1/token`, {
      method: "POST",
      headers: json ? { Authorization: basic, "Content-Type": "application/json" } : { "Content-Type": "application/x-www-form-urlencoded" },
      body: json ? JSON.stringify(body) : new URLSearchParams({ ...body, client_id: DEMO_OAUTH_CLIENT_ID, client_secret: DEMO_OAUTH_CLIENT_SECRET }).toString(),
    });
  const codeFrom = (location: string | null) => new URL(location ?? "").searchParams;

  it("shows a consent page (escaped) with an Allow button", async () => {
    const page = await call(authorizeUrl(`&state=${encodeURIComponent('"><script>x</script>')}`));
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="allow"');
    expect(page.text).not.toContain("<script>x");
    expect(page.text).toContain("&quot;&gt;&lt;script&gt;");
    expect((await call(`${sb.url}/integrations/oauth2/authorize?client_id=evil&redirect_uri=${encodeURIComponent(redirectUri)}&response_type=code`)).status).toBe(400);
  });

  it("exchanges a code for a sessionID token, then refreshes it (rotating the refresh token)", async () => {
    const allowed = await consent("allow");
    expect(allowed.status).toBe(302);
    const params = codeFrom(allowed.headers.get("location"));
    expect(params.get("state")).toBe("xyz");
    const code = params.get("code") ?? "";
    const tokens = (await token({ grant_type: "authorization_code", code, redirect_uri: redirectUri })).json;
    expect(tokens).toMatchObject({ token_type: "sessionID", expires_in: 5, wid: expect.any(String) });
    expect((await call(`${prefix()}/user/${I.jane}`, { headers: { sessionID: tokens.access_token } })).json.data.ID).toBe(I.jane);
    expect((await token({ grant_type: "authorization_code", code, redirect_uri: redirectUri })).json.error).toBe("invalid_grant");
    const refreshed = (await token({ grant_type: "refresh_token", refresh_token: tokens.refresh_token }, false)).json;
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect((await call(`${prefix()}/proj/count`, { headers: { sessionID: refreshed.access_token } })).status).toBe(200);
    expect((await token({ grant_type: "refresh_token", refresh_token: tokens.refresh_token })).json.error).toBe("invalid_grant");
  });

  it("ends access tokens after their lifetime and codes after 2 minutes", async () => {
    const first = codeFrom((await consent("allow")).headers.get("location")).get("code") ?? "";
    const tokens = (await token({ grant_type: "authorization_code", code: first, redirect_uri: redirectUri })).json;
    for (let i = 0; i < 6; i++) advance(900); // active, but past the 5 s token lifetime
    expect((await call(`${prefix()}/proj/count`, { headers: { sessionID: tokens.access_token } })).status).toBe(401);
    const late = codeFrom((await consent("allow")).headers.get("location")).get("code") ?? "";
    advance(121_000);
    expect((await token({ grant_type: "authorization_code", code: late, redirect_uri: redirectUri })).json.error).toBe("invalid_grant");
  });

  it("redirects a denial with error=access_denied and refuses bad clients, redirect URIs and grants", async () => {
    expect(codeFrom((await consent("deny")).headers.get("location")).get("error")).toBe("access_denied");
    const code = codeFrom((await consent("allow")).headers.get("location")).get("code") ?? "";
    expect((await token({ grant_type: "authorization_code", code, redirect_uri: "http://elsewhere/" })).json.error).toBe("invalid_grant");
    const badClient = await call(`${sb.url}/integrations/oauth2/api/v1/token`, { method: "POST", headers: { Authorization: `Basic ${Buffer.from("x:y").toString("base64")}`, "Content-Type": "application/json" }, body: JSON.stringify({ grant_type: "authorization_code", code }) });
    expect(badClient.status).toBe(401);
    expect(badClient.json.error).toBe("invalid_client");
    expect((await token({ grant_type: "password" })).json.error).toBe("unsupported_grant_type");
  });
});
