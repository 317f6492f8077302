import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_OAUTH_CLIENT_ID, DEMO_OAUTH_CLIENT_SECRET, SEED_IDS, startWorkfrontSandbox } from "../../modules/workfront/sandbox";
import { ApiClient, finishedExecution } from "../support/client";
import { ADMIN, dbTargets, startServer, type RunningServer } from "../support/server";

/**
 * A workfront@3 connection authorized the way an admin's browser does it: Patchbay sends them to the
 * Workfront sandbox's consent page, they pick a user and press Allow, the sandbox sends them back with a
 * code, Patchbay exchanges it and keeps the (rotating) refresh token sealed; modules then run with it.
 */
describe.each(dbTargets)("Workfront OAuth2 through the consent page (%s)", (db) => {
  let server: RunningServer;
  let admin: ApiClient;
  let workfront: Awaited<ReturnType<typeof startWorkfrontSandbox>>;

  beforeAll(async () => {
    workfront = await startWorkfrontSandbox();
    server = await startServer({ db, env: { PATCHBAY_HTTP_ALLOW: "127.0.0.1" } });
    admin = new ApiClient(server.url);
    await admin.signIn(ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await server?.stop();
    await workfront?.close();
    workfront?.server.close();
  });

  it("authorizes on the consent page, tests, and runs a module; the refresh token never leaves the server", async () => {
    const created = await admin.post("/api/v1/connections", {
      name: "Workfront (OAuth2)",
      type: "workfront@3",
      values: { host: workfront.url, clientId: DEMO_OAUTH_CLIENT_ID, clientSecret: DEMO_OAUTH_CLIENT_SECRET },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    // Not authorized yet: "Test" says what is missing rather than failing obscurely.
    expect((await admin.post(`/api/v1/connections/${id}/test`)).body).toMatchObject({ ok: false, message: expect.stringMatching(/authoriz/i) });

    const { url } = (await admin.post(`/api/v1/connections/${id}/authorize`)).body as { url: string };
    expect(url.startsWith(`${workfront.url}/integrations/oauth2/authorize?`)).toBe(true);

    // The consent page, as the browser shows it; its form is posted back as the browser would.
    const consent = await fetch(url);
    expect(consent.status).toBe(200);
    const html = await consent.text();
    expect(html).toContain('value="allow"');
    expect(html).toContain(`<option value="${SEED_IDS.admin}">Alex Admin`); // the admin comes first
    const form = new URLSearchParams();
    for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(name, value.replaceAll("&amp;", "&"));
    form.set("userID", SEED_IDS.admin);
    form.set("decision", "allow");
    const allowed = await fetch(new URL(/action="([^"]+)"/.exec(html)![1], workfront.url), {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(workfront.url).origin },
      body: form.toString(),
    });
    expect(allowed.status).toBe(302);
    const callback = new URL(allowed.headers.get("location")!);
    expect(callback.origin + callback.pathname).toBe(`${server.url}/api/v1/connections/oauth/callback`);

    const done = await admin.raw(callback.pathname + callback.search);
    expect(done.status).toBe(303);
    expect(new URL(done.headers.get("location")!).searchParams.get("authorized")).toBe(id);
    const tested = await admin.post(`/api/v1/connections/${id}/test`);
    expect(tested.body).toMatchObject({ ok: true, message: expect.stringContaining("as Alex Admin") });
    const listed = JSON.stringify((await admin.get("/api/v1/connections")).body);
    expect(listed).not.toContain(DEMO_OAUTH_CLIENT_SECRET);

    const scenario = await admin.post("/api/v1/scenarios", {
      name: "Read a task with OAuth2",
      blueprint: {
        schemaVersion: 1,
        modules: [
          { id: 1, module: "flow:manualTrigger", version: 1 },
          { id: 2, module: "workfront:readRecord", version: 2, connection: id, params: { objCode: "TASK" }, mapper: { id: SEED_IDS.launchTask } },
        ],
        links: [{ from: 1, to: 2 }],
      },
    });
    expect(scenario.status, JSON.stringify(scenario.body)).toBe(201);
    const queued = await admin.post(`/api/v1/scenarios/${scenario.body.id}/run`, {});
    const detail = await finishedExecution<{ log: Array<{ moduleId: number; output: unknown }> }>(admin, queued.body.id);
    expect(detail.status).toBe("success");
    expect(detail.log.find((e) => e.moduleId === 2)?.output).toEqual([expect.objectContaining({ ID: SEED_IDS.launchTask, name: "Launch" })]);
  });
});
