import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbTargets, startServer, type RunningServer } from "../support/server";
import { ApiClient } from "../support/client";
import { demoConnection, firstOutput, httpV1Blueprint, runOnce, signInRoles, startEcho } from "../support/upgrades";

/**
 * The server's "today" is pinned (PATCHBAY_SUNSET_TODAY) a month after http:makeRequest v1's sunset
 * (2027-06-01) and before the Proof v1 modules' (2027-11-30): one is sunset, the other only deprecated.
 */
describe.each(dbTargets)("module sunset (%s)", (db) => {
  let server: RunningServer;
  let echo: { url: string; close: () => Promise<void> };
  let builder: ApiClient;
  let proofConnection: string;

  beforeAll(async () => {
    echo = await startEcho();
    server = await startServer({ db, env: { PATCHBAY_HTTP_ALLOW: "127.0.0.1", PATCHBAY_SUNSET_TODAY: "2027-07-01" } });
    const signed = await signInRoles(server.url, ["builder"]);
    builder = signed.builder;
    proofConnection = await demoConnection(signed.admin, "proof@1");
  });
  afterAll(async () => {
    await server?.stop();
    await echo?.close();
  });

  it("refuses to run a sunset module version, naming the upgrade; flags the scenario; runs again once upgraded", async () => {
    const created = await builder.post("/api/v1/scenarios", { name: "Past sunset", blueprint: httpV1Blueprint(echo.url) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect(created.body.versions).toEqual({ outdated: 1, deprecated: 0, sunset: 1 });
    const listed = (await builder.get(`/api/v1/scenarios?query=${encodeURIComponent("Past sunset")}`)).body.items[0];
    expect(listed.versions.sunset).toBe(1);
    expect((await builder.get("/api/v1/upgrades")).body.apps.find((a: { app: string }) => a.app === "http").modules[0]).toMatchObject({ module: "http:makeRequest", version: 1, status: "sunset" });

    const run = await runOnce(builder, id);
    expect(run.status).toBe("error");
    expect(run.error).toMatchObject({ type: "ModuleSunset", moduleId: 2 });
    expect(run.error.message).toContain("passed its sunset date 2027-06-01");
    expect(run.error.message).toContain("Upgrade it to v2");
    // Refused before anything ran: not even the trigger.
    expect(run.log).toEqual([]);
    const activate = await builder.post(`/api/v1/scenarios/${id}/activate`);
    expect(activate.status).toBe(422);
    expect(activate.body.error.message).toContain("sunset");

    const upgraded = await builder.post(`/api/v1/scenarios/${id}/upgrade`, { targets: "all", baseRevision: 1 });
    expect(upgraded.status, JSON.stringify(upgraded.body)).toBe(200);
    expect(upgraded.body.scenario.versions).toEqual({ outdated: 0, deprecated: 0, sunset: 0 });
    const after = await runOnce(builder, id);
    expect(after.status, JSON.stringify(after.error)).toBe("success");
    expect(firstOutput(after, 3)?.text).toBe("got hello");
  });

  it("keeps running a deprecated version before its sunset date", async () => {
    const created = await builder.post("/api/v1/scenarios", {
      name: "Deprecated, not sunset",
      blueprint: {
        schemaVersion: 1,
        modules: [
          { id: 1, module: "flow:manualTrigger", version: 1 },
          { id: 2, module: "proof:listProofs", version: 1, connection: proofConnection, mapper: { status: "all" } },
        ],
        links: [{ from: 1, to: 2 }],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.versions).toEqual({ outdated: 1, deprecated: 1, sunset: 0 });
    const run = await runOnce(builder, created.body.id);
    expect(run.status, JSON.stringify(run.error)).toBe("success");
    expect(run.log.filter((e: { moduleId: number }) => e.moduleId === 2).length).toBeGreaterThan(0);
  });
});
