import { describe, expect, it } from "vitest";
import { ConnectionTestError } from "@/lib/connections/define";
import { memorySessionCache } from "@/modules/http/session";
import { proofDemo } from "./demo";
import { proofV1, proofV2 } from "./connection";
import { PROOF_SANDBOX_DEMO } from "./sandbox";
import { demoConnection, outputOf, proofSandboxForFile, runModule } from "./testing";

const sandbox = proofSandboxForFile();

function verify(type: typeof proofV1, values: Record<string, unknown>) {
  return type.verify!({ values, session: memorySessionCache(), signal: AbortSignal.timeout(10_000) });
}

async function testError(promise: Promise<unknown>): Promise<ConnectionTestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectionTestError);
  return error as ConnectionTestError;
}

describe("proof@1 (e-mail and password, doLogin)", () => {
  it("“Test” logs in and checks the session, naming the account", async () => {
    const { values } = demoConnection(sandbox.current, "proof@1", { host: `${sandbox.current.url}/` });
    await expect(verify(proofV1, values)).resolves.toEqual({ message: `Signed in to Workfront Proof as ${PROOF_SANDBOX_DEMO.userName} (${PROOF_SANDBOX_DEMO.organisation}).` });
  });

  it("a refused login is reported with Proof's fault text verbatim", async () => {
    const { values } = demoConnection(sandbox.current, "proof@1", { password: "wrong", email: "nobody-1@patchbay.example" });
    const error = await testError(verify(proofV1, values));
    expect(error.remote).toBe("Login details invalid.");
    expect(error.message).toBe("Workfront Proof refused: Login details invalid. (fault 303)");
  });

  it("incomplete values name the field, not the value", async () => {
    const error = await testError(verify(proofV1, { host: "ftp://x", email: "a@b.c", password: "secret-value" }));
    expect(error.message).toMatch(/host/);
    expect(error.message).not.toContain("secret-value");
  });

  it("modules run with it; the session is cached, so two runs log in once", async () => {
    const connection = demoConnection(sandbox.current, "proof@1");
    const first = outputOf(await runModule(connection, "proof:listWorkspaces", 1, {}));
    expect(first.map((w) => w.name)).toEqual(expect.arrayContaining(["Marketing", "Spring campaign", "Packaging", "My drafts"]));
    outputOf(await runModule(connection, "proof:getProofUrl", 1, { proofId: 280750 }));
    expect(connection.session.fetches).toBe(1);
  });
});

describe("proof@2 (e-mail and API token, getSessionId)", () => {
  it("“Test” logs in with the token", async () => {
    const { values } = demoConnection(sandbox.current, "proof@2");
    await expect(verify(proofV2, values)).resolves.toMatchObject({ message: expect.stringContaining(PROOF_SANDBOX_DEMO.userName) });
  });

  it("a wrong token is refused with Proof's text", async () => {
    const { values } = demoConnection(sandbox.current, "proof@2", { token: "not-the-token", email: "nobody-2@patchbay.example" });
    const error = await testError(verify(proofV2, values));
    expect(error.remote).toBe("Login details invalid.");
  });

  it("modules run with it, v1 and v2 alike", async () => {
    const connection = demoConnection(sandbox.current, "proof@2");
    expect(outputOf(await runModule(connection, "proof:getProof", 1, { proofId: 280752 }))[0]).toMatchObject({ file_id: 280752, filename: "Cereal box front" });
    expect(outputOf(await runModule(connection, "proof:getProof", 2, { proofId: 280752 }))[0]).toMatchObject({ file_id: 280752, owner_email: PROOF_SANDBOX_DEMO.email });
  });

  it("a module with a refused login fails as an access problem carrying the fault", async () => {
    const connection = demoConnection(sandbox.current, "proof@2", { token: "nope", email: "nobody-3@patchbay.example" });
    const result = await runModule(connection, "proof:getProof", 1, { proofId: 280752 });
    expect(result.error).toMatchObject({ type: "InvalidAccessTokenError", message: "Workfront Proof fault 303 (getSessionId): Login details invalid." });
  });
});

describe("proofDemo", () => {
  it("gives a proof@1 connection to the app's sandbox that logs in", async () => {
    const origin = new URL(sandbox.current.url).origin;
    const demo = proofDemo(`${origin}/`);
    expect(demo).toEqual({
      connections: [
        { name: "Workfront Proof sandbox (demo)", type: "proof@1", values: { host: `${origin}/sandbox/proof`, email: PROOF_SANDBOX_DEMO.email, password: PROOF_SANDBOX_DEMO.password } },
      ],
    });
    await expect(verify(proofV1, demo.connections[0].values)).resolves.toMatchObject({ message: expect.stringContaining("Signed in") });
  });
});
