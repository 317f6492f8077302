import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, runTargets, startServer, type RunningServer } from "../support/server";
import { ApiClient } from "../support/client";

/** manual trigger → iterator over the payload's items → json:create per item → array aggregator back into one bundle. */
const pipeline = {
  schemaVersion: 1,
  modules: [
    { id: 1, module: "flow:manualTrigger", version: 1, params: { sample: { customer: "Ada", items: [{ sku: "A", qty: 1 }] } } },
    { id: 2, module: "flow:iterator", version: 1, mapper: { array: "{{1.items}}" } },
    { id: 3, module: "json:create", version: 1, mapper: { data: { sku: "{{2.sku}}", total: "{{2.qty * 10}}", who: "{{upper(1.customer)}}" } } },
    { id: 4, module: "flow:arrayAggregator", version: 1, params: { sourceModule: 2 }, mapper: { item: "{{3.json}}" } },
  ],
  links: [{ from: 1, to: 2 }, { from: 2, to: 3 }, { from: 3, to: 4 }],
};

const failing = (onError: unknown) => ({
  schemaVersion: 1,
  modules: [
    { id: 1, module: "flow:manualTrigger", version: 1 },
    { id: 2, module: "json:parse", version: 1, mapper: { json: "{{1.text}}" }, onError },
  ],
  links: [{ from: 1, to: 2 }],
});

describe.each(runTargets)("executions API (%s)", (db) => {
  let server: RunningServer;
  let builder: ApiClient;
  let viewer: ApiClient;

  beforeAll(async () => {
    server = await startServer({ db });
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
  afterAll(async () => server?.stop());

  async function finished(id: string) {
    for (let i = 0; i < 200; i++) {
      const res = await viewer.get(`/api/v1/executions/${id}`);
      if (!["queued", "running"].includes(res.body.status)) return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`execution ${id} did not finish`);
  }

  async function scenario(name: string, blueprint: unknown) {
    const res = await builder.post("/api/v1/scenarios", { name, blueprint });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; revision: number };
  }

  it("runs a scenario with a payload and records each module's input and output", async () => {
    const s = await scenario("Orders", pipeline);
    const queued = await builder.post(`/api/v1/scenarios/${s.id}/run`, {
      payload: { customer: "Grace", items: [{ sku: "X", qty: 2 }, { sku: "Y", qty: 3 }] },
    });
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ status: "queued", trigger: "manual", revision: 1 });

    const run = await finished(queued.body.id);
    expect(run.status).toBe("success");
    // trigger 1 + iterator 1 + json:create 2 + aggregator 1
    expect(run.operations).toBe(5);
    expect(run.input).toEqual({ customer: "Grace", items: [{ sku: "X", qty: 2 }, { sku: "Y", qty: 3 }] });
    const creates = run.log.filter((e: { moduleId: number }) => e.moduleId === 3);
    expect(creates.map((e: { input: unknown }) => e.input)).toEqual([
      { data: { sku: "X", total: 20, who: "GRACE" } },
      { data: { sku: "Y", total: 30, who: "GRACE" } },
    ]);
    const aggregate = run.log.find((e: { moduleId: number }) => e.moduleId === 4);
    expect(aggregate.output).toEqual([
      { array: ['{"sku":"X","total":20,"who":"GRACE"}', '{"sku":"Y","total":30,"who":"GRACE"}'] },
    ]);
  });

  it("streams a run's progress live, module by module, wherever the run happens", async () => {
    // The sleep keeps the run going while the view connects; in distributed mode a worker process runs it.
    const s = await scenario("Live", {
      schemaVersion: 1,
      modules: [
        { id: 1, module: "flow:manualTrigger", version: 1 },
        { id: 2, module: "flow:sleep", version: 1, mapper: { delay: 1.5 } },
        { id: 3, module: "json:create", version: 1, mapper: { data: { step: 3 } } },
        { id: 4, module: "json:create", version: 1, mapper: { data: { step: 4 } } },
      ],
      links: [{ from: 1, to: 2 }, { from: 2, to: 3 }, { from: 3, to: 4 }],
    });
    const run = await builder.post(`/api/v1/scenarios/${s.id}/run`, {});
    expect(run.status).toBe(202);
    const res = await viewer.raw(`/api/v1/executions/${run.body.id}/events`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    // The stream ends by itself once the outcome is recorded.
    const frames = (await res.text())
      .split("\n\n")
      .filter((f) => f.startsWith("event: "))
      .map((f) => ({ event: f.split("\n")[0].slice(7), data: JSON.parse(f.split("\n")[1].slice(6)) }));
    const engine = frames.filter((f) => f.event === "engine").map((f) => f.data);
    for (const moduleId of [3, 4]) {
      expect(engine).toContainEqual(expect.objectContaining({ type: "module:start", moduleId }));
      expect(engine).toContainEqual(expect.objectContaining({ type: "module:finish", moduleId, status: "success", outputBundles: 1 }));
    }
    expect(engine.at(-1)).toMatchObject({ type: "run:finish", status: "success", operations: 4 });
    expect(frames.at(-1)).toEqual({ event: "finished", data: { status: "success", error: null } });

    // Connecting after the end gives the outcome at once; an unknown run is a 404 in the one envelope.
    const late = await viewer.raw(`/api/v1/executions/${run.body.id}/events`);
    expect(await late.text()).toContain('event: finished\ndata: {"status":"success","error":null}');
    const missing = await viewer.raw("/api/v1/executions/exe_nope/events");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("not_found");
  });

  it("runs with the trigger's sample when no payload is given, and keeps the revision that ran", async () => {
    const s = await scenario("Sampled", pipeline);
    const first = await finished((await builder.post(`/api/v1/scenarios/${s.id}/run`, {})).body.id);
    expect(first).toMatchObject({ status: "success", revision: 1, operations: 4 });
    await builder.put(`/api/v1/scenarios/${s.id}`, { baseRevision: 1, name: "Sampled v2" });
    const second = await finished((await builder.post(`/api/v1/scenarios/${s.id}/run`, {})).body.id);
    expect(second.revision).toBe(2);
    expect((await viewer.get(`/api/v1/executions/${first.id}`)).body.revision).toBe(1);

    const history = await viewer.get(`/api/v1/scenarios/${s.id}/executions`);
    expect(history.body.items.map((e: { id: string }) => e.id)).toEqual([second.id, first.id]);
    expect(history.body.total).toBe(2);
    const none = await viewer.get(`/api/v1/scenarios/${s.id}/executions?status=error`);
    expect(none.body.total).toBe(0);
  });

  it("stops as an error without a handler, and as a warning with ignore", async () => {
    const plain = await scenario("Fails", failing(null));
    const run = await finished((await builder.post(`/api/v1/scenarios/${plain.id}/run`, { payload: { text: "{oops" } })).body.id);
    expect(run.status).toBe("error");
    expect(run.error).toMatchObject({ type: "DataError", moduleId: 2 });
    expect(run.error.message).toMatch(/not valid JSON/);

    const ignoring = await scenario("Ignores", failing({ directive: "ignore" }));
    const ignored = await finished((await builder.post(`/api/v1/scenarios/${ignoring.id}/run`, { payload: { text: "{oops" } })).body.id);
    expect(ignored.status).toBe("warning");
  });

  it("parks a failing bundle as an incomplete execution that can be retried or discarded", async () => {
    const s = await scenario("Breaks", failing({ directive: "break" }));
    const run = await finished((await builder.post(`/api/v1/scenarios/${s.id}/run`, { payload: { text: "{oops" } })).body.id);
    expect(run.status).toBe("incomplete");

    const incomplete = (await viewer.get(`/api/v1/scenarios/${s.id}/incomplete`)).body.items;
    expect(incomplete).toHaveLength(1);
    expect(incomplete[0]).toMatchObject({ executionId: run.id, moduleId: 2, status: "pending", attempts: 0 });
    expect(incomplete[0].error.message).toMatch(/not valid JSON/);

    expect((await viewer.post(`/api/v1/incomplete/${incomplete[0].id}/retry`)).status).toBe(403);
    const retry = await builder.post(`/api/v1/incomplete/${incomplete[0].id}/retry`);
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ trigger: "retry", retryOf: run.id });
    const retried = await finished(retry.body.id);
    // The stored bundle still holds bad JSON: it fails again and is parked again.
    expect(retried.status).toBe("incomplete");
    const after = (await viewer.get(`/api/v1/scenarios/${s.id}/incomplete`)).body.items;
    expect(after).toHaveLength(1);
    expect(after[0].executionId).toBe(retried.id);

    expect((await builder.delete(`/api/v1/incomplete/${after[0].id}`)).status).toBe(204);
    expect((await viewer.get(`/api/v1/scenarios/${s.id}/incomplete`)).body.items).toHaveLength(0);
    expect((await builder.post(`/api/v1/incomplete/${after[0].id}/retry`)).status).toBe(404);
  });

  it("keeps flow:increment counters between runs in the database", async () => {
    const s = await scenario("Counter", {
      schemaVersion: 1,
      modules: [
        { id: 1, module: "flow:manualTrigger", version: 1 },
        { id: 2, module: "flow:increment", version: 1, params: { reset: "never" } },
      ],
      links: [{ from: 1, to: 2 }],
    });
    const values: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await finished((await builder.post(`/api/v1/scenarios/${s.id}/run`, {})).body.id);
      values.push(run.log.find((e: { moduleId: number }) => e.moduleId === 2).output[0].i);
    }
    expect(values).toEqual([1, 2, 3]);
  });

  it("refuses bad references on save with 422 naming the module, field and position", async () => {
    const res = await builder.post("/api/v1/scenarios", {
      name: "Bad mapping",
      blueprint: {
        schemaVersion: 1,
        modules: [
          { id: 1, module: "flow:manualTrigger", version: 1 },
          { id: 2, module: "json:create", version: 1, mapper: { data: "total: {{3.amount}}" } },
          { id: 3, module: "json:create", version: 1, mapper: { data: "{{nosuchfunction(1.x)}}" } },
        ],
        links: [{ from: 1, to: 2 }, { from: 2, to: 3 }],
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.message).toMatch(/^Module 2, field mapper\.data \(position \d+\):/);
    const codes = res.body.error.details.errors.map((e: { moduleId: number; code: string }) => `${e.moduleId}:${e.code}`);
    expect(codes).toEqual(expect.arrayContaining(["2:not-upstream", "3:unknown-function"]));

    const unknownModule = await builder.post("/api/v1/scenarios", {
      name: "Unknown",
      blueprint: { schemaVersion: 1, modules: [{ id: 1, module: "flow:teleport", version: 1 }], links: [] },
    });
    expect(unknownModule.status).toBe(422);
  });

  it("answers 404 for unknown scenarios and executions, and keeps runs to builders", async () => {
    expect((await builder.post("/api/v1/scenarios/scn_missing/run", {})).status).toBe(404);
    expect((await viewer.get("/api/v1/executions/exe_missing")).status).toBe(404);
    const s = await scenario("Guarded run", pipeline);
    expect((await viewer.post(`/api/v1/scenarios/${s.id}/run`, {})).status).toBe(403);
  });

  it("lists modules with versions and describes one with its field and output specs", async () => {
    const catalog = (await viewer.get("/api/v1/modules")).body;
    const flow = catalog.apps.find((a: { name: string }) => a.name === "flow");
    const router = flow.modules.find((m: { key: string }) => m.key === "flow:router");
    expect(router).toMatchObject({ kind: "router", latestVersion: 1 });
    expect(router.versions[0]).toMatchObject({ version: 1, deprecated: null });

    const create = (await viewer.get("/api/v1/modules/json:create/1")).body;
    expect(create.fields.map((f: { name: string }) => f.name)).toEqual(["structure", "indent", "data"]);
    expect(create.output.spec).toEqual([{ name: "json", label: "JSON", type: "text" }]);
    const sampled = await viewer.get(`/api/v1/modules/flow:manualTrigger/1?params=${encodeURIComponent(JSON.stringify({ sample: { a: 1 } }))}`);
    expect(sampled.body.output.spec[0]).toMatchObject({ name: "a", type: "number" });
    expect((await viewer.get("/api/v1/modules/json:create/9")).status).toBe(404);
    expect((await viewer.get("/api/v1/modules/json:create/1?params=nope")).status).toBe(400);
  });
});
