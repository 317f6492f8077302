import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, dbTargets, startServer, type RunningServer } from "../support/server";
import { ApiClient } from "../support/client";

/** What the editor asks of the server beyond saving: checks before saving, run once on the next webhook, live events. */
describe.each(dbTargets)("editor API (%s)", (db) => {
  let server: RunningServer;
  let admin: ApiClient;
  let viewer: ApiClient;

  beforeAll(async () => {
    server = await startServer({ db });
    admin = new ApiClient(server.url);
    await admin.signIn(ADMIN.email, ADMIN.password);
    const email = `viewer-${Date.now()}@example.com`;
    expect((await admin.post("/api/v1/users", { email, name: "Vera", role: "viewer", password: "viewer-password-123" })).status).toBe(201);
    viewer = new ApiClient(server.url);
    await viewer.signIn(email, "viewer-password-123");
  });
  afterAll(async () => server?.stop());

  async function until<T>(fn: () => Promise<T | undefined>, what: string, ms = 15_000): Promise<T> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const v = await fn();
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it("checks an unsaved blueprint and reports problems per module and field without saving anything", async () => {
    const s = (await admin.post("/api/v1/scenarios", { name: "Checked" })).body;
    const bad = {
      schemaVersion: 1,
      modules: [
        { id: 1, module: "flow:manualTrigger", version: 1 },
        { id: 2, module: "json:create", version: 1, mapper: { data: { a: "{{9.name}}", b: "{{upper(1.name}}" } } },
      ],
      links: [{ from: 1, to: 2 }],
    };
    const res = await admin.post(`/api/v1/scenarios/${s.id}/check`, { blueprint: bad });
    expect(res.status).toBe(200);
    const errors = res.body.errors as Array<{ moduleId: number; fieldPath: string; message: string }>;
    expect(errors.some((e) => e.moduleId === 2 && e.fieldPath === "mapper.data.a")).toBe(true);
    expect(errors.some((e) => e.moduleId === 2 && e.fieldPath === "mapper.data.b")).toBe(true);

    const twoParents = { ...bad, modules: [...bad.modules, { id: 3, module: "json:create", version: 1 }], links: [{ from: 1, to: 2 }, { from: 1, to: 3 }, { from: 2, to: 3 }] };
    const graph = await admin.post(`/api/v1/scenarios/${s.id}/check`, { blueprint: twoParents });
    expect(graph.status).toBe(200);
    expect(graph.body.errors.length).toBeGreaterThan(0);

    const good = { ...bad, modules: [bad.modules[0], { ...bad.modules[1], mapper: { data: { a: "{{1.name}}" } } }] };
    expect((await admin.post(`/api/v1/scenarios/${s.id}/check`, { blueprint: good })).body).toEqual({ errors: [], warnings: [] });

    // Checking is not saving.
    expect((await admin.get(`/api/v1/scenarios/${s.id}`)).body.revision).toBe(1);
    expect((await viewer.post(`/api/v1/scenarios/${s.id}/check`, { blueprint: good })).status).toBe(403);
    expect((await admin.post(`/api/v1/scenarios/scn_missing/check`, { blueprint: good })).status).toBe(404);
  });

  it("runs an inactive webhook scenario once on the next call after Run once starts waiting", async () => {
    const hook = (await admin.post("/api/v1/webhooks", { name: "Listen once" })).body as { id: string; path: string };
    const blueprint = {
      schemaVersion: 1,
      modules: [
        { id: 1, module: "webhooks:customWebhook", version: 1, params: { webhook: hook.id } },
        { id: 2, module: "json:create", version: 1, mapper: { data: { got: "{{1.value}}" } } },
      ],
      links: [{ from: 1, to: 2 }],
    };
    const s = (await admin.post("/api/v1/scenarios", { name: "Listening", blueprint })).body;
    const call = (value: string) => fetch(server.url + hook.path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ value }) });
    expect((await call("before")).status).toBe(410);

    expect((await viewer.post(`/api/v1/scenarios/${s.id}/listen`)).status).toBe(403);
    const listening = await admin.post(`/api/v1/scenarios/${s.id}/listen`);
    expect(listening.status).toBe(200);
    expect(listening.body.path).toBe(hook.path);
    expect(Date.parse(listening.body.until)).toBeGreaterThan(Date.now());

    expect((await call("once")).status).toBe(200);
    expect((await call("twice")).status).toBe(410);
    const run = await until(async () => {
      const items = (await admin.get(`/api/v1/scenarios/${s.id}/executions`)).body.items;
      return items[0]?.status === "success" ? items[0] : undefined;
    }, "the run");
    expect(run.trigger).toBe("webhook");
    const detail = (await admin.get(`/api/v1/executions/${run.id}`)).body;
    const created = detail.log.find((e: { moduleId: number }) => e.moduleId === 2);
    expect(created.status).toBe("success");
    expect(JSON.stringify(created.output)).toContain("once");
    expect((await admin.get(`/api/v1/scenarios/${s.id}/executions`)).body.items).toHaveLength(1);

    // Stopping cancels the wait; an active scenario needs no wait; a scenario without a webhook cannot wait.
    expect((await admin.post(`/api/v1/scenarios/${s.id}/listen`)).status).toBe(200);
    expect((await admin.request("DELETE", `/api/v1/scenarios/${s.id}/listen`)).status).toBe(204);
    expect((await call("after stop")).status).toBe(410);
    expect((await admin.post(`/api/v1/scenarios/${s.id}/activate`)).status).toBe(200);
    expect((await admin.post(`/api/v1/scenarios/${s.id}/listen`)).status).toBe(409);
    const plain = (await admin.post("/api/v1/scenarios", { name: "No hook" })).body;
    expect((await admin.post(`/api/v1/scenarios/${plain.id}/listen`)).status).toBe(422);
  });

  it("streams a run's module events to the editor as it happens, then says it finished", async () => {
    const blueprint = {
      schemaVersion: 1,
      modules: [
        { id: 1, module: "flow:manualTrigger", version: 1 },
        { id: 2, module: "flow:sleep", version: 1, mapper: { delay: 1 } },
        { id: 3, module: "json:create", version: 1, mapper: { data: { done: true } } },
      ],
      links: [{ from: 1, to: 2 }, { from: 2, to: 3 }],
    };
    const s = (await admin.post("/api/v1/scenarios", { name: "Live", blueprint })).body;
    const run = (await admin.post(`/api/v1/scenarios/${s.id}/run`, {})).body;
    const res = await admin.raw(`/api/v1/executions/${run.id}/events`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const text = await res.text();
    const events = [...text.matchAll(/event: (\w+)\ndata: (.*)\n/g)].map((m) => ({ name: m[1], data: JSON.parse(m[2]) as { type?: string; moduleId?: number } }));
    expect(events.at(-1)?.name).toBe("finished");
    // The sleep holds the run long enough for the stream to be open when module 3 runs.
    expect(events.some((e) => e.name === "engine" && e.data.type === "module:finish" && e.data.moduleId === 3)).toBe(true);

    // A finished run's stream ends at once.
    const again = await (await admin.raw(`/api/v1/executions/${run.id}/events`)).text();
    expect(again).toContain("event: finished");
    expect((await admin.raw(`/api/v1/executions/exe_missing/events`)).status).toBe(404);
  });
});
