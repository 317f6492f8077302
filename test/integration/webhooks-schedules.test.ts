import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, isDistributed, runTargets, startServer, type RunningServer } from "../support/server";
import { ApiClient } from "../support/client";

const hookScenario = (webhook: string, respond: boolean, expected?: unknown) => ({
  schemaVersion: 1,
  modules: [
    { id: 1, module: "webhooks:customWebhook", version: 1, params: { webhook, ...(expected ? { expected } : {}) } },
    { id: 2, module: "json:create", version: 1, mapper: { data: { ok: true, echo: "{{1.value}}", n: "{{1.n * 2}}" } } },
    ...(respond ? [{ id: 3, module: "webhooks:respond", version: 1, mapper: { status: 201, body: "{{2.json}}", headers: [{ key: "X-Run", value: "yes" }] } }] : []),
  ],
  links: [{ from: 1, to: 2 }, ...(respond ? [{ from: 2, to: 3 }] : [])],
});

describe.each(runTargets)("webhooks and schedules (%s)", (db) => {
  let server: RunningServer;
  let builder: ApiClient;

  beforeAll(async () => {
    server = await startServer({ db, env: { PATCHBAY_DEV_FAST_SCHEDULES: "1", PATCHBAY_WEBHOOK_RESPONSE_TIMEOUT_MS: "3000", PATCHBAY_HTTP_ALLOW: "127.0.0.1" } });
    builder = new ApiClient(server.url);
    await builder.signIn(ADMIN.email, ADMIN.password);
  });
  afterAll(async () => server?.stop());

  async function hook(name: string) {
    const res = await builder.post("/api/v1/webhooks", { name });
    expect(res.status).toBe(201);
    return res.body as { id: string; path: string };
  }

  async function until<T>(fn: () => Promise<T | undefined>, what: string, ms = 15_000): Promise<T> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const v = await fn();
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  const call = (path: string, init: RequestInit = {}) => fetch(server.url + path, init);

  it("answers a webhook with the scenario's response", async () => {
    const h = await hook("Echo");
    const s = (await builder.post("/api/v1/scenarios", { name: "Echo", blueprint: hookScenario(h.id, true) })).body;
    expect((await call(h.path, { method: "POST" })).status).toBe(410);
    expect((await builder.post(`/api/v1/scenarios/${s.id}/activate`)).body).toMatchObject({ active: true, instant: true });

    const res = await call(`${h.path}?n=21`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ value: "hi" }) });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-run")).toBe("yes");
    expect(await res.json()).toEqual({ ok: true, echo: "hi", n: 42 });

    // The caller got its answer mid-run; the execution is recorded right after.
    const recorded = await until(async () => {
      const items = (await builder.get(`/api/v1/scenarios/${s.id}/executions`)).body.items;
      return items[0]?.status === "success" ? items[0] : undefined;
    }, "the run to be recorded");
    expect(recorded).toMatchObject({ trigger: "webhook", operations: 3 });

    // The intake remembers where the token leads; an edit or a switch-off still takes effect on the next call.
    const current = (await builder.get(`/api/v1/scenarios/${s.id}`)).body;
    const edited = await builder.put(`/api/v1/scenarios/${s.id}`, { baseRevision: current.revision, blueprint: hookScenario(h.id, false) });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const plain = await call(h.path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ value: "edited" }) });
    expect(plain.status).toBe(200);
    expect(await plain.text()).toBe("Accepted");
    await builder.post(`/api/v1/scenarios/${s.id}/deactivate`);
    const off = await call(h.path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ value: "too late" }) });
    expect(off.status).toBe(410);
    const runs = (await builder.get(`/api/v1/scenarios/${s.id}/executions`)).body.items as Array<{ revision: number }>;
    expect(runs.map((r) => r.revision)).toEqual([current.revision + 1, current.revision]);
  });

  it("answers a curl with a remote API's result: custom webhook → HTTP request → webhook response", async () => {
    // The "remote API": a price lookup on a local server.
    const remote = http.createServer((req, res) => {
      const sku = new URL(req.url ?? "/", "http://x").searchParams.get("sku");
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ sku, price: sku === "A-1" ? 12.5 : null, currency: "EUR" }));
    });
    await new Promise<void>((r) => remote.listen(0, "127.0.0.1", r));
    const remoteUrl = `http://127.0.0.1:${(remote.address() as AddressInfo).port}/prices`;
    try {
      const h = await hook("Prices");
      const blueprint = {
        schemaVersion: 1,
        modules: [
          { id: 1, module: "webhooks:customWebhook", version: 1, params: { webhook: h.id } },
          { id: 2, module: "http:makeRequest", version: 2, mapper: { url: remoteUrl, method: "GET", qs: [{ name: "sku", value: "{{1.sku}}" }] } },
          { id: 3, module: "webhooks:respond", version: 1, mapper: { status: 200, body: { sku: "{{2.body.sku}}", price: "{{2.body.price}}", via: "patchbay" } } },
        ],
        links: [{ from: 1, to: 2 }, { from: 2, to: 3 }],
      };
      const s = await builder.post("/api/v1/scenarios", { name: "Price lookup", blueprint });
      expect(s.status, JSON.stringify(s.body)).toBe(201);
      await builder.post(`/api/v1/scenarios/${s.body.id}/activate`);
      const res = await call(h.path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ sku: "A-1" }) });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ sku: "A-1", price: 12.5, via: "patchbay" });
    } finally {
      await new Promise((r) => remote.close(r));
    }
  });

  it("answers 202 when the scenario's response takes longer than the configured timeout, and finishes the run", async () => {
    const h = await hook("Slow");
    const blueprint = {
      schemaVersion: 1,
      modules: [
        { id: 1, module: "webhooks:customWebhook", version: 1, params: { webhook: h.id } },
        { id: 2, module: "flow:sleep", version: 1, mapper: { delay: 5 } },
        { id: 3, module: "webhooks:respond", version: 1, mapper: { status: 200, body: "too late" } },
      ],
      links: [{ from: 1, to: 2 }, { from: 2, to: 3 }],
    };
    const s = (await builder.post("/api/v1/scenarios", { name: "Slow responder", blueprint })).body;
    await builder.post(`/api/v1/scenarios/${s.id}/activate`);
    const started = Date.now();
    const res = await call(h.path, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(4900);
    const body = await res.json();
    expect(body).toMatchObject({ accepted: true, message: "The scenario is still running; its response will not reach this request." });
    const finished = await until(async () => {
      const e = (await builder.get(`/api/v1/executions/${body.executionId}`)).body;
      return e.status === "success" ? e : undefined;
    }, "the slow run to finish");
    expect(finished.operations).toBe(3);
  });

  it("stores fire-and-forget payloads before answering, accepts forms and query strings, and caps size", async () => {
    const h = await hook("Intake");
    const s = (await builder.post("/api/v1/scenarios", { name: "Intake", blueprint: hookScenario(h.id, false) })).body;
    await builder.post(`/api/v1/scenarios/${s.id}/activate`);
    const res = await call(h.path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "value=form&n=1" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("Accepted");
    // Accepted means stored: the execution exists at once, whatever its progress.
    const first = (await builder.get(`/api/v1/scenarios/${s.id}/executions`)).body.items;
    expect(first).toHaveLength(1);
    const done = await until(async () => {
      const e = (await builder.get(`/api/v1/executions/${first[0].id}`)).body;
      return e.status === "success" ? e : undefined;
    }, "the webhook run");
    expect(done.log[1].input).toEqual({ data: { ok: true, echo: "form", n: 2 } });

    expect((await call(`${h.path}?value=q`, { method: "GET" })).status).toBe(200);
    const big = await call(h.path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ value: "x".repeat(1024 * 1024) }) });
    expect(big.status).toBe(413);
    const badJson = await call(h.path, { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" });
    expect(badJson.status).toBe(400);
    expect((await builder.get(`/api/v1/scenarios/${s.id}/executions`)).body.total).toBe(2);
    expect((await call("/hooks/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", { method: "POST" })).status).toBe(404);
  });

  it("validates against the expected structure: a mismatch is a 400, recorded", async () => {
    const h = await hook("Typed");
    const s = (
      await builder.post("/api/v1/scenarios", { name: "Typed", blueprint: hookScenario(h.id, false, [{ name: "value", type: "text", required: true }, { name: "n", type: "number" }]) })
    ).body;
    await builder.post(`/api/v1/scenarios/${s.id}/activate`);
    const bad = await call(h.path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ n: "many" }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toBe('The data does not fit the expected structure: "value" is required. "n" must be a number.');
    const recorded = await until(async () => {
      const items = (await builder.get(`/api/v1/scenarios/${s.id}/executions`)).body.items;
      return items[0]?.status === "error" ? items[0] : undefined;
    }, "the refused call to be recorded");
    expect(recorded.error.message).toMatch(/does not fit the expected structure/);
    expect((await call(h.path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ value: "ok", n: 3 }) })).status).toBe(200);
  });

  it("refuses a webhook used by another scenario, and deleting a webhook in use", async () => {
    const h = await hook("Shared");
    await builder.post("/api/v1/scenarios", { name: "Owner", blueprint: hookScenario(h.id, false) });
    const second = await builder.post("/api/v1/scenarios", { name: "Thief", blueprint: hookScenario(h.id, false) });
    expect(second.status).toBe(422);
    expect(second.body.error.message).toMatch(/already used by another scenario/);
    expect((await builder.delete(`/api/v1/webhooks/${h.id}`)).status).toBe(409);
    const listed = (await builder.get("/api/v1/webhooks")).body.items.find((w: { id: string }) => w.id === h.id);
    expect(listed.scenario.name).toBe("Owner");
  });

  it("runs a scheduled scenario by itself, shows the next runs, and skips overlapping runs", async () => {
    const s = (
      await builder.post("/api/v1/scenarios", {
        name: "Ticker",
        blueprint: {
          schemaVersion: 1,
          modules: [
            { id: 1, module: "flow:increment", version: 1, params: { reset: "never" } },
            { id: 2, module: "flow:sleep", version: 1, mapper: { delay: 2 } },
          ],
          links: [{ from: 1, to: 2 }],
        },
      })
    ).body;
    const preview = await builder.post("/api/v1/schedules/preview", { schedule: { type: "daily", times: ["09:00"] }, timezone: "Europe/Paris" });
    expect(preview.body.nextRuns).toHaveLength(5);
    expect((await builder.post("/api/v1/schedules/preview", { schedule: { type: "cron", expression: "nope" } })).status).toBe(422);

    const set = await builder.put(`/api/v1/scenarios/${s.id}/schedule`, { schedule: { type: "interval", minutes: 0, seconds: 1 } });
    expect(set.status).toBe(200);
    expect(set.body.nextRuns).toHaveLength(5);
    await builder.post(`/api/v1/scenarios/${s.id}/activate`);
    expect((await builder.get(`/api/v1/scenarios/${s.id}`)).body.active).toBe(true);
    type Run = { trigger: string; status: string; startedAt: string; finishedAt: string };
    const list = async () => (await builder.get(`/api/v1/scenarios/${s.id}/executions`)).body.items as Run[];
    await until(async () => ((await list()).filter((r) => r.status === "success").length >= 2 ? true : undefined), "two scheduled runs", 30_000);
    await builder.post(`/api/v1/scenarios/${s.id}/deactivate`);
    const runs = await until(async () => {
      const items = await list();
      return items.every((r) => r.status === "success") ? items : undefined;
    }, "the scheduled runs to finish");
    expect(runs.every((r) => r.trigger === "schedule")).toBe(true);
    // Ticks come every second while each run takes 2 s: a sequential scenario's runs never overlap.
    const spans = runs.map((r) => [Date.parse(r.startedAt), Date.parse(r.finishedAt)]).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
    const elapsed = spans.at(-1)![1] - spans[0][0];
    // Without skipping, a run would start every second; with it, at most one per run length.
    expect(runs.length).toBeLessThanOrEqual(Math.floor(elapsed / 2000) + 1);
  });

  it("switches a scenario off after consecutive failed runs and says why", async () => {
    const s = (
      await builder.post("/api/v1/scenarios", {
        name: "Flaky",
        blueprint: {
          schemaVersion: 1,
          modules: [{ id: 1, module: "json:parse", version: 1, mapper: { json: "{broken" } }],
          links: [],
          settings: { autoDeactivateAfterErrors: 2 },
        },
      })
    ).body;
    await builder.put(`/api/v1/scenarios/${s.id}/schedule`, { schedule: { type: "interval", minutes: 0, seconds: 1 } });
    await builder.post(`/api/v1/scenarios/${s.id}/activate`);
    const off = await until(async () => {
      const d = (await builder.get(`/api/v1/scenarios/${s.id}`)).body;
      return d.active ? undefined : d;
    }, "auto-deactivation");
    expect(off.deactivatedReason).toMatch(/Switched off after 2 failed runs in a row\. Last error: .*not valid JSON/);
    expect((await builder.get(`/api/v1/scenarios/${s.id}/executions?status=error`)).body.total).toBe(2);
  });

  it("runs a payload accepted just before a crash exactly once after the restart", async () => {
    const h = await hook("Durable");
    const blueprint = {
      schemaVersion: 1,
      modules: [
        { id: 1, module: "webhooks:customWebhook", version: 1, params: { webhook: h.id } },
        { id: 2, module: "flow:sleep", version: 1, mapper: { delay: 3 } },
        { id: 3, module: "json:create", version: 1, mapper: { data: { got: "{{1.value}}" } } },
      ],
      links: [{ from: 1, to: 2 }, { from: 2, to: 3 }],
    };
    const s = (await builder.post("/api/v1/scenarios", { name: "Durable", blueprint })).body;
    await builder.post(`/api/v1/scenarios/${s.id}/activate`);
    const res = await call(h.path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ value: "survive" }) });
    expect(res.status).toBe(200);
    await until(async () => {
      const items = (await builder.get(`/api/v1/scenarios/${s.id}/executions`)).body.items;
      return items[0]?.status === "running" ? true : undefined;
    }, "the run to start");
    // Killed while the run sleeps: nothing finished, but the payload was stored before the 2xx.
    if (isDistributed(db)) {
      // The run lives in the worker: kill it; BullMQ finds the job stalled and a new worker picks it up.
      await server.workers[0].kill("SIGKILL");
      await server.startWorker();
    } else {
      await server.crash();
      await builder.signIn(ADMIN.email, ADMIN.password);
    }
    const runs = await until(async () => {
      const items = (await builder.get(`/api/v1/scenarios/${s.id}/executions`)).body.items;
      return items.length === 1 && items[0].status === "success" ? items : undefined;
    }, "the stored payload to run", 40_000);
    expect(runs[0].attempt).toBe(2);
    const detail = (await builder.get(`/api/v1/executions/${runs[0].id}`)).body;
    expect(detail.log.at(-1).input).toEqual({ data: { got: "survive" } });
  });
});
