import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, dbTargets, startServer, type RunningServer } from "../support/server";
import { ApiClient } from "../support/client";

/** Answers every request with JSON `{ x, method }`, x taken from the JSON body it was sent. */
function startEcho() {
  const server = http.createServer(async (req, res) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    let x: unknown = null;
    try {
      x = (JSON.parse(text) as { x?: unknown }).x ?? null;
    } catch {
      /* not JSON: x stays null */
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ x, method: req.method }));
  });
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) }),
    ),
  );
}

/** manual trigger → http:makeRequest v1 (raw JSON body) → compose text reading {{2.data.x}}. */
const blueprint = (echoUrl: string) => ({
  schemaVersion: 1,
  modules: [
    { id: 1, module: "flow:manualTrigger", version: 1 },
    {
      id: 2,
      module: "http:makeRequest",
      version: 1,
      params: { bodyType: "raw" },
      mapper: { url: `${echoUrl}/echo`, method: "POST", contentType: "application/json", data: '{"x": "hello"}' },
    },
    { id: 3, module: "flow:composeText", version: 1, mapper: { text: "got {{2.data.x}}" } },
  ],
  links: [
    { from: 1, to: 2 },
    { from: 2, to: 3 },
  ],
});

describe.each(dbTargets)("module upgrades API (%s)", (db) => {
  let server: RunningServer;
  let echo: { url: string; close: () => Promise<void> };
  let builder: ApiClient;
  let viewer: ApiClient;

  beforeAll(async () => {
    echo = await startEcho();
    server = await startServer({ db, env: { PATCHBAY_HTTP_ALLOW: "127.0.0.1" } });
    const admin = new ApiClient(server.url);
    await admin.signIn(ADMIN.email, ADMIN.password);
    for (const role of ["builder", "viewer"] as const) {
      await admin.post("/api/v1/users", { email: `${role}@example.com`, role, password: "a-long-password" });
    }
    builder = new ApiClient(server.url);
    await builder.signIn("builder@example.com", "a-long-password");
    viewer = new ApiClient(server.url);
    await viewer.signIn("viewer@example.com", "a-long-password");
  });
  afterAll(async () => {
    await server?.stop();
    await echo?.close();
  });

  async function finished(id: string) {
    for (let i = 0; i < 200; i++) {
      const res = await viewer.get(`/api/v1/executions/${id}`);
      if (!["queued", "running"].includes(res.body.status)) return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`execution ${id} did not finish`);
  }

  /** Runs the scenario's current revision and returns what compose text produced. */
  async function composed(scenarioId: string): Promise<unknown> {
    const queued = await builder.post(`/api/v1/scenarios/${scenarioId}/run`, {});
    expect(queued.status, JSON.stringify(queued.body)).toBeLessThan(300);
    const run = await finished(queued.body.id);
    expect(run.status, JSON.stringify(run)).toBe("success");
    return run.log.find((e: { moduleId: number }) => e.moduleId === 3).output[0].text;
  }

  it("plans and applies http:makeRequest v1 → v2, rewriting {{2.data.x}} to {{2.body.x}}; stale base 409, viewer 403, revert by restore", async () => {
    const created = await builder.post("/api/v1/scenarios", { name: "Echo", blueprint: blueprint(echo.url) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect(await composed(id)).toBe("got hello");

    // Viewers may look at the plan but not apply it.
    const plan = await viewer.post(`/api/v1/scenarios/${id}/upgrade-plan`, { targets: "all" });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    expect(plan.body).toMatchObject({ baseRevision: 1, applicable: true, kept: [], errors: [] });
    expect(plan.body.modules).toHaveLength(1);
    expect(plan.body.modules[0]).toMatchObject({
      moduleId: 2,
      module: "http:makeRequest",
      before: { version: 1 },
      after: { version: 2, mapper: { body: { type: "raw", contentType: "application/json", content: '{"x": "hello"}' }, shareCookies: false } },
      renamedOutputs: { data: "body" },
      rewrittenReferences: [{ moduleId: 3, fieldPath: "mapper.text", before: "got {{2.data.x}}", after: "got {{2.body.x}}" }],
    });
    expect((await viewer.post(`/api/v1/scenarios/${id}/upgrade`, { targets: "all", baseRevision: 1 })).status).toBe(403);
    expect((await viewer.post(`/api/v1/scenarios/${id}/upgrade-plan`, { targets: "some" })).status).toBe(400);

    // Someone saves in between: the plan for revision 1 is stale.
    const renamed = await builder.put(`/api/v1/scenarios/${id}`, { baseRevision: 1, name: "Echo (renamed)" });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.revision).toBe(2);
    const stale = await builder.post(`/api/v1/scenarios/${id}/upgrade`, { targets: "all", baseRevision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("conflict");

    const upgraded = await builder.post(`/api/v1/scenarios/${id}/upgrade`, { targets: [2], baseRevision: 2 });
    expect(upgraded.status, JSON.stringify(upgraded.body)).toBe(200);
    expect(upgraded.body.scenario.revision).toBe(3);
    expect(upgraded.body.plan).toMatchObject({ baseRevision: 2, applicable: true });
    const modules = upgraded.body.scenario.blueprint.modules as Array<{ id: number; version: number; mapper: Record<string, unknown> }>;
    expect(modules.find((m) => m.id === 2)?.version).toBe(2);
    expect(modules.find((m) => m.id === 3)?.mapper).toEqual({ text: "got {{2.body.x}}" });
    const revisions = (await viewer.get(`/api/v1/scenarios/${id}/revisions`)).body.items as Array<{ number: number; message: string }>;
    expect(revisions[0]).toMatchObject({ number: 3, message: "Upgraded Make a request v1 → v2" });
    expect(await composed(id)).toBe("got hello");

    // Up to date: planning again is empty, and upgrading again writes nothing.
    const again = await viewer.post(`/api/v1/scenarios/${id}/upgrade-plan`, { targets: "all" });
    expect(again.body).toMatchObject({ baseRevision: 3, modules: [], kept: [] });
    const noop = await builder.post(`/api/v1/scenarios/${id}/upgrade`, { targets: "all", baseRevision: 3 });
    expect(noop.status).toBe(200);
    expect(noop.body.scenario.revision).toBe(3);

    // Revert = restore the revision before the upgrade, as a new revision.
    const restored = await builder.post(`/api/v1/scenarios/${id}/revisions/2/restore`, { baseRevision: 3 });
    expect(restored.status, JSON.stringify(restored.body)).toBe(201);
    expect(restored.body.revision).toBe(4);
    const back = restored.body.blueprint.modules as Array<{ id: number; version: number; mapper: Record<string, unknown> }>;
    expect(back.find((m) => m.id === 2)?.version).toBe(1);
    expect(back.find((m) => m.id === 3)?.mapper).toEqual({ text: "got {{2.data.x}}" });
    expect(await composed(id)).toBe("got hello");
  });

  it("answers 404 for an unknown scenario and 400 for an empty target list", async () => {
    expect((await viewer.post("/api/v1/scenarios/scn_missing/upgrade-plan", { targets: "all" })).status).toBe(404);
    expect((await builder.post("/api/v1/scenarios/scn_missing/upgrade", { targets: "all", baseRevision: 1 })).status).toBe(404);
    const created = await builder.post("/api/v1/scenarios", { name: "Empty targets", blueprint: blueprint(echo.url) });
    expect((await builder.post(`/api/v1/scenarios/${created.body.id}/upgrade-plan`, { targets: [] })).status).toBe(400);
  });
});
