import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROOF_SANDBOX_DEMO, startProofSandbox } from "../../modules/proof/sandbox";
import { ApiClient, finishedExecution } from "../support/client";
import { ADMIN, dbTargets, startServer, type RunningServer } from "../support/server";

/**
 * A remote session shared by a connection's runs, through the app's own session store (sealed in the
 * database, one login in flight per process): when Proof's session has expired, concurrent runs log in
 * again exactly once between them.
 */
describe.each(dbTargets)("connector sessions (%s)", (db) => {
  let server: RunningServer;
  let admin: ApiClient;
  let clock = Date.parse("2026-11-23T10:00:00Z");
  let proof: Awaited<ReturnType<typeof startProofSandbox>>;

  beforeAll(async () => {
    // Proof's clock is the test's: sessions live one minute, so "expired" needs no waiting.
    proof = await startProofSandbox({ sessionTtlMs: 60_000, now: () => new Date(clock) });
    server = await startServer({ db, env: { PATCHBAY_HTTP_ALLOW: "127.0.0.1" } });
    admin = new ApiClient(server.url);
    await admin.signIn(ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await server?.stop();
    await proof?.close();
  });

  it("Proof: six concurrent runs on an expired session open exactly one new session at Proof", async () => {
    const connection = (
      await admin.post("/api/v1/connections", { name: "Proof (sessions)", type: "proof@1", values: { host: proof.url, email: PROOF_SANDBOX_DEMO.email, password: PROOF_SANDBOX_DEMO.password } })
    ).body;
    const scenario = await admin.post("/api/v1/scenarios", {
      name: "Read a proof",
      blueprint: {
        schemaVersion: 1,
        modules: [
          { id: 1, module: "flow:manualTrigger", version: 1 },
          { id: 2, module: "proof:getProof", version: 1, connection: connection.id, mapper: { proofId: 280750 } },
        ],
        links: [{ from: 1, to: 2 }],
      },
    });
    expect(scenario.status, JSON.stringify(scenario.body)).toBe(201);
    const runOnce = async () => finishedExecution(admin, (await admin.post(`/api/v1/scenarios/${scenario.body.id}/run`, {})).body.id);

    const sessionsBefore = new Set(proof.store.sessions.keys());
    expect(await runOnce()).toMatchObject({ status: "success" });
    expect(await runOnce()).toMatchObject({ status: "success" });
    const opened = () => [...proof.store.sessions.keys()].filter((key) => !sessionsBefore.has(key));
    expect(opened()).toHaveLength(1); // the session is stored and reused across runs

    clock += 120_000; // Proof now answers fault 305 for it
    const first = new Set(opened());
    const runs = await Promise.all(Array.from({ length: 6 }, runOnce));
    expect(runs.map((r) => r.status)).toEqual(Array(6).fill("success"));
    expect(opened().filter((key) => !first.has(key))).toHaveLength(1);
  });
});
