import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkfrontSandbox } from "../../modules/workfront/sandbox";
import { ADMIN, dbTargets, isDistributed, startServer, type RunningServer } from "../support/server";
import { ApiClient } from "../support/client";

const API_KEY = "pbdemo0apikey0for0the0sandbox001";

describe.each(dbTargets.filter((t) => !isDistributed(t)))("polling triggers on a schedule (%s)", (db) => {
  let server: RunningServer;
  let admin: ApiClient;
  // The remote service runs on its own, so it outlives Patchbay's restart as a real Workfront would.
  let workfront: Awaited<ReturnType<typeof startWorkfrontSandbox>>;

  beforeAll(async () => {
    workfront = await startWorkfrontSandbox();
    server = await startServer({ db, env: { PATCHBAY_DEV_FAST_SCHEDULES: "1", PATCHBAY_HTTP_ALLOW: "127.0.0.1" } });
    admin = new ApiClient(server.url);
    await admin.signIn(ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await server?.stop();
    await workfront?.close();
    workfront?.server.close();
  });

  const createProject = async (name: string) => {
    const res = await fetch(`${workfront.url}/attask/api/v21.0/project?apiKey=${API_KEY}&name=${encodeURIComponent(name)}`, { method: "POST" });
    expect(res.status).toBe(200);
  };

  /** Names of the projects that reached json:create, one entry per operation, across all runs. */
  const processed = async (scenarioId: string): Promise<string[]> => {
    const runs = (await admin.get(`/api/v1/scenarios/${scenarioId}/executions?pageSize=100`)).body.items as Array<{ id: string; status: string }>;
    const names: string[] = [];
    for (const r of runs) {
      if (r.status !== "success") continue;
      const detail = (await admin.get(`/api/v1/executions/${r.id}`)).body;
      for (const e of detail.log) if (e.moduleId === 2) names.push(e.input.data.name);
    }
    return names.sort();
  };

  const eventually = async (check: () => Promise<boolean>, what: string) => {
    const end = Date.now() + 30_000;
    while (Date.now() < end) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  it("picks up each new record once, and resumes from its stored cursor after a restart", async () => {
    const connection = (await admin.post("/api/v1/connections", { name: "Workfront (test)", type: "workfront@2", values: { host: workfront.url, apiKey: API_KEY } })).body;
    expect((await admin.post(`/api/v1/connections/${connection.id}/test`)).body.ok).toBe(true);
    const s = await admin.post("/api/v1/scenarios", {
      name: "New projects",
      blueprint: {
        schemaVersion: 1,
        modules: [
          { id: 1, module: "workfront:watchRecords", version: 2, connection: connection.id, params: { objCode: "PROJ", watch: "new", startFrom: "now" } },
          { id: 2, module: "json:create", version: 1, mapper: { data: { name: "{{1.name}}" } } },
        ],
        links: [{ from: 1, to: 2 }],
      },
    });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    await admin.put(`/api/v1/scenarios/${s.body.id}/schedule`, { schedule: { type: "interval", minutes: 0, seconds: 1 } });
    await admin.post(`/api/v1/scenarios/${s.body.id}/activate`);
    // "From now on": existing projects are never output.
    await eventually(async () => (await admin.get(`/api/v1/scenarios/${s.body.id}/executions`)).body.total >= 1, "a first poll");

    await createProject("Polled before restart");
    await eventually(async () => (await processed(s.body.id)).includes("Polled before restart"), "the first project");

    await server.crash();
    await admin.signIn(ADMIN.email, ADMIN.password);
    await createProject("Polled after restart");
    await eventually(async () => (await processed(s.body.id)).includes("Polled after restart"), "the second project");
    await admin.post(`/api/v1/scenarios/${s.body.id}/deactivate`);
    // Nothing skipped, nothing processed twice, across the crash.
    expect(await processed(s.body.id)).toEqual(["Polled after restart", "Polled before restart"]);
  });
});
