import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, dbTargets, startServer, type RunningServer } from "../support/server";
import { ApiClient } from "../support/client";

const blueprint = (extra: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  modules: [
    { id: 1, module: "flow:manualTrigger", version: 1, params: {}, mapper: {} },
    { id: 2, module: "flow:router", version: 1 },
    {
      id: 3,
      module: "json:create",
      version: 1,
      params: { futureOption: { keep: ["me", 1] } },
      mapper: { name: "{{1.name}} – review", unknownKey: 42 },
      ui: { x: 100, y: 0 },
    },
    { id: 4, module: "json:create", version: 1, mapper: {} },
  ],
  links: [
    { from: 1, to: 2 },
    { from: 2, to: 3, filter: { label: "Done", conditions: [[{ a: "{{1.status}}", op: "text:equal", b: "CPL" }]] } },
    { from: 2, to: 4, fallback: true },
  ],
  settings: { timezone: "Europe/Paris" },
  ...extra,
});

describe.each(dbTargets)("scenarios API (%s)", (db) => {
  let server: RunningServer;
  let admin: ApiClient;
  let builder: ApiClient;
  let viewer: ApiClient;

  beforeAll(async () => {
    server = await startServer({ db });
    admin = new ApiClient(server.url);
    await admin.signIn(ADMIN.email, ADMIN.password);
    for (const [role, set] of [
      ["builder", (c: ApiClient) => (builder = c)],
      ["viewer", (c: ApiClient) => (viewer = c)],
    ] as const) {
      const email = `${role}@example.com`;
      await admin.post("/api/v1/users", { email, role, password: "a-long-password" });
      const client = new ApiClient(server.url);
      await client.signIn(email, "a-long-password");
      // Roles are tested over bearer tokens too: every /api/v1 route accepts them.
      const token = (await client.post("/api/v1/tokens", { name: "tests" })).body.token as string;
      set(role === "viewer" ? client : client.withToken(token));
    }
  });
  afterAll(async () => server?.stop());

  it("creates a scenario as revision 1 with an empty blueprint and default settings", async () => {
    const res = await builder.post("/api/v1/scenarios", { name: "  Onboarding  " });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "Onboarding", revision: 1, moduleCount: 0 });
    expect(res.body.blueprint).toMatchObject({ schemaVersion: 1, modules: [], links: [], settings: { timezone: "UTC" } });
    const got = await viewer.get(`/api/v1/scenarios/${res.body.id}`);
    expect(got.body.id).toBe(res.body.id);
  });

  it("keeps unknown keys inside params and mapper across a round trip", async () => {
    const created = await builder.post("/api/v1/scenarios", { name: "Round trip", blueprint: blueprint() });
    expect(created.status).toBe(201);
    const got = (await builder.get(`/api/v1/scenarios/${created.body.id}`)).body;
    const m3 = got.blueprint.modules.find((m: { id: number }) => m.id === 3);
    expect(m3.params).toEqual({ futureOption: { keep: ["me", 1] } });
    expect(m3.mapper).toEqual({ name: "{{1.name}} – review", unknownKey: 42 });
    expect(got.blueprint.links[1].filter.conditions[0][0]).toEqual({ a: "{{1.status}}", op: "text:equal", b: "CPL" });
    expect(got.blueprint.settings.timezone).toBe("Europe/Paris");
    expect(got.moduleCount).toBe(4);
  });

  it("refuses graph-rule violations with a 400 naming the module ids, and stores nothing", async () => {
    const before = (await builder.get("/api/v1/scenarios?pageSize=100")).body.total;
    const twoRoots = blueprint({ links: [{ from: 1, to: 2 }, { from: 2, to: 3 }] });
    const res = await builder.post("/api/v1/scenarios", { name: "Broken", blueprint: twoRoots });
    expect(res.status).toBe(400);
    expect(res.body.error.details.violations[0]).toMatchObject({ code: "several-roots", moduleIds: [1, 4] });

    const twoIncoming = await builder.post("/api/v1/scenarios", {
      name: "Broken",
      blueprint: blueprint({ links: [{ from: 1, to: 2 }, { from: 2, to: 3 }, { from: 2, to: 4 }, { from: 4, to: 3 }] }),
    });
    expect(twoIncoming.status).toBe(400);
    expect(twoIncoming.body.error.details.violations.map((v: { code: string }) => v.code)).toContain("several-incoming");

    const notRouter = await builder.post("/api/v1/scenarios", {
      name: "Broken",
      blueprint: {
        schemaVersion: 1,
        modules: [1, 2, 3].map((id) => ({ id, module: "json:create", version: 1 })),
        links: [{ from: 1, to: 2 }, { from: 1, to: 3 }],
      },
    });
    expect(notRouter.status).toBe(400);
    expect(notRouter.body.error.details.violations[0]).toMatchObject({ code: "several-outgoing", moduleIds: [1] });

    const unknownLink = await builder.post("/api/v1/scenarios", {
      name: "Broken",
      blueprint: { schemaVersion: 1, modules: [{ id: 1, module: "json:create", version: 1 }], links: [{ from: 1, to: 9 }] },
    });
    expect(unknownLink.body.error.details.violations[0]).toMatchObject({ code: "unknown-module-in-link", moduleIds: [9] });

    const badShape = await builder.post("/api/v1/scenarios", { name: "Broken", blueprint: { schemaVersion: 1, modules: [{ id: "one" }], links: [] } });
    expect(badShape.status).toBe(400);
    expect(badShape.body.error.details.issues[0].path).toMatch(/^modules\[0\]/);
    expect((await builder.get("/api/v1/scenarios?pageSize=100")).body.total).toBe(before);
  });

  it("saves revisions against a base revision; a stale base is a 409 that changes nothing", async () => {
    const s = (await builder.post("/api/v1/scenarios", { name: "Versioned" })).body;
    const v2 = await builder.put(`/api/v1/scenarios/${s.id}`, { baseRevision: 1, blueprint: blueprint(), message: "Added modules" });
    expect(v2.status).toBe(200);
    expect(v2.body.revision).toBe(2);
    const renamed = await admin.put(`/api/v1/scenarios/${s.id}`, { baseRevision: 2, name: "Versioned (renamed)" });
    expect(renamed.body).toMatchObject({ revision: 3, name: "Versioned (renamed)" });

    const stale = await builder.put(`/api/v1/scenarios/${s.id}`, { baseRevision: 2, name: "Lost update" });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "conflict", details: { baseRevision: 2, currentRevision: 3 } });
    const after = (await builder.get(`/api/v1/scenarios/${s.id}`)).body;
    expect(after).toMatchObject({ revision: 3, name: "Versioned (renamed)", moduleCount: 4 });

    // Saving the same content again writes no empty revision.
    const same = await builder.put(`/api/v1/scenarios/${s.id}`, { baseRevision: 3, blueprint: after.blueprint });
    expect(same.body.revision).toBe(3);

    const revisions = (await viewer.get(`/api/v1/scenarios/${s.id}/revisions`)).body.items;
    expect(revisions.map((r: { number: number }) => r.number)).toEqual([3, 2, 1]);
    expect(revisions[1]).toMatchObject({ message: "Added modules", author: { email: "builder@example.com" } });
    expect(revisions[0]).toMatchObject({ message: "Renamed to “Versioned (renamed)”", author: { email: ADMIN.email } });

    const r1 = await viewer.get(`/api/v1/scenarios/${s.id}/revisions/1`);
    expect(r1.body).toMatchObject({ number: 1, name: "Versioned", blueprint: { modules: [] } });
    expect((await viewer.get(`/api/v1/scenarios/${s.id}/revisions/99`)).status).toBe(404);
    expect((await viewer.get(`/api/v1/scenarios/${s.id}/revisions/abc`)).status).toBe(400);
  });

  it("restores an old revision as a new revision, refusing a stale base", async () => {
    const s = (await builder.post("/api/v1/scenarios", { name: "Restorable", blueprint: blueprint() })).body;
    await builder.put(`/api/v1/scenarios/${s.id}`, { baseRevision: 1, name: "Restorable v2", blueprint: { schemaVersion: 1, modules: [], links: [] } });
    const stale = await builder.post(`/api/v1/scenarios/${s.id}/revisions/1/restore`, { baseRevision: 1 });
    expect(stale.status).toBe(409);
    const restored = await builder.post(`/api/v1/scenarios/${s.id}/revisions/1/restore`, { baseRevision: 2 });
    expect(restored.status).toBe(201);
    expect(restored.body).toMatchObject({ revision: 3, name: "Restorable", moduleCount: 4 });
    const revisions = (await builder.get(`/api/v1/scenarios/${s.id}/revisions`)).body.items;
    expect(revisions[0].message).toBe("Restored revision 1");
    expect(revisions).toHaveLength(3);
    expect((await builder.post(`/api/v1/scenarios/${s.id}/revisions/42/restore`, {})).status).toBe(404);
  });

  it("lists with paging and name search", async () => {
    for (const name of ["Alpha sync", "Beta sync", "Gamma 100%_done"]) await builder.post("/api/v1/scenarios", { name });
    const sync = await viewer.get("/api/v1/scenarios?query=SYNC&pageSize=1&page=2");
    expect(sync.body.total).toBe(2);
    expect(sync.body.items).toHaveLength(1);
    expect(sync.body.page).toBe(2);
    const literal = await viewer.get(`/api/v1/scenarios?query=${encodeURIComponent("100%_")}`);
    expect(literal.body.items.map((s: { name: string }) => s.name)).toEqual(["Gamma 100%_done"]);
    expect((await viewer.get("/api/v1/scenarios?pageSize=1000")).status).toBe(400);
    expect((await viewer.get("/api/v1/scenarios?page=0")).status).toBe(400);
  });

  it("duplicates, exports and imports; a bad import file is a 400 and stores nothing", async () => {
    const s = (await builder.post("/api/v1/scenarios", { name: "Exportable", description: "desc", blueprint: blueprint() })).body;
    const copy = await builder.post(`/api/v1/scenarios/${s.id}/duplicate`, {});
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ name: "Exportable (copy)", revision: 1, moduleCount: 4 });

    const exported = await viewer.raw(`/api/v1/scenarios/${s.id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toBe('attachment; filename="exportable.blueprint.json"');
    const file = await exported.json();
    expect(file).toMatchObject({ format: "patchbay.scenario", formatVersion: 1, name: "Exportable", description: "desc" });

    const imported = await builder.post("/api/v1/scenarios/import", file);
    expect(imported.status).toBe(201);
    expect(imported.body.blueprint).toEqual(s.blueprint);
    const renamedImport = await builder.post(`/api/v1/scenarios/import?name=${encodeURIComponent("From file")}`, file);
    expect(renamedImport.body.name).toBe("From file");

    const total = (await builder.get("/api/v1/scenarios?pageSize=100")).body.total;
    const notExport = await builder.post("/api/v1/scenarios/import", { hello: "world" });
    expect(notExport.status).toBe(400);
    expect(notExport.body.error.message).toMatch(/not a Patchbay scenario export/);
    const badBlueprint = await builder.post("/api/v1/scenarios/import", { ...file, blueprint: { ...file.blueprint, links: [{ from: 1, to: 1 }] } });
    expect(badBlueprint.status).toBe(400);
    const notJson = await builder.request("POST", "/api/v1/scenarios/import", "{not json");
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toBe("The request body is not valid JSON.");
    expect((await builder.get("/api/v1/scenarios?pageSize=100")).body.total).toBe(total);
  });

  it("imports a file from another instance: connections matched by name and type, webhooks only when free, the rest cleared and reported", async () => {
    const connection = (await admin.post("/api/v1/connections", { name: "Billing SOAP", type: "soap-basic@1", values: { username: "bot", password: "pw" } })).body;
    const hook = (await admin.post("/api/v1/webhooks", { name: "Orders in" })).body;
    const original = (
      await admin.post("/api/v1/scenarios", {
        name: "Orders to billing",
        blueprint: {
          schemaVersion: 1,
          modules: [
            { id: 1, module: "webhooks:customWebhook", version: 1, params: { webhook: hook.id } },
            { id: 2, module: "soap:callWithAuth", version: 1, connection: connection.id },
          ],
          links: [{ from: 1, to: 2 }],
        },
      })
    ).body;
    const file = await (await admin.raw(`/api/v1/scenarios/${original.id}/export`)).json();
    expect(file.references).toMatchObject({ connections: [{ id: connection.id, name: "Billing SOAP" }], webhooks: [{ id: hook.id, name: "Orders in" }] });

    // Into the same instance: the connection is the same one; the webhook already feeds the original.
    const again = await admin.post("/api/v1/scenarios/import", file);
    expect(again.status).toBe(201);
    expect(again.body.blueprint.modules[1].connection).toBe(connection.id);
    expect(again.body.blueprint.modules[0].params.webhook).toBeUndefined();
    expect(again.body.references.missing).toEqual([expect.objectContaining({ moduleId: 1, kind: "webhook", message: expect.stringContaining("already belongs to another scenario") })]);

    // From another instance: other ids, the same names. A free webhook of that name is taken; an unknown connection is cleared.
    const freeHook = (await admin.post("/api/v1/webhooks", { name: "Orders from elsewhere" })).body;
    const elsewhere = structuredClone(file);
    elsewhere.blueprint.modules[0].params.webhook = "hook_elsewhere";
    elsewhere.blueprint.modules[1].connection = "conn_elsewhere";
    elsewhere.references.webhooks = [{ id: "hook_elsewhere", name: "Orders from elsewhere" }];
    elsewhere.references.connections = [{ id: "conn_elsewhere", name: "Billing SOAP" }];
    const moved = await admin.post("/api/v1/scenarios/import", elsewhere);
    expect(moved.status).toBe(201);
    expect(moved.body.blueprint.modules[0].params.webhook).toBe(freeHook.id);
    expect(moved.body.blueprint.modules[1].connection).toBe(connection.id);
    expect(moved.body.references.missing).toEqual([]);

    elsewhere.references.connections = [{ id: "conn_elsewhere", name: "Nobody has this one" }];
    const unmatched = await admin.post("/api/v1/scenarios/import", elsewhere);
    expect(unmatched.status).toBe(201);
    expect(unmatched.body.blueprint.modules[1].connection ?? null).toBeNull();
    // The webhook of that name now feeds the previous import.
    expect(unmatched.body.references.missing.map((m: { message: string }) => m.message)).toEqual([
      expect.stringContaining("there is no free webhook “Orders from elsewhere” here"),
      expect.stringContaining("there is no connection “Nobody has this one” of type soap-basic@1 or soap-header@1"),
    ]);
    // Nothing that was stored changed: the original still owns its webhook and connection.
    const stored = (await admin.get(`/api/v1/scenarios/${original.id}`)).body;
    expect(stored.blueprint.modules[0].params.webhook).toBe(hook.id);
    expect(stored.blueprint.modules[1].connection).toBe(connection.id);
  });

  it("lets builders and admins write, viewers only read", async () => {
    const s = (await builder.post("/api/v1/scenarios", { name: "Guarded" })).body;
    expect((await viewer.post("/api/v1/scenarios", { name: "x" })).status).toBe(403);
    expect((await viewer.put(`/api/v1/scenarios/${s.id}`, { baseRevision: 1, name: "x" })).status).toBe(403);
    expect((await viewer.delete(`/api/v1/scenarios/${s.id}`)).status).toBe(403);
    expect((await viewer.post(`/api/v1/scenarios/${s.id}/duplicate`, {})).status).toBe(403);
    expect((await viewer.post(`/api/v1/scenarios/${s.id}/revisions/1/restore`, {})).status).toBe(403);
    expect((await viewer.post("/api/v1/scenarios/import", {})).status).toBe(403);
    expect((await viewer.get(`/api/v1/scenarios/${s.id}/revisions`)).status).toBe(200);
    expect((await viewer.get(`/api/v1/scenarios/${s.id}`)).body.name).toBe("Guarded");

    expect((await admin.delete(`/api/v1/scenarios/${s.id}`)).status).toBe(204);
    expect((await viewer.get(`/api/v1/scenarios/${s.id}`)).status).toBe(404);
    expect((await builder.delete(`/api/v1/scenarios/${s.id}`)).status).toBe(404);
    const missing = await viewer.get("/api/v1/scenarios/scn_nope");
    expect(missing.body).toEqual({ error: { code: "not_found", message: "Scenario was not found." } });
  });

  it("validates names and bodies with clear messages", async () => {
    const empty = await builder.post("/api/v1/scenarios", { name: "   " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe("Invalid body: name: Give the scenario a name.");
    const noBase = await builder.put("/api/v1/scenarios/scn_x", { name: "x" });
    expect(noBase.status).toBe(400);
    expect(noBase.body.error.details.issues[0].path).toBe("baseRevision");
    const badTz = await builder.post("/api/v1/scenarios", { name: "tz", blueprint: blueprint({ settings: { timezone: "Mars/Olympus" } }) });
    expect(badTz.status).toBe(400);
    expect(badTz.body.error.message).toMatch(/Unknown time zone/);
  });

  it("refuses cross-site writes made with a session cookie", async () => {
    const res = await admin.raw("/api/v1/scenarios", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ name: "csrf" }),
    });
    expect(res.status).toBe(403);
  });

  it("publishes an OpenAPI 3.1 document generated from the request schemas", async () => {
    const doc = (await new ApiClient(server.url).get("/api/v1/openapi.json")).body;
    expect(doc.openapi).toBe("3.1.0");
    const put = doc.paths["/scenarios/{id}"].put;
    expect(put.requestBody.content["application/json"].schema.required).toContain("baseRevision");
    const list = doc.paths["/scenarios"].get.parameters.map((p: { name: string }) => p.name);
    expect(list).toEqual(["query", "page", "pageSize"]);
    expect(doc.paths["/scenarios/{id}/revisions/{n}/restore"].post).toBeDefined();
    expect(doc.paths["/tokens"].post.responses["201"].content["application/json"].schema.properties.token).toBeDefined();
  });
});
