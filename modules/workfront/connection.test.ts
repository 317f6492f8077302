import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectionTestError } from "@/lib/connections/define";
import type { EngineModule } from "@/lib/engine/blueprint";
import { blueprint, outputsOf, run } from "@/lib/engine/testing";
import { memorySessionCache } from "@/modules/http/session";
import { connectionTypes } from "@/modules/connection-types";
import { workfrontApiKeyV2, workfrontOAuth2V3, workfrontPasswordV1 } from "./connection";
import { DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, DEMO_OAUTH_CLIENT_ID, DEMO_OAUTH_CLIENT_SECRET, SEED_IDS } from "./sandbox";
import { apiKeyValues, authorizeOAuth, countingSessionCache, passwordValues, resolver, startTestSandbox, type TestSandbox } from "./testing";

let clock = Date.parse("2026-06-01T15:00:00Z");
let sb: TestSandbox;

beforeAll(async () => {
  // A clock the test moves: sessions idle out after 1 s, OAuth access tokens after 1 min.
  sb = await startTestSandbox({ removedVersions: [], now: () => new Date(clock), sessionTtlMs: 1_000, oauth: { accessTokenTtlMs: 60_000 } });
});
afterAll(async () => {
  await sb.close();
});

const verify = (type: typeof workfrontPasswordV1, values: Record<string, unknown>, session = memorySessionCache()) =>
  type.verify!({ values, session, signal: AbortSignal.timeout(5_000) });

describe("connection types", () => {
  it("registers workfront@1 (deprecated), @2 and @3 with the app", () => {
    expect(["workfront@1", "workfront@2", "workfront@3"].map((id) => connectionTypes.get(id))).toEqual([workfrontPasswordV1, workfrontApiKeyV2, workfrontOAuth2V3]);
    expect([workfrontPasswordV1.id, workfrontApiKeyV2.id, workfrontOAuth2V3.id]).toEqual(["workfront@1", "workfront@2", "workfront@3"]);
    expect(workfrontPasswordV1.deprecated?.reason).toContain("workfront@2");
    const secrets = (t: typeof workfrontPasswordV1) => t.fields.filter((f) => f.sensitive).map((f) => f.name);
    expect([secrets(workfrontPasswordV1), secrets(workfrontApiKeyV2), secrets(workfrontOAuth2V3)]).toEqual([["password"], ["apiKey"], ["clientSecret", "refreshToken"]]);
  });

  it("verify: says who the credentials act as", async () => {
    expect(await verify(workfrontPasswordV1, passwordValues(sb))).toEqual({ message: `Connected to ${new URL(sb.url).host} as Alex Admin (${DEMO_ADMIN_USERNAME}).` });
    expect((await verify(workfrontApiKeyV2, apiKeyValues(sb))).message).toContain("as Alex Admin");
    expect((await verify(workfrontOAuth2V3, await authorizeOAuth(sb, SEED_IDS.jane))).message).toContain("as Jane Doe");
  });

  it("verify: throws Workfront's own message verbatim", async () => {
    const badPassword = await verify(workfrontPasswordV1, passwordValues(sb, { password: "wrong" })).catch((e) => e);
    expect(badPassword).toBeInstanceOf(ConnectionTestError);
    expect(badPassword.remote).toBe("That username/password combination wasn't quite right. Please try again.");
    const badKey = await verify(workfrontApiKeyV2, apiKeyValues(sb, { apiKey: "nope" })).catch((e) => e);
    expect(badKey).toMatchObject({ remote: "Invalid API key", status: 401 });
    const notAuthorized = await verify(workfrontOAuth2V3, { host: sb.url, clientId: DEMO_OAUTH_CLIENT_ID, clientSecret: DEMO_OAUTH_CLIENT_SECRET }).catch((e) => e);
    expect(notAuthorized).toBeInstanceOf(ConnectionTestError);
    expect(notAuthorized.message).toContain("not been authorized yet");
    const badSecret = await verify(workfrontOAuth2V3, { ...(await authorizeOAuth(sb)), clientSecret: "wrong" }).catch((e) => e);
    expect(badSecret).toMatchObject({ status: 401, remote: expect.stringContaining("invalid_client") });
    const incomplete = await verify(workfrontApiKeyV2, { host: "" }).catch((e) => e);
    expect(incomplete.message).toBe("The host is missing.");
  });

  it("OAuth2: sends the admin to Workfront's authorize page with the client, redirect URI and state", () => {
    const url = new URL(workfrontOAuth2V3.oauth2!.authorizationUrl({ host: `${sb.url}/`, clientId: "cid", clientSecret: "s" }, { redirectUri: "https://patchbay.test/cb", state: "st-1" }));
    expect(`${url.origin}${url.pathname}`).toBe(`${sb.url}/integrations/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: "cid", redirect_uri: "https://patchbay.test/cb", response_type: "code", state: "st-1" });
  });
});

describe("expired sessions and tokens", () => {
  const trigger: EngineModule = { id: 1, module: "flow:manualTrigger", version: 1 };
  const read = (version: number) =>
    blueprint([trigger, { id: 2, module: "workfront:readRecord", version, connection: "c", params: { objCode: "PROJ" }, mapper: { id: SEED_IDS.website } }], [[1, 2]]);

  it("workfront@1: an expired session means exactly one new login, then the call is retried", async () => {
    const session = countingSessionCache();
    const connections = resolver({ c: { type: "workfront@1", values: passwordValues(sb), session } });
    expect((await run(read(1), { services: { connections } })).error).toBeNull();
    expect(session.fetches).toEqual({ "wf:session": 1 });
    expect((await run(read(1), { services: { connections } })).error).toBeNull();
    expect(session.fetches).toEqual({ "wf:session": 1 }); // the session is reused while it lives
    clock += 5_000; // idle past the sandbox's 1 s timeout
    const again = await run(read(1), { services: { connections } });
    expect(again.error).toBeNull();
    expect(outputsOf(again, 2)[0]).toMatchObject({ ID: SEED_IDS.website });
    expect(session.fetches).toEqual({ "wf:session": 2 });
  });

  it("workfront@1: an expired session answered with HTTP 200 (as some servers do) is renewed the same way", async () => {
    let ownClock = clock;
    const quirky = await startTestSandbox({ removedVersions: [], errorsWithHttp200: true, now: () => new Date(ownClock), sessionTtlMs: 1_000 });
    try {
      const session = countingSessionCache();
      const connections = resolver({ c: { type: "workfront@1", values: passwordValues(quirky), session } });
      expect((await run(read(1), { services: { connections } })).error).toBeNull();
      ownClock += 5_000;
      const again = await run(read(1), { services: { connections } });
      expect(again.error).toBeNull();
      expect(session.fetches).toEqual({ "wf:session": 2 });
      const missing = await run(
        blueprint([trigger, { id: 2, module: "workfront:readRecord", version: 1, connection: "c", params: { objCode: "PROJ" }, mapper: { id: "0".repeat(32) } }], [[1, 2]]),
        { services: { connections } },
      );
      expect(missing.error).toMatchObject({ type: "DataError", message: expect.stringContaining("could not be found [NotFoundException]") });
    } finally {
      await quirky.close();
    }
  });

  it("workfront@1: when the new login fails too, the run fails after that one attempt", async () => {
    const session = countingSessionCache();
    const values = passwordValues(sb, { username: "sam.lee@patchbay.test", password: DEMO_ADMIN_PASSWORD.replace("admin", "user") });
    const connections = resolver({ c: { type: "workfront@1", values, session } });
    expect((await run(read(1), { services: { connections } })).error).toBeNull();
    sb.store.edit("USER", SEED_IDS.sam, { password: "changed-meanwhile" });
    clock += 5_000;
    const failed = await run(read(1), { services: { connections } });
    expect(failed.error).toMatchObject({ type: "InvalidAccessTokenError", message: expect.stringContaining("username/password combination") });
    expect(session.fetches).toEqual({ "wf:session": 2 });
  });

  it("concurrent runs on an expired session or token renew it once between them, not once each", async () => {
    for (const [type, version, kind] of [
      ["workfront@1", 1, "wf:session"],
      ["workfront@3", 2, "wf:accessToken"],
    ] as const) {
      const session = countingSessionCache();
      const values = type === "workfront@1" ? passwordValues(sb) : await authorizeOAuth(sb);
      const connections = resolver({ c: { type, values, session } });
      expect((await run(read(version), { services: { connections } })).error).toBeNull();
      clock += 120_000; // past the session's idle timeout and the access token's lifetime
      const runs = await Promise.all(Array.from({ length: 6 }, () => run(read(version), { services: { connections } })));
      // With rotating refresh tokens, a second refresh would have used a spent token and failed.
      expect(runs.map((r) => r.error)).toEqual(Array(6).fill(null));
      expect(session.fetches[kind]).toBe(2);
    }
  });

  it("workfront@3: an expired access token is refreshed once; the rotated refresh token is used next time", async () => {
    const session = countingSessionCache();
    const values = await authorizeOAuth(sb);
    const connections = resolver({ c: { type: "workfront@3", values, session } });
    expect((await run(read(2), { services: { connections } })).error).toBeNull();
    expect((await run(read(2), { services: { connections } })).error).toBeNull();
    expect(session.fetches["wf:accessToken"]).toBe(1);
    clock += 120_000; // past the access token's lifetime
    expect((await run(read(2), { services: { connections } })).error).toBeNull();
    expect(session.fetches["wf:accessToken"]).toBe(2);
    clock += 120_000;
    // The stored refresh token was rotated away on the first refresh; only the newest one works now.
    expect((await run(read(2), { services: { connections } })).error).toBeNull();
    const stale = resolver({ c: { type: "workfront@3", values, session: memorySessionCache() } });
    expect((await run(read(2), { services: { connections: stale } })).error).toMatchObject({ type: "InvalidAccessTokenError", message: expect.stringContaining("invalid_grant") });
  });
});

describe("removed API versions", () => {
  it("version 1 modules on a Workfront without v15.0 fail with an error that names the version and the way out", async () => {
    const current = await startTestSandbox();
    try {
      const result = await run(
        blueprint(
          [
            { id: 1, module: "flow:manualTrigger", version: 1 },
            { id: 2, module: "workfront:search", version: 1, connection: "c", params: { objCode: "PROJ" }, mapper: {} },
          ],
          [[1, 2]],
        ),
        { services: { connections: resolver({ c: { type: "workfront@1", values: passwordValues(current) } }) } },
      );
      expect(result.error).toEqual({
        type: "InvalidConfigurationError",
        moduleId: 2,
        message: expect.stringMatching(/^Workfront no longer serves API version v15\.0 \(“API version v15\.0 has been removed.*”\)\. Upgrade this module to version 2/),
      });
    } finally {
      await current.close();
    }
  });
});
