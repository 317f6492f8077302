import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConnectionTestError, type ConnectionTypeDefinition } from "@/lib/connections/define";
import { allowOutbound } from "@/lib/http";
import { sendJson, startTestServer, type TestServer } from "@/lib/http/testing";
import type { EngineModule } from "@/lib/engine/blueprint";
import { blueprint, outputsOf, run } from "@/lib/engine/testing";
import { httpApiKeyV1, httpBasicV1, httpOAuth2V1 } from "./connection";
import { memorySessionCache } from "./session";
import { connectionsResolver, oauthRoutes, oauthState, type OAuthServerState } from "./testing";

let server: TestServer;
let oauth: OAuthServerState = oauthState();
let disallow: () => void;

beforeAll(async () => {
  server = await startTestServer({
    ...oauthRoutes(() => oauth),
    "/verify": (req, res) =>
      req.headers.authorization === `Basic ${Buffer.from("ada:correct horse").toString("base64")}` || req.query.api_key === "key-0123456789"
        ? sendJson(res, 200, { ok: true })
        : sendJson(res, 401, { error: "bad credentials" }),
  });
  disallow = allowOutbound(`127.0.0.1:${server.port}`);
});
afterAll(async () => {
  disallow();
  await server.close();
});
afterEach(() => {
  oauth = oauthState();
});

const trigger: EngineModule = { id: 1, module: "flow:manualTrigger", version: 1 };
const call = (module: string, mapper: Record<string, unknown>, id = 2): EngineModule => ({ id, module, version: 1, connection: "conn_1", mapper });
const lastRequest = () => server.requests[server.requests.length - 1];

describe("http:makeBasicAuthRequest", () => {
  const connections = connectionsResolver({ conn_1: { type: "http-basic@1", values: { username: "ada", password: "correct horse" } } });

  it("sends the connection's credentials, replacing an Authorization header typed in the module", async () => {
    const result = await run(
      blueprint([trigger, call("http:makeBasicAuthRequest", { url: `${server.origin}/echo`, headers: [{ name: "Authorization", value: "Bearer typed" }] })], [[1, 2]]),
      { services: { connections } },
    );
    expect(result.status).toBe("success");
    expect(lastRequest().headers.authorization).toBe(`Basic ${Buffer.from("ada:correct horse").toString("base64")}`);
    // The echoed header sits under a secret-looking key: redacted in the log; the password never appears.
    const logText = JSON.stringify(result.log);
    expect(logText).not.toContain("correct horse");
    expect(logText).not.toContain(Buffer.from("ada:correct horse").toString("base64"));
  });

  it("fails clearly when the connection is incomplete, without showing its values", async () => {
    const broken = connectionsResolver({ conn_1: { type: "http-basic@1", values: { password: "correct horse" } } });
    const result = await run(blueprint([trigger, call("http:makeBasicAuthRequest", { url: `${server.origin}/echo` })], [[1, 2]]), {
      services: { connections: broken },
    });
    expect(result.error).toMatchObject({ type: "InvalidConfigurationError", message: expect.stringMatching(/^Connection conn_1 is incomplete \(username\)/) });
  });
});

describe("http:makeApiKeyRequest", () => {
  const withKey = (values: Record<string, unknown>) => connectionsResolver({ conn_1: { type: "http-apikey@1", values: { key: "key-0123456789", ...values } } });

  it("puts the key in the X-API-Key header by default, or under the name given", async () => {
    await run(blueprint([trigger, call("http:makeApiKeyRequest", { url: `${server.origin}/echo` })], [[1, 2]]), { services: { connections: withKey({}) } });
    expect(lastRequest().headers["x-api-key"]).toBe("key-0123456789");
    await run(blueprint([trigger, call("http:makeApiKeyRequest", { url: `${server.origin}/echo` })], [[1, 2]]), {
      services: { connections: withKey({ name: "X-Token" }) },
    });
    expect(lastRequest().headers["x-token"]).toBe("key-0123456789");
  });

  it("puts the key in the query string when placed there, and keeps it out of the log", async () => {
    const result = await run(
      blueprint([trigger, call("http:makeApiKeyRequest", { url: `${server.origin}/echo`, qs: [{ name: "q", value: "x" }] })], [[1, 2]]),
      { services: { connections: withKey({ placement: "query" }) } },
    );
    expect(lastRequest().query).toEqual({ q: "x", api_key: "key-0123456789" });
    expect(JSON.stringify(result.log)).not.toContain("key-0123456789");
  });
});

describe("http:makeOAuth2Request", () => {
  const clientCredentials = (extra: Record<string, unknown> = {}) => ({
    grantType: "client_credentials",
    tokenUri: `${server.origin}/oauth/token`,
    clientId: "patchbay-client",
    clientSecret: "client-secret-value",
    scope: "read write",
    ...extra,
  });
  const me = () => call("http:makeOAuth2Request", { url: `${server.origin}/api/me` });

  it("obtains a client-credentials token once and reuses it across modules and concurrent runs", async () => {
    const session = memorySessionCache();
    const connections = connectionsResolver({ conn_1: { type: "http-oauth2@1", values: clientCredentials(), session } });
    const two = blueprint([trigger, me(), { ...me(), id: 3 }], [[1, 2], [2, 3]]);
    const results = await Promise.all([run(two, { services: { connections } }), run(two, { services: { connections } }), run(two, { services: { connections } })]);
    expect(results.map((r) => r.status)).toEqual(["success", "success", "success"]);
    expect(oauth.tokenRequests).toEqual([{ grant_type: "client_credentials", scope: "read write", client_id: "patchbay-client", client_secret: "client-secret-value" }]);
    expect(oauth.apiRequests).toBe(6);
    expect(outputsOf(results[0], 2)[0]).toMatchObject({ statusCode: 200, body: { user: "ada" } });
  });

  it("sends the client secret in a Basic header when configured so", async () => {
    const connections = connectionsResolver({ conn_1: { type: "http-oauth2@1", values: clientCredentials({ clientAuthentication: "basic" }) } });
    expect((await run(blueprint([trigger, me()], [[1, 2]]), { services: { connections } })).status).toBe("success");
    expect(server.requests.findLast((r) => r.path === "/oauth/token")?.headers.authorization).toMatch(/^Basic /);
  });

  it("renews the token once on a 401 and retries; a second 401 is an error", async () => {
    const session = memorySessionCache();
    const connections = connectionsResolver({ conn_1: { type: "http-oauth2@1", values: clientCredentials(), session } });
    expect((await run(blueprint([trigger, me()], [[1, 2]]), { services: { connections } })).status).toBe("success");
    oauth.valid.clear(); // the provider revokes every token
    const renewed = await run(blueprint([trigger, me()], [[1, 2]]), { services: { connections } });
    expect(renewed.status).toBe("success");
    expect(oauth.tokenRequests).toHaveLength(2);

    const apiBefore = oauth.apiRequests;
    const alwaysRejected = connectionsResolver({
      conn_1: { type: "http-oauth2@1", values: clientCredentials(), session: memorySessionCache() },
    });
    const failing = await run(blueprint([trigger, call("http:makeOAuth2Request", { url: `${server.origin}/status/401` })], [[1, 2]]), {
      services: { connections: alwaysRejected },
    });
    expect(failing.error?.type).toBe("InvalidAccessTokenError");
    expect(server.requests.filter((r) => r.path === "/status/401")).toHaveLength(2);
    expect(oauth.apiRequests).toBe(apiBefore);
  });

  it("refreshes with the stored refresh token and keeps the rotated one for next time", async () => {
    oauth = oauthState({ rotateRefreshTokens: true, expiresIn: 30 }); // shorter than the safety margin: every use refreshes
    const session = memorySessionCache();
    const values = { ...clientCredentials(), grantType: "authorization_code", refreshToken: "refresh-token-1" };
    const connections = connectionsResolver({ conn_1: { type: "http-oauth2@1", values, session } });
    for (let i = 0; i < 3; i++) expect((await run(blueprint([trigger, me()], [[1, 2]]), { services: { connections } })).status).toBe("success");
    expect(oauth.tokenRequests.map((r) => `${r.grant_type}:${r.refresh_token}`)).toEqual([
      "refresh_token:refresh-token-1",
      "refresh_token:refresh-token-2",
      "refresh_token:refresh-token-3",
    ]);
  });

  it("says what to do when the connection is not authorized or the provider refuses it", async () => {
    const notAuthorized = connectionsResolver({ conn_1: { type: "http-oauth2@1", values: { ...clientCredentials(), grantType: "authorization_code" } } });
    const first = await run(blueprint([trigger, me()], [[1, 2]]), { services: { connections: notAuthorized } });
    expect(first.error).toMatchObject({ type: "InvalidConfigurationError", message: "The connection has not been authorized yet: open it and click Authorize." });

    const wrongSecret = connectionsResolver({ conn_1: { type: "http-oauth2@1", values: clientCredentials({ clientSecret: "nope-nope" }) } });
    const second = await run(blueprint([trigger, me()], [[1, 2]]), { services: { connections: wrongSecret } });
    expect(second.error).toMatchObject({
      type: "InvalidAccessTokenError",
      message: `The token endpoint 127.0.0.1:${server.port} refused (401): invalid_client: Unknown client or wrong secret. Reauthorize or fix the connection.`,
    });
  });
});

describe("connection types", () => {
  const verify = (type: ConnectionTypeDefinition, values: Record<string, unknown>) =>
    type.verify!({ values, session: memorySessionCache(), signal: new AbortController().signal });

  it("Basic and API key: GET the verification URL and report the remote refusal verbatim", async () => {
    await expect(verify(httpBasicV1, { username: "ada", password: "correct horse", verifyUrl: `${server.origin}/verify` })).resolves.toEqual({
      message: `127.0.0.1:${server.port} accepted the credentials (200).`,
    });
    const refused = await verify(httpBasicV1, { username: "ada", password: "wrong", verifyUrl: `${server.origin}/verify` }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConnectionTestError);
    expect(refused).toMatchObject({ status: 401, remote: '{"error":"bad credentials"}', message: `127.0.0.1:${server.port} answered 401 Unauthorized.` });
    await expect(verify(httpApiKeyV1, { key: "key-0123456789", placement: "query", verifyUrl: `${server.origin}/verify` })).resolves.toMatchObject({
      message: expect.stringContaining("accepted"),
    });
    await expect(verify(httpApiKeyV1, { key: "key-0123456789" })).resolves.toEqual({
      message: "Saved. No verification URL is set, so the credentials are checked on first use.",
    });
  });

  it("OAuth2: verify obtains a token; the redirect flow builds the authorize URL and exchanges the code", async () => {
    const values = {
      grantType: "authorization_code",
      authorizeUri: "https://login.example.test/authorize?prompt=consent",
      tokenUri: `${server.origin}/oauth/token`,
      clientId: "patchbay-client",
      clientSecret: "client-secret-value",
      scope: "read write",
    };
    const url = new URL(httpOAuth2V1.oauth2!.authorizationUrl(values, { redirectUri: "https://patchbay.test/oauth/cb", state: "st-1" }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      prompt: "consent",
      response_type: "code",
      client_id: "patchbay-client",
      redirect_uri: "https://patchbay.test/oauth/cb",
      scope: "read write",
      state: "st-1",
    });
    const tokens = await httpOAuth2V1.oauth2!.exchangeCode(values, { code: "code-1", redirectUri: "https://patchbay.test/oauth/cb", signal: new AbortController().signal });
    expect(tokens).toMatchObject({ accessToken: expect.stringMatching(/^at-/), refreshToken: "refresh-token-1", expiresAt: expect.any(Date) });
    expect(oauth.tokenRequests[0]).toMatchObject({ grant_type: "authorization_code", code: "code-1", redirect_uri: "https://patchbay.test/oauth/cb" });

    await expect(verify(httpOAuth2V1, { ...values, grantType: "client_credentials" })).resolves.toEqual({
      message: `Obtained an access token from 127.0.0.1:${server.port}.`,
    });
    await expect(verify(httpOAuth2V1, { ...values, refreshToken: "refresh-token-1" })).resolves.toMatchObject({ message: expect.stringContaining("Refreshed") });
    await expect(verify(httpOAuth2V1, { ...values, clientSecret: "wrong-secret" , grantType: "client_credentials" })).rejects.toMatchObject({
      name: "ConnectionTestError",
      status: 401,
    });
  });
});
