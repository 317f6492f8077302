import { describe, expect, it } from "vitest";
import { blueprint, run } from "@/lib/engine/testing";
import { PROOF_API_12_1 } from "./api";
import { proofCredentials } from "./connection";
import { proofSoapCall, withProofSession } from "./session";
import { demoConnection, outputOf, proofSandboxForFile, resolved, runModule, servicesFor } from "./testing";

/** Sessions live 1 minute here; the clock is the test's, so "expired" needs no waiting. */
let clock = Date.parse("2026-11-23T10:00:00Z");
const sandbox = proofSandboxForFile({ sessionTtlMs: 60_000, now: () => new Date(clock) });
const shortLived = proofSandboxForFile({ sessionTtlMs: 0 });

describe("Proof sessions", () => {
  it("an expired session costs exactly one new login, and the call succeeds", async () => {
    const connection = demoConnection(sandbox.current);
    outputOf(await runModule(connection, "proof:getProof", 1, { proofId: 280750 }));
    clock += 30_000; // within the sliding window, renewed by the call
    outputOf(await runModule(connection, "proof:getProof", 1, { proofId: 280750 }));
    expect(connection.session.fetches).toBe(1);

    clock += 61_000; // past it: Proof answers 305
    const out = outputOf(await runModule(connection, "proof:getProof", 1, { proofId: 280750 }));
    expect(out[0]).toMatchObject({ file_id: 280750, filename: "Spring brochure" });
    expect(connection.session.fetches).toBe(2);
  });

  it("many runs hitting the same expired session share one new login (no login storm)", async () => {
    const connection = demoConnection(sandbox.current);
    outputOf(await runModule(connection, "proof:listWorkspaces", 1, {}));
    const keysBefore = new Set(sandbox.current.store.sessions.keys());
    clock += 120_000;
    const results = await Promise.all(Array.from({ length: 6 }, () => runModule(connection, "proof:getProof", 1, { proofId: 280751 })));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill("success"));
    expect(connection.session.fetches).toBe(2);
    // Proof's side agrees: exactly one session was opened for all six.
    expect([...sandbox.current.store.sessions.keys()].filter((key) => !keysBefore.has(key))).toHaveLength(1);
  });

  it("a session Proof refuses again right after the new login is an error, not a loop: two logins in all", async () => {
    const connection = demoConnection(shortLived.current);
    const result = await runModule(connection, "proof:getProof", 1, { proofId: 280750 });
    expect(result.error).toMatchObject({ type: "InvalidAccessTokenError", message: "Workfront Proof fault 305 (getProofDetails): Invalid Session ID." });
    expect(connection.session.fetches).toBe(2);
  });

  it("a run that calls several modules re-logs in once for all of them", async () => {
    const connection = demoConnection(sandbox.current);
    outputOf(await runModule(connection, "proof:listWorkspaces", 1, {}));
    clock += 120_000;
    const bp = blueprint(
      [
        { id: 1, module: "flow:manualTrigger", version: 1 },
        { id: 2, module: "proof:getProof", version: 1, connection: connection.id, mapper: { proofId: 280750 } },
        { id: 3, module: "proof:listReviewers", version: 1, connection: connection.id, mapper: { proofId: "{{2.file_id}}" } },
        { id: 4, module: "proof:listComments", version: 1, connection: connection.id, mapper: { proofId: "{{2.file_id}}" } },
      ],
      [[1, 2], [2, 3], [3, 4]],
    );
    const result = await run(bp, { services: servicesFor(connection) });
    expect(result.status).toBe("success");
    expect(connection.session.fetches).toBe(2);
  });

  it("a run whose call fails after another run already logged in again uses that session instead of logging in", async () => {
    const connection = demoConnection(sandbox.current);
    const credentials = proofCredentials(resolved(connection));
    const signal = AbortSignal.timeout(10_000);
    const details = (sessionId: string) => proofSoapCall(credentials, PROOF_API_12_1, "getProofDetails", { SessionID: sessionId, FileID: 280750 }, signal);
    await withProofSession(credentials, connection.session, PROOF_API_12_1, signal, details);
    clock += 120_000;

    // B reads the (now expired) session and is held before its call reaches Proof.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const used: string[] = [];
    const b = withProofSession(credentials, connection.session, PROOF_API_12_1, signal, async (sessionId) => {
      used.push(sessionId);
      if (used.length === 1) await held;
      return details(sessionId);
    });
    // Meanwhile A hits the 305, logs in again and finishes.
    await withProofSession(credentials, connection.session, PROOF_API_12_1, signal, details);
    expect(connection.session.fetches).toBe(2);
    release();
    await expect(b).resolves.toMatchObject({ file_id: 280750 });
    // B's 305 was answered with A's new session: no third login.
    expect(connection.session.fetches).toBe(2);
    expect(used).toHaveLength(2);
    expect(used[1]).not.toBe(used[0]);
  });
});
