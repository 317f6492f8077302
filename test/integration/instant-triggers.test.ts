import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROOF_SANDBOX_DEMO, PROOF_SANDBOX_DEMO_FILE, startProofSandbox } from "../../modules/proof/sandbox";
import { loginDemo, soapClient } from "../../modules/proof/sandbox/test-helpers";
import { DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, DEMO_API_KEY, SEED_IDS, startWorkfrontSandbox } from "../../modules/workfront/sandbox";
import { ApiClient } from "../support/client";
import { ADMIN, dbTargets, startServer, type RunningServer } from "../support/server";

/**
 * Instant triggers that register at a remote service (Workfront event subscriptions, Proof callbacks) while
 * their scenario is active: a new revision that changes the trigger moves the registration with it, deleting
 * the scenario or Patchbay switching it off removes it. The remote services run on their own, over HTTP.
 */
describe.each(dbTargets)("remote registrations follow the active trigger (%s)", (db) => {
  let server: RunningServer;
  let admin: ApiClient;
  let workfront: Awaited<ReturnType<typeof startWorkfrontSandbox>>;
  let proof: Awaited<ReturnType<typeof startProofSandbox>>;
  const connection = { legacy: "", apiKey: "", proof: "" };

  beforeAll(async () => {
    // v15.0 still served, so version 1 of Watch events can subscribe before its upgrade.
    workfront = await startWorkfrontSandbox({ removedVersions: [] });
    proof = await startProofSandbox();
    server = await startServer({ db, env: { PATCHBAY_HTTP_ALLOW: "127.0.0.1" } });
    admin = new ApiClient(server.url);
    await admin.signIn(ADMIN.email, ADMIN.password);
    const create = async (name: string, type: string, values: Record<string, string>) =>
      (await admin.post("/api/v1/connections", { name, type, values })).body.id as string;
    connection.legacy = await create("Workfront (password)", "workfront@1", { host: workfront.url, username: DEMO_ADMIN_USERNAME, password: DEMO_ADMIN_PASSWORD });
    connection.apiKey = await create("Workfront (API key)", "workfront@2", { host: workfront.url, apiKey: DEMO_API_KEY });
    connection.proof = await create("Proof", "proof@1", { host: proof.url, email: PROOF_SANDBOX_DEMO.email, password: PROOF_SANDBOX_DEMO.password });
  });
  afterAll(async () => {
    await server?.stop();
    await workfront?.close();
    workfront?.server.close();
    await proof?.close();
  });

  /** The event subscriptions Workfront holds for this hook, as its API lists them. */
  const subscriptionsFor = async (hookPath: string): Promise<Array<{ id: string; version: string; objCode: string; eventType: string }>> => {
    const res = await fetch(`${workfront.url}/attask/eventsubscription/api/v1/subscriptions?limit=100`, { headers: { authorization: DEMO_API_KEY } });
    const body = (await res.json()) as { subscriptions: Array<{ id: string; url: string; version: string; objCode: string; eventType: string }> };
    return body.subscriptions.filter((s) => s.url === server.url + hookPath);
  };

  const eventually = async <T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> => {
    const end = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (ok(value)) return value;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  /** What json:create (module 2) received in each successful run, newest first. */
  // A run's log can be read while its worker is still recording the outcome: wait for the outcome too.
  const finished = (runs: Array<Record<string, unknown>>) => runs.every((r) => r.status !== "queued" && r.status !== "running");
  const received = async (scenarioId: string): Promise<Array<Record<string, unknown>>> => {
    const runs = (await admin.get(`/api/v1/scenarios/${scenarioId}/executions?pageSize=50`)).body.items as Array<{ id: string; status: string }>;
    const out: Array<Record<string, unknown>> = [];
    for (const r of runs) {
      const detail = (await admin.get(`/api/v1/executions/${r.id}`)).body;
      for (const e of detail.log) if (e.moduleId === 2) out.push({ status: detail.status, ...e.input.data });
    }
    return out;
  };

  const watchTasks = (version: number, connectionId: string | null, hook: string) => ({
    id: 1,
    module: "workfront:watchEvents",
    version,
    ...(connectionId ? { connection: connectionId } : {}),
    params: { webhook: hook, objCode: "TASK", eventType: "UPDATE", filters: [], filterConnector: "AND", excludeOwnEvents: false, ...(version === 2 ? { apiVersion: "21.0" } : {}) },
    mapper: {},
  });
  const recordEvent = { id: 2, module: "json:create", version: 1, mapper: { data: { task: "{{1.ID}}", subscriptionVersion: "{{1.subscriptionVersion}}" } } };

  async function activeWatchEventsV1(name: string) {
    const hook = (await admin.post("/api/v1/webhooks", { name })).body;
    const created = await admin.post("/api/v1/scenarios", {
      name,
      blueprint: { schemaVersion: 1, modules: [watchTasks(1, connection.legacy, hook.id), recordEvent], links: [{ from: 1, to: 2 }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const activated = await admin.post(`/api/v1/scenarios/${created.body.id}/activate`);
    expect(activated.status, JSON.stringify(activated.body)).toBe(200);
    return { hook, scenario: created.body as { id: string; revision: number } };
  }

  it("Watch events upgraded v1 → v2 while active: the v1 subscription is replaced by a v2 one, and events keep coming", async () => {
    const { hook, scenario } = await activeWatchEventsV1("Task events, upgraded while active");
    const [v1] = await subscriptionsFor(hook.path);
    expect(v1).toMatchObject({ objCode: "TASK", version: "v1" });

    workfront.store.edit("TASK", SEED_IDS.designTask, { percentComplete: 20 });
    await eventually(() => received(scenario.id), (r) => r.length === 1 && finished(r), "the v1 event");
    expect((await received(scenario.id))[0]).toMatchObject({ status: "success", task: SEED_IDS.designTask, subscriptionVersion: "v1" });

    // What the editor saves after "Upgrade" and picking an API-key connection for version 2; settings left
    // at their defaults (the event type among them) are not written, and register with their defaults.
    const v2 = { id: 1, module: "workfront:watchEvents", version: 2, connection: connection.apiKey, params: { webhook: hook.id, objCode: "TASK" }, mapper: {} };
    const saved = await admin.put(`/api/v1/scenarios/${scenario.id}`, {
      baseRevision: scenario.revision,
      blueprint: { schemaVersion: 1, modules: [v2, recordEvent], links: [{ from: 1, to: 2 }] },
      message: "Upgraded Watch events to version 2",
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ active: true, deactivatedReason: null });
    const after = await subscriptionsFor(hook.path);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ objCode: "TASK", eventType: "UPDATE", version: "v2" });
    expect(after[0].id).not.toBe(v1.id);

    workfront.store.edit("TASK", SEED_IDS.designTask, { percentComplete: 40 });
    const runs = await eventually(() => received(scenario.id), (r) => r.length === 2 && finished(r), "the v2 event");
    expect(runs[0]).toMatchObject({ status: "success", task: SEED_IDS.designTask, subscriptionVersion: "v2" });
    expect(runs[1]).toMatchObject({ subscriptionVersion: "v1" });
    // No failed run: not one v1 payload reached the v2 trigger. (Switching a new subscription to v1 makes
    // Workfront send a v2 copy too for a while; version 1 ran on it and ignored it.)
    const all = (await admin.get(`/api/v1/scenarios/${scenario.id}/executions?pageSize=50`)).body.items as Array<{ status: string }>;
    expect(all.every((r) => r.status === "success")).toBe(true);

    // A save that leaves the trigger as it was keeps the subscription.
    await admin.put(`/api/v1/scenarios/${scenario.id}`, { baseRevision: saved.body.revision, name: "Task events (renamed)" });
    expect((await subscriptionsFor(hook.path)).map((s) => s.id)).toEqual([after[0].id]);
    await admin.post(`/api/v1/scenarios/${scenario.id}/deactivate`);
    expect(await subscriptionsFor(hook.path)).toEqual([]);
  });

  it("the upgrade API leaves version 2 without a fitting connection: the scenario is switched off, saying why, and the v1 subscription is gone", async () => {
    const { hook, scenario } = await activeWatchEventsV1("Task events, upgraded by the API");
    expect(await subscriptionsFor(hook.path)).toHaveLength(1);
    const upgraded = await admin.post(`/api/v1/scenarios/${scenario.id}/upgrade`, { targets: [1], baseRevision: scenario.revision });
    expect(upgraded.status, JSON.stringify(upgraded.body)).toBe(200);
    const now = (await admin.get(`/api/v1/scenarios/${scenario.id}`)).body;
    expect(now.blueprint.modules[0]).toMatchObject({ version: 2, connection: null });
    expect(now.active).toBe(false);
    expect(now.deactivatedReason).toMatch(/^Switched off when revision 2 was saved: Module 1 could not register with the remote service: /);
    expect(await subscriptionsFor(hook.path)).toEqual([]);
    // Nothing delivers to the scenario any more.
    workfront.store.edit("TASK", SEED_IDS.designTask, { name: `Homepage ${Date.now()}` });
    await workfront.deliveries.idle();
    expect((await admin.get(`/api/v1/scenarios/${scenario.id}/executions`)).body.total).toBe(0);
  });

  it("deleting an active scenario deletes its subscription; so does Patchbay switching it off after failures", async () => {
    const first = await activeWatchEventsV1("Task events, deleted while active");
    expect(await subscriptionsFor(first.hook.path)).toHaveLength(1);
    expect((await admin.delete(`/api/v1/scenarios/${first.scenario.id}`)).status).toBe(204);
    expect(await subscriptionsFor(first.hook.path)).toEqual([]);

    const hook = (await admin.post("/api/v1/webhooks", { name: "Failing task events" })).body;
    const failing = await admin.post("/api/v1/scenarios", {
      name: "Task events that always fail",
      blueprint: {
        schemaVersion: 1,
        modules: [watchTasks(2, connection.apiKey, hook.id), { id: 2, module: "json:parse", version: 1, mapper: { json: "not JSON: {{1.ID}}" } }],
        links: [{ from: 1, to: 2 }],
        settings: { autoDeactivateAfterErrors: 1 },
      },
    });
    expect(failing.status, JSON.stringify(failing.body)).toBe(201);
    await admin.post(`/api/v1/scenarios/${failing.body.id}/activate`);
    expect(await subscriptionsFor(hook.path)).toHaveLength(1);
    workfront.store.edit("TASK", SEED_IDS.designTask, { percentComplete: 60 });
    const off = await eventually(() => admin.get(`/api/v1/scenarios/${failing.body.id}`), (r) => r.body.active === false, "the switch-off");
    expect(off.body.deactivatedReason).toMatch(/^Switched off after 1 failed runs in a row/);
    await eventually(() => subscriptionsFor(hook.path), (s) => s.length === 0, "the subscription's removal");
  });

  it("Watch decisions moved to another proof while active: the callback moves with it", async () => {
    const client = await soapClient(proof);
    const session = await loginDemo(client);
    const newProof = async (name: string) =>
      ((await client.call("createProof", { SessionID: session, OwnerID: 0, Hash: PROOF_SANDBOX_DEMO_FILE.hash, Name: name, SourceName: "p.pdf", Recipients: "rev@example.com" })) as { file_id: number }).file_id;
    const [firstProof, secondProof] = [await newProof("First to watch"), await newProof("Second to watch")];
    const hook = (await admin.post("/api/v1/webhooks", { name: "Proof decisions" })).body;
    const watch = (proofId: number) => ({ id: 1, module: "proof:watchDecisions", version: 1, connection: connection.proof, params: { webhook: hook.id, proofId, event: "decisions" } });
    const record = { id: 2, module: "json:create", version: 1, mapper: { data: { proof: "{{1.file_id}}", decision: "{{1.decision}}" } } };
    const created = await admin.post("/api/v1/scenarios", { name: "Decisions", blueprint: { schemaVersion: 1, modules: [watch(firstProof), record], links: [{ from: 1, to: 2 }] } });
    expect((await admin.post(`/api/v1/scenarios/${created.body.id}/activate`)).status).toBe(200);
    const callbacks = () => proof.store.callbacks.filter((c) => c.url === server.url + hook.path).map((c) => c.proofId);
    expect(callbacks()).toEqual([firstProof]);

    const saved = await admin.put(`/api/v1/scenarios/${created.body.id}`, {
      baseRevision: created.body.revision,
      blueprint: { schemaVersion: 1, modules: [watch(secondProof), record], links: [{ from: 1, to: 2 }] },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.active).toBe(true);
    expect(callbacks()).toEqual([secondProof]);

    // A reviewer decides on the review page, as a person would.
    const [reviewer] = proof.store.reviewersOf(secondProof);
    const decided = await fetch(`${proof.url}/review/${secondProof}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ r: reviewer.token, action: "decide", decision: "3" }).toString(),
    });
    expect(decided.status).toBe(303);
    const runs = await eventually(() => received(created.body.id), (r) => r.length === 1 && finished(r), "the decision's run");
    expect(runs[0]).toMatchObject({ status: "success", proof: secondProof, decision: "approved" });
    await admin.post(`/api/v1/scenarios/${created.body.id}/deactivate`);
    expect(callbacks()).toEqual([]);
  });
});
