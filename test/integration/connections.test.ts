import http from "node:http";
import type { AddressInfo } from "node:net";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, dbTargets, startServer, type RunningServer } from "../support/server";
import { ApiClient } from "../support/client";

const GOOD_KEY = "sk-live-GOODKEY-7d1f4e2a9b";
const BAD_KEY = "sk-live-BADKEY-000000000";
const CLIENT_SECRET = "oauth-client-SECRET-93c1";

/** A remote API for the tests: an API-key endpoint and an OAuth2 provider (authorize + token). */
function startProvider() {
  const codes = new Map<string, string>();
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/verify" || url.pathname === "/items") {
      if (req.headers["x-api-key"] !== GOOD_KEY) return json(401, { message: "Invalid API key (provider says no)" });
      return json(200, url.pathname === "/verify" ? { account: "acme" } : { items: [1, 2, 3] });
    }
    if (url.pathname === "/authorize") {
      const code = `code-${Math.random().toString(36).slice(2)}`;
      codes.set(code, url.searchParams.get("redirect_uri") ?? "");
      const back = new URL(url.searchParams.get("redirect_uri")!);
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === "/token") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      const auth = req.headers.authorization ?? "";
      const secretOk = form.get("client_secret") === CLIENT_SECRET || Buffer.from(auth.replace(/^Basic /, ""), "base64").toString().endsWith(`:${CLIENT_SECRET}`);
      if (!secretOk) return json(401, { error: "invalid_client" });
      if (form.get("grant_type") === "authorization_code" && codes.has(form.get("code") ?? "")) {
        return json(200, { access_token: "at-1", refresh_token: "rt-REFRESH-1", expires_in: 3600, token_type: "Bearer" });
      }
      return json(400, { error: "invalid_grant" });
    }
    json(404, {});
  });
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) }),
    ),
  );
}

describe.each(dbTargets)("connections (%s)", (db) => {
  let server: RunningServer;
  let provider: { url: string; close: () => Promise<void> };
  let admin: ApiClient;
  const users: Record<string, { client: ApiClient; id: string }> = {};

  beforeAll(async () => {
    provider = await startProvider();
    server = await startServer({ db, env: { PATCHBAY_HTTP_ALLOW: "127.0.0.1" } });
    admin = new ApiClient(server.url);
    await admin.signIn(ADMIN.email, ADMIN.password);
    for (const [name, role] of [["builder", "builder"], ["other", "builder"], ["viewer", "viewer"]] as const) {
      const created = await admin.post("/api/v1/users", { email: `${name}@example.com`, role, password: "a-long-password" });
      const client = new ApiClient(server.url);
      await client.signIn(`${name}@example.com`, "a-long-password");
      users[name] = { client, id: created.body.user.id };
    }
  });
  afterAll(async () => {
    await server?.stop();
    await provider?.close();
  });

  const apiKeyConnection = (name: string, extra: Record<string, unknown> = {}) =>
    admin.post("/api/v1/connections", {
      name,
      type: "http-apikey@1",
      values: { key: GOOD_KEY, placement: "header", name: "X-API-Key", verifyUrl: `${provider.url}/verify` },
      ...extra,
    });

  it("lets an admin create and test a connection, and never answers with the secret", async () => {
    const created = await apiKeyConnection("Billing API");
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain(GOOD_KEY);
    expect(created.body).toMatchObject({ type: "http-apikey@1", status: "unverified", secretHints: { key: "…e2a9b".replace("…e2a9b", `…${GOOD_KEY.slice(-4)}`) } });
    expect(created.body.values).toEqual({ placement: "header", name: "X-API-Key", verifyUrl: `${provider.url}/verify` });

    const ok = await admin.post(`/api/v1/connections/${created.body.id}/test`);
    expect(ok.body.ok).toBe(true);
    expect((await admin.get(`/api/v1/connections/${created.body.id}`)).body.status).toBe("verified");

    const replaced = await admin.put(`/api/v1/connections/${created.body.id}`, { secrets: { key: BAD_KEY } });
    expect(replaced.body.status).toBe("unverified");
    const failed = await admin.post(`/api/v1/connections/${created.body.id}/test`);
    expect(failed.body.ok).toBe(false);
    expect(failed.body.message).toContain("Invalid API key (provider says no)");
    const after = (await admin.get(`/api/v1/connections/${created.body.id}`)).body;
    expect(after.status).toBe("failing");
    expect(after.lastError).toContain("Invalid API key (provider says no)");

    const mixedUp = await admin.put(`/api/v1/connections/${created.body.id}`, { values: { key: "x" } });
    expect(mixedUp.status).toBe(400);
    expect(mixedUp.body.error.message).toMatch(/is a secret/);
  });

  it("refuses bad input with the field named", async () => {
    const missing = await admin.post("/api/v1/connections", { name: "No key", type: "http-apikey@1", values: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toMatch(/^API key:/);
    expect((await admin.post("/api/v1/connections", { name: "x", type: "nope@1", values: {} })).status).toBe(400);
    expect((await admin.post("/api/v1/connections", { name: "", type: "http-apikey@1", values: {} })).status).toBe(400);
  });

  it("shows builders names, types and status of shared connections, viewers names, and refuses them changes", async () => {
    const c = (await apiKeyConnection("Shared API")).body;
    const builder = users.builder.client;
    const seen = (await builder.get("/api/v1/connections")).body.items.find((x: { id: string }) => x.id === c.id);
    expect(seen).toEqual({ id: c.id, name: "Shared API", type: "http-apikey@1", app: "http", typeTitle: "HTTP API key", status: "unverified" });
    const viewerSeen = (await users.viewer.client.get("/api/v1/connections")).body.items.find((x: { id: string }) => x.id === c.id);
    expect(viewerSeen).toEqual({ id: c.id, name: "Shared API" });
    for (const client of [builder, users.viewer.client]) {
      expect((await client.post("/api/v1/connections", { name: "x", type: "http-apikey@1", values: { key: "k" } })).status).toBe(403);
      expect((await client.put(`/api/v1/connections/${c.id}`, { name: "y" })).status).toBe(403);
      expect((await client.delete(`/api/v1/connections/${c.id}`)).status).toBe(403);
      expect((await client.post(`/api/v1/connections/${c.id}/test`)).status).toBe(403);
      expect(JSON.stringify((await client.get(`/api/v1/connections/${c.id}`)).body)).not.toContain(GOOD_KEY.slice(-4));
    }
  });

  it("keeps connections shared with some users out of other builders' scenarios", async () => {
    const c = (await apiKeyConnection("Private API", { sharedWithAll: false, sharedWith: [users.builder.id] })).body;
    expect((await users.other.client.get("/api/v1/connections")).body.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    const blueprint = { schemaVersion: 1, modules: [{ id: 1, module: "http:makeApiKeyRequest", version: 1, connection: c.id, mapper: { url: `${provider.url}/items` } }], links: [] };
    expect((await users.builder.client.post("/api/v1/scenarios", { name: "Mine", blueprint })).status).toBe(201);
    const refused = await users.other.client.post("/api/v1/scenarios", { name: "Not mine", blueprint });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/not shared with you/);
    const wrongType = await users.builder.client.post("/api/v1/scenarios", {
      name: "Wrong",
      blueprint: { ...blueprint, modules: [{ ...blueprint.modules[0], module: "http:makeBasicAuthRequest" }] },
    });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.error.message).toMatch(/needs http-basic@1/);
  });

  it("runs a module with a connection without the secret reaching the execution log", async () => {
    const c = (await apiKeyConnection("Items API")).body;
    const s = (
      await users.builder.client.post("/api/v1/scenarios", {
        name: "Fetch items",
        blueprint: { schemaVersion: 1, modules: [{ id: 1, module: "http:makeApiKeyRequest", version: 1, connection: c.id, mapper: { url: `${provider.url}/items` } }], links: [] },
      })
    ).body;
    const queued = (await users.builder.client.post(`/api/v1/scenarios/${s.id}/run`, {})).body;
    let run;
    for (let i = 0; i < 100; i++) {
      run = (await users.builder.client.get(`/api/v1/executions/${queued.id}`)).body;
      if (!["queued", "running"].includes(run.status)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(run.status).toBe("success");
    expect(run.log[0].output[0].body).toEqual({ items: [1, 2, 3] });
    expect(JSON.stringify(run)).not.toContain(GOOD_KEY);
  });

  it("refuses to delete a connection in use unless confirmed, then unconfigures the modules", async () => {
    const c = (await apiKeyConnection("Doomed")).body;
    const s = (
      await admin.post("/api/v1/scenarios", {
        name: "Uses doomed",
        blueprint: { schemaVersion: 1, modules: [{ id: 1, module: "http:makeApiKeyRequest", version: 1, connection: c.id, mapper: { url: `${provider.url}/items` } }], links: [] },
      })
    ).body;
    expect((await admin.get(`/api/v1/connections/${c.id}`)).body.usedBy).toEqual([{ id: s.id, name: "Uses doomed" }]);
    const refused = await admin.delete(`/api/v1/connections/${c.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.scenarios).toEqual([{ id: s.id, name: "Uses doomed" }]);
    expect((await admin.get(`/api/v1/connections/${c.id}`)).status).toBe(200);
    const forced = await admin.delete(`/api/v1/connections/${c.id}?force=true`);
    expect(forced.status).toBe(200);
    const after = (await admin.get(`/api/v1/scenarios/${s.id}`)).body;
    expect(after.revision).toBe(2);
    expect(after.blueprint.modules[0].connection).toBeNull();
    expect((await admin.get(`/api/v1/connections/${c.id}`)).status).toBe(404);
  });

  it("completes an OAuth2 authorization-code round trip and refuses a forged state", async () => {
    const c = (
      await admin.post("/api/v1/connections", {
        name: "OAuth app",
        type: "http-oauth2@1",
        values: { grantType: "authorization_code", authorizeUri: `${provider.url}/authorize`, tokenUri: `${provider.url}/token`, clientId: "patchbay", clientSecret: CLIENT_SECRET },
      })
    ).body;
    const { url } = (await admin.post(`/api/v1/connections/${c.id}/authorize`)).body;
    expect(url).toContain(`${provider.url}/authorize?`);
    const atProvider = await fetch(url, { redirect: "manual" });
    const callback = new URL(atProvider.headers.get("location")!);
    expect(callback.pathname).toBe("/api/v1/connections/oauth/callback");

    const forged = new URL(callback);
    forged.searchParams.set("state", "forged-state-value");
    const refused = await admin.raw(forged.pathname + forged.search);
    expect(refused.status).toBe(303);
    expect(new URL(refused.headers.get("location")!).searchParams.get("authorizationError")).toMatch(/does not match an authorization you started/);
    expect((await admin.get(`/api/v1/connections/${c.id}`)).body.status).toBe("unverified");

    const done = await admin.raw(callback.pathname + callback.search);
    expect(done.status).toBe(303);
    expect(new URL(done.headers.get("location")!).searchParams.get("authorized")).toBe(c.id);
    const after = (await admin.get(`/api/v1/connections/${c.id}`)).body;
    expect(after.status).toBe("verified");
    expect(after.secretHints.refreshToken).toBe("…SH-1");
    // The state is single-use.
    const replay = await admin.raw(callback.pathname + callback.search);
    expect(new URL(replay.headers.get("location")!).searchParams.get("authorizationError")).toBeTruthy();
  });

  it("records connection changes in the audit log, never the secret", async () => {
    const audit = await admin.get("/api/v1/audit?pageSize=200");
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["connection.create", "connection.test", "connection.replace-secret", "connection.delete", "connection.reauthorize"]));
    expect(JSON.stringify(audit.body)).not.toContain(GOOD_KEY);
    expect(JSON.stringify(audit.body)).not.toContain(BAD_KEY);
    expect((await users.builder.client.get("/api/v1/audit")).status).toBe(403);
  });

  it("keeps every secret out of the database's plain text and out of the logs", async () => {
    let dump = "";
    if (server.databaseUrl) {
      const client = new pg.Client({ connectionString: server.databaseUrl });
      await client.connect();
      const tables = (await client.query("select tablename from pg_tables where schemaname = 'public'")).rows.map((r) => r.tablename as string);
      for (const t of tables) dump += JSON.stringify((await client.query(`select * from "${t}"`)).rows);
      await client.end();
    } else {
      await server.restart(); // PGlite is single-process: read its files while the server is down
      const copy = fs.mkdtempSync(path.join(server.dataDir, "..", "dump-"));
      fs.cpSync(path.join(server.dataDir, "pglite"), copy, { recursive: true });
      await server.stop().catch(() => undefined);
      const lite = new PGlite(copy);
      const tables = (await lite.query<{ tablename: string }>("select tablename from pg_tables where schemaname = 'public'")).rows.map((r) => r.tablename);
      for (const t of tables) dump += JSON.stringify((await lite.query(`select * from "${t}"`)).rows);
      await lite.close();
      fs.rmSync(copy, { recursive: true, force: true });
    }
    expect(dump).toContain("Billing API");
    for (const secret of [GOOD_KEY, BAD_KEY, CLIENT_SECRET, "rt-REFRESH-1"]) {
      expect(dump).not.toContain(secret);
      expect(server.output()).not.toContain(secret);
    }
  });
});
