import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbTargets, startServer, type RunningServer } from "../support/server";
import { ApiClient } from "../support/client";
import { firstOutput, httpV1Blueprint, runOnce, startEcho, demoConnection, signInRoles } from "../support/upgrades";
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

/** One Workfront v1 custom call on the legacy connection, reading the project count. */
const workfrontV1 = (legacyConnection: string) => ({
  schemaVersion: 1,
  modules: [
    { id: 1, module: "flow:manualTrigger", version: 1 },
    { id: 2, module: "workfront:customApiCall", version: 1, connection: legacyConnection, mapper: { url: "/proj/count" } },
    { id: 3, module: "flow:composeText", version: 1, mapper: { text: "{{2.data.data.count}} projects" } },
  ],
  links: [{ from: 1, to: 2 }, { from: 2, to: 3 }],
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
    ({ admin, builder, viewer } = await signInRoles(server.url));
    apiKeyConnection = await demoConnection(admin, "workfront@2");
    legacyConnection = await demoConnection(admin, "workfront@1");
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

  it("reports usage, plans and applies many scenarios as one run (upgraded / needs attention / kept), audits it with the bulk id, and reverts it as a whole", async () => {
    const create = async (name: string, blueprint: unknown) => {
      const res = await builder.post("/api/v1/scenarios", { name, blueprint });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const http = await create("Bulk http", httpV1Blueprint(echo.url, "bulk"));
    const wf = await create("Bulk workfront", workfrontV1(legacyConnection));
    const stale = await create("Bulk stale", httpV1Blueprint(echo.url, "stale"));
    const missing = await create("Bulk missing module", httpV1Blueprint(echo.url, "missing"));
    // An active scenario keeps running on its old revision until the new one is written.
    expect((await builder.post(`/api/v1/scenarios/${http}/activate`)).status).toBe(200);

    expect((await viewer.get("/api/v1/upgrades")).status).toBe(403);
    const report = await builder.get("/api/v1/upgrades");
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.today).toBe("2027-01-15");
    const httpApp = report.body.apps.find((a: { app: string }) => a.app === "http");
    const v1 = httpApp.modules.find((m: { module: string; version: number }) => m.module === "http:makeRequest" && m.version === 1);
    expect(v1).toMatchObject({ latest: 2, status: "deprecated", upgradable: true, deprecated: { sunset: "2027-06-01" } });
    expect(v1.uses).toEqual(expect.arrayContaining([{ scenarioId: http, scenarioName: "Bulk http", revision: 1, active: true, moduleIds: [2] }]));
    const workfrontApp = report.body.apps.find((a: { app: string }) => a.app === "workfront");
    expect(workfrontApp.modules.find((m: { module: string }) => m.module === "workfront:customApiCall").uses.map((u: { scenarioId: string }) => u.scenarioId)).toContain(wf);

    const selection = [
      { scenarioId: http, targets: "all" },
      { scenarioId: wf, targets: [2] },
      { scenarioId: stale, targets: "all" },
      { scenarioId: missing, targets: [2, 9] },
    ];
    expect((await viewer.post("/api/v1/upgrades/plan", { scenarios: selection })).status).toBe(403);
    const plan = await builder.post("/api/v1/upgrades/plan", { scenarios: selection });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    const planned = Object.fromEntries(plan.body.scenarios.map((p: { scenarioId: string }) => [p.scenarioId, p]));
    expect(planned[http]).toMatchObject({ expected: "attention", baseRevision: 1, active: true });
    expect(planned[wf]).toMatchObject({ expected: "attention", incompatibleConnections: [{ connectionId: legacyConnection, needs: "workfront@2|workfront@3", moduleIds: [2] }] });
    expect(planned[missing]).toMatchObject({ expected: "kept", reason: expect.stringContaining("no module 9") });
    expect((await builder.post("/api/v1/upgrades/plan", { scenarios: [] })).status).toBe(400);

    // Someone edits one selected scenario after the plan was shown.
    expect((await builder.put(`/api/v1/scenarios/${stale}`, { baseRevision: 1, name: "Bulk stale (edited)" })).status).toBe(200);
    const apply = {
      scenarios: selection.map((s) => ({ ...s, baseRevision: planned[s.scenarioId].baseRevision })),
      connectionMap: { [legacyConnection]: apiKeyConnection },
    };
    expect((await viewer.post("/api/v1/upgrades/apply", apply)).status).toBe(403);
    const run = await builder.post("/api/v1/upgrades/apply", apply);
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    const runId = run.body.id as string;
    expect(run.body).toMatchObject({ kind: "upgrade", revertedAt: null, counts: { upgraded: 0, attention: 2, kept: 2 } });
    const results = Object.fromEntries(run.body.results.map((r: { scenarioId: string }) => [r.scenarioId, r]));
    expect(results[http]).toMatchObject({ outcome: "attention", active: true, baseRevision: 1, revision: 2, modules: [{ moduleId: 2, module: "http:makeRequest", from: 1, to: 2 }] });
    expect(results[http].attention[0].items.join(" ")).toContain("Share cookies");
    expect(results[wf]).toMatchObject({ outcome: "attention", revision: 2 });
    expect(results[wf].attention[0].items.join(" ")).not.toContain("Pick a compatible connection");
    expect(results[stale]).toMatchObject({ outcome: "kept", revision: null, reason: expect.stringContaining("Changed since the plan") });
    // Never half-applied: module 2 could be upgraded, but module 9 does not exist, so nothing changed.
    expect(results[missing]).toMatchObject({ outcome: "kept", reason: expect.stringContaining("no module 9") });
    expect((await viewer.get(`/api/v1/scenarios/${missing}`)).body).toMatchObject({ revision: 1, versions: { outdated: 1 } });
    expect((await viewer.get(`/api/v1/scenarios/${stale}`)).body.revision).toBe(2);

    // The active scenario switched to its new revision and stays active; both upgraded scenarios run.
    const active = (await viewer.get(`/api/v1/scenarios/${http}`)).body;
    expect(active).toMatchObject({ active: true, revision: 2, versions: { outdated: 0 } });
    expect(firstOutput(await runOnce(builder, http), 3)?.text).toBe("got bulk");
    const wfRun = await runOnce(builder, wf);
    expect(wfRun.status, JSON.stringify(wfRun.error)).toBe("success");
    expect(firstOutput(wfRun, 3)?.text).toMatch(/^\d+ projects$/);
    expect((await viewer.get(`/api/v1/scenarios/${wf}`)).body.blueprint.modules.find((m: Module) => m.id === 2)).toMatchObject({ version: 2, connection: apiKeyConnection });

    const audit = (await admin.get("/api/v1/audit?pageSize=200")).body.items as Array<{ action: string; targetId: string; details: { runId?: string } }>;
    expect(audit.filter((e) => e.action === "scenario.upgrade" && e.details.runId === runId).map((e) => e.targetId).sort()).toEqual([http, wf].sort());
    expect(audit.some((e) => e.action === "upgrade.apply" && e.targetId === runId)).toBe(true);
    expect((await builder.get("/api/v1/upgrades")).body.runs[0]).toMatchObject({ id: runId, counts: { attention: 2, kept: 2 } });

    // Revert the run as a whole: the scenario edited since is refused with its reason, the other reverts.
    expect((await builder.put(`/api/v1/scenarios/${wf}`, { baseRevision: 2, name: "Bulk workfront (edited)" })).status).toBe(200);
    const reverted = await builder.post(`/api/v1/upgrades/${runId}/revert`);
    expect(reverted.status, JSON.stringify(reverted.body)).toBe(200);
    const entries = Object.fromEntries(reverted.body.revert.map((r: { scenarioId: string }) => [r.scenarioId, r]));
    expect(entries[http]).toMatchObject({ outcome: "reverted", revision: 3 });
    expect(entries[wf]).toMatchObject({ outcome: "refused", revision: null, reason: expect.stringContaining("revision 3") });
    expect(entries[stale]).toMatchObject({ outcome: "skipped" });
    expect(entries[missing]).toMatchObject({ outcome: "skipped" });
    expect(reverted.body.revertedAt).not.toBeNull();
    expect((await viewer.get(`/api/v1/scenarios/${http}`)).body).toMatchObject({ active: true, revision: 3, versions: { outdated: 1 } });
    expect((await viewer.get(`/api/v1/scenarios/${wf}`)).body.blueprint.modules.find((m: Module) => m.id === 2).version).toBe(2);
    expect(firstOutput(await runOnce(builder, http), 3)?.text).toBe("got bulk");
    const again = await builder.post(`/api/v1/upgrades/${runId}/revert`);
    expect(again.status).toBe(409);
    expect((await builder.get(`/api/v1/upgrades/${runId}`)).body.revert).toHaveLength(4);
    const reverts = (await admin.get("/api/v1/audit?pageSize=200")).body.items as Array<{ action: string; targetId: string; details: { runId?: string } }>;
    expect(reverts.filter((e) => e.action === "scenario.upgrade_revert" && e.details.runId === runId).map((e) => e.targetId)).toEqual([http]);
    expect((await builder.post("/api/v1/upgrades/upg_missing/revert")).status).toBe(404);
  });
});
