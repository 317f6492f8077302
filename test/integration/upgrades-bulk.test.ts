import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, dbTargets, startServer, type RunningServer } from "../support/server";
import { ApiClient } from "../support/client";
import { firstOutput, httpV1Blueprint, runOnce, startEcho } from "../support/upgrades";

type Module = { id: number; version: number; connection?: string | null };

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

describe.each(dbTargets)("bulk upgrades: the upgrade center's API (%s)", (db) => {
  let server: RunningServer;
  let echo: { url: string; close: () => Promise<void> };
  let admin: ApiClient;
  let builder: ApiClient;
  let viewer: ApiClient;
  let apiKeyConnection: string;
  let legacyConnection: string;

  beforeAll(async () => {
    echo = await startEcho();
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
