import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, dbTargets, startServer, type RunningServer } from "../support/server";
import { ApiClient } from "../support/client";
import { firstOutput, httpV1Blueprint, runOnce, startEcho } from "../support/upgrades";
import { DEMO_ADMIN_PASSWORD, DEMO_API_KEY } from "../../modules/workfront/sandbox/constants";

type Module = { id: number; module: string; version: number; connection?: string | null; params: Record<string, unknown>; mapper: Record<string, unknown> };

/** http v1 → Workfront custom API call v1 (legacy password connection) → compose text reading both outputs. */
const httpAndWorkfront = (echoUrl: string, legacyConnection: string) => ({
  schemaVersion: 1,
  modules: [
    { id: 1, module: "flow:manualTrigger", version: 1 },
    { id: 2, module: "http:makeRequest", version: 1, params: { bodyType: "raw" }, mapper: { url: `${echoUrl}/echo`, method: "POST", contentType: "application/json", data: '{"x": "proj"}' } },
    { id: 3, module: "workfront:customApiCall", version: 1, connection: legacyConnection, mapper: { url: "/{{2.data.x}}/search", method: "GET", qs: [{ name: "$$LIMIT", value: "1" }] } },
    { id: 4, module: "flow:composeText", version: 1, mapper: { text: "{{2.data.method}} {{length(3.data.data)}}" } },
  ],
  links: [
    { from: 1, to: 2 },
    { from: 2, to: 3 },
    { from: 3, to: 4 },
  ],
});

describe.each(dbTargets)("module upgrades API (%s)", (db) => {
  let server: RunningServer;
  let echo: { url: string; close: () => Promise<void> };
  let admin: ApiClient;
  let builder: ApiClient;
  let viewer: ApiClient;
  let apiKeyConnection: string;
  let legacyConnection: string;

  beforeAll(async () => {
    echo = await startEcho();
    // A date inside http:makeRequest v1's deprecation window (2026-06-01 … 2027-06-01): it still runs.
    server = await startServer({ db, env: { PATCHBAY_HTTP_ALLOW: "127.0.0.1", PATCHBAY_SUNSET_TODAY: "2027-01-15" } });
    admin = new ApiClient(server.url);
    await admin.signIn(ADMIN.email, ADMIN.password);
    for (const role of ["builder", "viewer"] as const) {
      await admin.post("/api/v1/users", { email: `${role}@example.com`, role, password: "a-long-password" });
    }
    builder = new ApiClient(server.url);
    await builder.signIn("builder@example.com", "a-long-password");
    viewer = new ApiClient(server.url);
    await viewer.signIn("viewer@example.com", "a-long-password");
    const conns = (await admin.get("/api/v1/connections")).body.items as Array<{ id: string; type: string }>;
    apiKeyConnection = conns.find((c) => c.type === "workfront@2")!.id;
    legacyConnection = conns.find((c) => c.type === "workfront@1")!.id;
  });
  afterAll(async () => {
    await server?.stop();
    await echo?.close();
  });

  const composed = async (id: string) => {
    const run = await runOnce(builder, id);
    expect(run.status, JSON.stringify(run.error)).toBe("success");
    return firstOutput(run, 3)?.text;
  };

  it("plans and applies one module (http v1 → v2, {{2.data.x}} → {{2.body.x}}); stale base 409, viewer 403; attention until edited; revert in one click", async () => {
    const created = await builder.post("/api/v1/scenarios", { name: "Echo", blueprint: httpV1Blueprint(echo.url) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.versions).toEqual({ outdated: 1, deprecated: 1, sunset: 0 });
    const id = created.body.id as string;
    expect(await composed(id)).toBe("got hello");

    const plan = await viewer.post(`/api/v1/scenarios/${id}/upgrade-plan`, { targets: "all" });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    expect(plan.body).toMatchObject({ baseRevision: 1, applicable: true, kept: [], errors: [] });
    expect(plan.body.modules[0]).toMatchObject({
      moduleId: 2,
      before: { version: 1 },
      after: { version: 2, mapper: { body: { type: "raw", contentType: "application/json", content: '{"x": "hello"}' }, shareCookies: false } },
      rewrittenReferences: [{ moduleId: 3, fieldPath: "mapper.text", before: "got {{2.data.x}}", after: "got {{2.body.x}}" }],
    });
    expect(plan.body.modules[0].attentionFields.map((f: { fieldPath: string }) => f.fieldPath)).toEqual(expect.arrayContaining(["mapper.body", "mapper.shareCookies"]));
    expect((await viewer.post(`/api/v1/scenarios/${id}/upgrade`, { targets: "all", baseRevision: 1 })).status).toBe(403);
    expect((await viewer.post(`/api/v1/scenarios/${id}/upgrade-plan`, { targets: "some" })).status).toBe(400);

    // Someone saves in between: the plan for revision 1 is stale, and nothing is written.
    expect((await builder.put(`/api/v1/scenarios/${id}`, { baseRevision: 1, name: "Echo (renamed)" })).body.revision).toBe(2);
    const stale = await builder.post(`/api/v1/scenarios/${id}/upgrade`, { targets: "all", baseRevision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("conflict");
    expect((await viewer.get(`/api/v1/scenarios/${id}`)).body.revision).toBe(2);

    const upgraded = await builder.post(`/api/v1/scenarios/${id}/upgrade`, { targets: [2], baseRevision: 2 });
    expect(upgraded.status, JSON.stringify(upgraded.body)).toBe(200);
    expect(upgraded.body.scenario).toMatchObject({ revision: 3, versions: { outdated: 0, deprecated: 0, sunset: 0 } });
    expect(upgraded.body.runId).toMatch(/^upg_/);
    const modules = upgraded.body.scenario.blueprint.modules as Module[];
    expect(modules.find((m) => m.id === 2)?.version).toBe(2);
    expect(modules.find((m) => m.id === 3)?.mapper).toEqual({ text: "got {{2.body.x}}" });
    const revisions = (await viewer.get(`/api/v1/scenarios/${id}/revisions`)).body.items;
    expect(revisions[0]).toMatchObject({ number: 3, message: "Upgraded Make a request v1 → v2", meta: { kind: "upgrade", runId: upgraded.body.runId, baseRevision: 2 } });
    expect(await composed(id)).toBe("got hello");

    // The fields to check stay flagged until someone edits them.
    const attention = await viewer.get(`/api/v1/scenarios/${id}/attention`);
    expect(attention.body.items.map((i: { fieldPath: string }) => i.fieldPath)).toEqual(expect.arrayContaining(["mapper.body", "mapper.shareCookies"]));
    const edited = structuredClone(upgraded.body.scenario.blueprint);
    edited.modules.find((m: Module) => m.id === 2).mapper.shareCookies = true;
    expect((await builder.put(`/api/v1/scenarios/${id}`, { baseRevision: 3, blueprint: edited })).status).toBe(200);
    const after = (await viewer.get(`/api/v1/scenarios/${id}/attention`)).body.items.map((i: { fieldPath: string }) => i.fieldPath);
    expect(after).toContain("mapper.body");
    expect(after).not.toContain("mapper.shareCookies");

    // Up to date: planning again is empty, upgrading again writes nothing and starts no run.
    const again = await viewer.post(`/api/v1/scenarios/${id}/upgrade-plan`, { targets: "all" });
    expect(again.body).toMatchObject({ baseRevision: 4, modules: [], kept: [] });
    const noop = await builder.post(`/api/v1/scenarios/${id}/upgrade`, { targets: "all", baseRevision: 4 });
    expect(noop.body).toMatchObject({ runId: null, scenario: { revision: 4 } });

    // The edit since the upgrade blocks the one-click revert, with the reason; restoring by hand still works.
    const refused = await builder.post(`/api/v1/upgrades/${upgraded.body.runId}/revert`);
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body.revert).toEqual([expect.objectContaining({ scenarioId: id, outcome: "refused", reason: expect.stringContaining("revision 4") })]);
    expect((await viewer.get(`/api/v1/scenarios/${id}`)).body.revision).toBe(4);
    expect((await builder.post(`/api/v1/upgrades/${upgraded.body.runId}/revert`)).status).toBe(409);
  });

  it("reverts a single upgrade in one click: the previous blueprint comes back as a new revision and still runs", async () => {
    const id = (await builder.post("/api/v1/scenarios", { name: "Echo revert", blueprint: httpV1Blueprint(echo.url, "again") })).body.id as string;
    const upgraded = await builder.post(`/api/v1/scenarios/${id}/upgrade`, { targets: "all", baseRevision: 1 });
    expect(upgraded.status, JSON.stringify(upgraded.body)).toBe(200);
    expect((await viewer.post(`/api/v1/upgrades/${upgraded.body.runId}/revert`)).status).toBe(403);
    const reverted = await builder.post(`/api/v1/upgrades/${upgraded.body.runId}/revert`);
    expect(reverted.status, JSON.stringify(reverted.body)).toBe(200);
    expect(reverted.body.revert).toEqual([{ scenarioId: id, name: "Echo revert", outcome: "reverted", revision: 3 }]);
    const back = (await viewer.get(`/api/v1/scenarios/${id}`)).body;
    expect(back.blueprint.modules.find((m: Module) => m.id === 2).version).toBe(1);
    expect(back.blueprint.modules.find((m: Module) => m.id === 3).mapper).toEqual({ text: "got {{2.data.x}}" });
    const revisions = (await viewer.get(`/api/v1/scenarios/${id}/revisions`)).body.items;
    expect(revisions[0]).toMatchObject({ number: 3, meta: { kind: "revert", runId: upgraded.body.runId } });
    expect(revisions[0].message).toContain("back to revision 1");
    expect(await composed(id)).toBe("got again");
  });

  it("upgrades a whole scenario (HTTP and Workfront), taking a compatible connection for Workfront; previews the requests without sending", async () => {
    const created = await builder.post("/api/v1/scenarios", { name: "HTTP and Workfront", blueprint: httpAndWorkfront(echo.url, legacyConnection) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    // Workfront removed API v15.0: the v1 module fails against the sandbox, as it would against Workfront.
    const before = await runOnce(builder, id);
    expect(before.status).toBe("error");
    expect(before.error.moduleId).toBe(3);

    const plan = (await builder.post(`/api/v1/scenarios/${id}/upgrade-plan`, { targets: "all" })).body;
    expect(plan.modules.map((m: { moduleId: number }) => m.moduleId)).toEqual([2, 3]);
    const workfront = plan.modules.find((m: { moduleId: number }) => m.moduleId === 3);
    expect(workfront).toMatchObject({ connectionTypeChanged: true, connectionIncompatible: true, after: { version: 2, connection: null, params: { apiVersion: "21.0" } } });
    expect(plan.modules[0].rewrittenReferences).toEqual(
      expect.arrayContaining([
        { moduleId: 3, fieldPath: "mapper.url", before: "/{{2.data.x}}/search", after: "/{{2.body.x}}/search" },
        { moduleId: 4, fieldPath: "mapper.text", before: "{{2.data.method}} {{length(3.data.data)}}", after: "{{2.body.method}} {{length(3.data.data)}}" },
      ]),
    );
    expect(workfront.rewrittenReferences).toEqual([{ moduleId: 4, fieldPath: "mapper.text", before: "{{2.body.method}} {{length(3.data.data)}}", after: "{{2.body.method}} {{length(3.body.data)}}" }]);

    // The request preview: what v1 sent in that failed run beside what v2 would send, secrets blanked.
    const http = await builder.post(`/api/v1/scenarios/${id}/upgrade-preview`, { moduleId: 2 });
    expect(http.status, JSON.stringify(http.body)).toBe(200);
    expect(http.body).toMatchObject({ from: 1, to: 2, execution: { id: before.id }, before: { source: "recorded" } });
    expect(http.body.before.requests[0]).toMatchObject({ method: "POST", url: `${echo.url}/echo`, body: '{"x": "proj"}' });
    expect(http.body.after.requests[0]).toMatchObject({ method: "POST", url: `${echo.url}/echo`, body: '{"x": "proj"}' });
    const wf = await builder.post(`/api/v1/scenarios/${id}/upgrade-preview`, { moduleId: 3, connection: apiKeyConnection });
    expect(wf.status, JSON.stringify(wf.body)).toBe(200);
    expect(wf.body.before.source).toBe("recorded");
    expect(wf.body.after.requests[0].url).toContain("/attask/api/v21.0/proj/search");
    const apiKeySent = JSON.stringify(wf.body.after.requests[0]);
    expect(apiKeySent).toContain("[redacted]");
    expect(apiKeySent).not.toContain(DEMO_API_KEY);
    expect(JSON.stringify(wf.body.before)).not.toContain(DEMO_ADMIN_PASSWORD);
    const unpicked = await builder.post(`/api/v1/scenarios/${id}/upgrade-preview`, { moduleId: 3 });
    expect(unpicked.body.after).toMatchObject({ requests: [], note: expect.stringContaining("Pick a workfront@2 or workfront@3 connection") });
    expect((await viewer.post(`/api/v1/scenarios/${id}/upgrade-preview`, { moduleId: 2 })).status).toBe(403);
    expect((await builder.post(`/api/v1/scenarios/${id}/upgrade-preview`, { moduleId: 4 })).status).toBe(422);
    // Nothing was sent by the previews: the echo and Workfront saw only the run.
    expect((await viewer.get(`/api/v1/scenarios/${id}`)).body.revision).toBe(1);

    const wrongType = await builder.post(`/api/v1/scenarios/${id}/upgrade`, { targets: "all", baseRevision: 1, connections: { "3": legacyConnection } });
    expect(wrongType.status).toBe(422);
    const applied = await builder.post(`/api/v1/scenarios/${id}/upgrade`, { targets: "all", baseRevision: 1, connections: { "3": apiKeyConnection } });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.scenario.revision).toBe(2);
    const mods = applied.body.scenario.blueprint.modules as Module[];
    expect(mods.find((m) => m.id === 3)).toMatchObject({ version: 2, connection: apiKeyConnection, mapper: { url: "/{{2.body.x}}/search" } });
    expect(mods.find((m) => m.id === 4)?.mapper.text).toBe("{{2.body.method}} {{length(3.body.data)}}");
    expect((await viewer.get(`/api/v1/scenarios/${id}/revisions`)).body.items[0].message).toBe("Upgraded 2 modules");
    const attention = (await viewer.get(`/api/v1/scenarios/${id}/attention`)).body.items as Array<{ moduleId: number; fieldPath: string }>;
    expect(attention.some((i) => i.moduleId === 3 && i.fieldPath === "connection")).toBe(false);

    const after = await runOnce(builder, id);
    expect(after.status, JSON.stringify(after.error)).toBe("success");
    expect(firstOutput(after, 4)?.text).toBe("POST 1");
  });

  it("replaces a module with another (choose new): links kept, fields carried by name, references re-pointed, the rest listed", async () => {
    const bp = httpV1Blueprint(echo.url, "swap");
    bp.modules.push({ id: 4, module: "flow:composeText", version: 1, mapper: { text: "{{3.text}}!" } } as never);
    bp.links.push({ from: 3, to: 4 });
    const id = (await builder.post("/api/v1/scenarios", { name: "Replace", blueprint: bp })).body.id as string;
    const target = { moduleId: 2, module: "http:makeRequest", version: 2 };
    const plan = await viewer.post(`/api/v1/scenarios/${id}/replace-plan`, target);
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    expect(plan.body).toMatchObject({ baseRevision: 1, moduleId: 2, newModuleId: 5, applicable: true });
    expect(plan.body.copied).toEqual(expect.arrayContaining(["mapper.url", "mapper.method"]));
    expect(plan.body.notCarried.map((n: { fieldPath: string }) => n.fieldPath)).toEqual(expect.arrayContaining(["params.bodyType", "mapper.contentType", "mapper.data"]));
    expect(plan.body.rewrittenReferences).toEqual([{ moduleId: 3, fieldPath: "mapper.text", before: "got {{2.data.x}}", after: "got {{5.data.x}}" }]);
    // v2 outputs `body`, not `data`: the re-pointed reference is listed as a new warning.
    expect(plan.body.warnings).toEqual([expect.objectContaining({ moduleId: 3, fieldPath: "mapper.text" })]);
    expect((await viewer.post(`/api/v1/scenarios/${id}/replace`, { ...target, baseRevision: 1 })).status).toBe(403);
    expect((await builder.post(`/api/v1/scenarios/${id}/replace-plan`, { ...target, moduleId: 9 })).status).toBe(422);
    expect((await builder.post(`/api/v1/scenarios/${id}/replace-plan`, { moduleId: 3, module: "flow:manualTrigger", version: 1 })).status).toBe(422);

    const replaced = await builder.post(`/api/v1/scenarios/${id}/replace`, { ...target, baseRevision: 1 });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    const s = replaced.body.scenario;
    expect(s.revision).toBe(2);
    expect(s.blueprint.links).toEqual([{ from: 1, to: 5 }, { from: 5, to: 3 }, { from: 3, to: 4 }]);
    expect(s.blueprint.modules.find((m: Module) => m.id === 5)).toMatchObject({ module: "http:makeRequest", version: 2, mapper: { url: `${echo.url}/echo`, method: "POST" } });
    expect(s.blueprint.modules.find((m: Module) => m.id === 4).mapper).toEqual({ text: "{{3.text}}!" });
    expect((await viewer.get(`/api/v1/scenarios/${id}/revisions`)).body.items[0]).toMatchObject({ meta: { kind: "replace", baseRevision: 1 } });
    expect((await builder.post(`/api/v1/scenarios/${id}/replace`, { ...target, baseRevision: 1 })).status).toBe(409);
  });

  it("swaps one connection onto every Workfront module of a scenario, and across scenarios for admins, revertibly", async () => {
    const second = await admin.post("/api/v1/connections", {
      name: "Workfront sandbox (second key)",
      type: "workfront@2",
      values: { host: (await admin.get(`/api/v1/connections/${apiKeyConnection}`)).body.values.host, apiKey: "second-key-not-valid" },
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const two = (name: string) => ({
      schemaVersion: 1,
      modules: [
        { id: 1, module: "flow:manualTrigger", version: 1 },
        { id: 2, module: "workfront:customApiCall", version: 2, connection: apiKeyConnection, mapper: { url: "/proj/search" } },
        { id: 3, module: "workfront:customApiCall", version: 1, connection: legacyConnection, mapper: { url: "/task/search" } },
        { id: 4, module: "flow:composeText", version: 1, mapper: { text: name } },
      ],
      links: [{ from: 1, to: 2 }, { from: 2, to: 3 }, { from: 3, to: 4 }],
    });
    const a = (await builder.post("/api/v1/scenarios", { name: "Swap A", blueprint: two("a") })).body.id as string;
    const b = (await builder.post("/api/v1/scenarios", { name: "Swap B", blueprint: two("b") })).body.id as string;

    const swapped = await builder.post(`/api/v1/scenarios/${a}/swap-connection`, { app: "workfront", connectionId: second.body.id, baseRevision: 1 });
    expect(swapped.status, JSON.stringify(swapped.body)).toBe(200);
    expect(swapped.body.swap.swapped.map((m: { moduleId: number }) => m.moduleId)).toEqual([2]);
    expect(swapped.body.swap.skipped).toEqual([expect.objectContaining({ moduleId: 3, reason: expect.stringContaining("upgrade it first") })]);
    expect(swapped.body.scenario.blueprint.modules.find((m: Module) => m.id === 2).connection).toBe(second.body.id);
    const undone = await builder.post(`/api/v1/upgrades/${swapped.body.runId}/revert`);
    expect(undone.body.revert[0]).toMatchObject({ outcome: "reverted" });
    expect((await viewer.get(`/api/v1/scenarios/${a}`)).body.blueprint.modules.find((m: Module) => m.id === 2).connection).toBe(apiKeyConnection);

    const bulk = { app: "workfront", connectionId: second.body.id, scenarios: [{ scenarioId: a }, { scenarioId: b, baseRevision: 1 }] };
    expect((await builder.post("/api/v1/upgrades/swap-connection", bulk)).status).toBe(403);
    const run = await admin.post("/api/v1/upgrades/swap-connection", bulk);
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body).toMatchObject({ kind: "swap-connection", counts: { attention: 2 } });
    for (const sid of [a, b]) expect((await viewer.get(`/api/v1/scenarios/${sid}`)).body.blueprint.modules.find((m: Module) => m.id === 2).connection).toBe(second.body.id);
  });
});
