import { describe, expect, it } from "vitest";
import { blueprint, run } from "@/lib/engine/testing";
import { getModule } from "@/modules";
import { proofModules } from "./modules";
import { PROOF_SANDBOX_DEMO } from "./sandbox";
import { demoConnection, outputOf, proofSandboxForFile, resolved, runModule, servicesFor, type Out } from "./testing";

/**
 * The detailed module tests use an e-mail/password connection (proof@1). Here every module version runs
 * once with an e-mail/token connection (proof@2, getSessionId), against the same sandbox over HTTP; the
 * last test fails when a module version is added without a step here.
 */
const sandbox = proofSandboxForFile();
const covered = new Set<string>();

async function step(module: string, version: number, mapper: Record<string, unknown>, params: Record<string, unknown> = {}): Promise<Out[]> {
  covered.add(`${module}@${version}`);
  return outputOf(await runModule(demoConnection(sandbox.current, "proof@2"), module, version, mapper, params));
}

describe("every Proof module with a proof@2 (e-mail and token) connection", () => {
  it("creates, reads, lists, reviews, locks and removes proofs, and works with workspaces", async () => {
    const [plain] = await step("proof:createProof", 1, { url: "https://example.com/token-a", name: "Token A", recipients: "ann@example.com" }, { source: "web" });
    expect(plain).toMatchObject({ filename: "Token A" });
    const [workflow] = await step("proof:createProof", 2, { url: "https://example.com/token-b", name: "Token B", recipients: [{ email: "bob@example.com", role: "4" }] }, { source: "web" });
    expect(workflow).toMatchObject({ filename: "Token B", owner_email: PROOF_SANDBOX_DEMO.email });
    const [second] = await step("proof:createProofVersion", 1, { parentProofId: plain.file_id, url: "https://example.com/token-a2", name: "Token A v2" }, { source: "web" });
    const [third] = await step("proof:createProofVersion", 2, { parentProofId: second.file_id, url: "https://example.com/token-a3", name: "Token A v3" }, { source: "web" });
    expect(third).toMatchObject({ version: 3, owner_email: PROOF_SANDBOX_DEMO.email });

    expect((await step("proof:getProof", 1, { proofId: workflow.file_id }))[0]).toMatchObject({ file_id: workflow.file_id });
    expect((await step("proof:getProof", 2, { proofId: workflow.file_id }))[0].stages).toHaveLength(1);
    for (const version of [1, 2]) {
      expect((await step("proof:listProofs", version, { status: "all" })).map((p) => p.file_id)).toContain(third.file_id);
      expect((await step("proof:searchProofs", version, { name: "token b" })).map((p) => p.file_id)).toEqual([workflow.file_id]);
    }

    const [carl] = await step("proof:addReviewer", 1, { proofId: third.file_id, email: "carl@example.com", name: "Carl" });
    const [dana] = await step("proof:addReviewer", 2, { proofId: third.file_id, email: "dana@example.com", name: "Dana", role: "4" });
    expect(dana).toMatchObject({ email: "dana@example.com", role: 4 });
    expect((await step("proof:listReviewers", 1, { proofId: third.file_id })).map((r) => r.email)).toEqual(expect.arrayContaining(["carl@example.com", "dana@example.com"]));
    expect((await step("proof:listReviewers", 2, { proofId: third.file_id })).every((r) => "wf_decision" in r)).toBe(true);
    expect((await step("proof:updateReviewerDecision", 1, { reviewerId: carl.id, decision: "1" }))[0]).toMatchObject({ id: carl.id, decision: "changes required" });
    expect((await step("proof:updateReviewerDecision", 2, { reviewerId: dana.id, decision: "3" }))[0]).toMatchObject({ id: dana.id, decision: "approved" });
    expect(await step("proof:deleteReviewer", 1, { reviewerId: carl.id })).toEqual([{ reviewerId: carl.id, success: true }]);
    expect((await step("proof:getProofUrl", 1, { proofId: third.file_id }))[0].url).toMatch(/^http/);
    expect(await step("proof:listComments", 1, { proofId: third.file_id })).toEqual([]);

    expect(await step("proof:lockProof", 1, { proofId: workflow.file_id })).toEqual([{ file_id: workflow.file_id, success: true }]);
    expect(await step("proof:unlockProof", 1, { proofId: workflow.file_id })).toEqual([{ file_id: workflow.file_id, success: true }]);
    expect(await step("proof:archiveProof", 1, { proofId: workflow.file_id })).toEqual([{ file_id: workflow.file_id, success: true }]);
    expect(await step("proof:deleteProof", 1, { proofId: workflow.file_id, permanent: true })).toEqual([{ file_id: workflow.file_id, success: true }]);

    const [workspace] = await step("proof:createWorkspace", 1, { name: "Token workspace" });
    expect((await step("proof:listWorkspaces", 1, {})).map((w) => w.id)).toContain(workspace.id);
  });

  it("the triggers: Watch proofs polls, Watch decisions registers and removes its callback", async () => {
    const connection = demoConnection(sandbox.current, "proof@2");
    for (const version of [1, 2]) {
      covered.add(`proof:watchProofs@${version}`);
      const result = await run(blueprint([{ id: 1, module: "proof:watchProofs", version, connection: connection.id, params: { watch: "new", startFrom: "all" } }], []), {
        services: servicesFor(connection),
      });
      expect(outputOf(result, 1).length).toBeGreaterThan(0);
    }

    covered.add("proof:watchDecisions@1");
    const lifecycle = getModule("proof:watchDecisions", 1)!.webhookLifecycle!;
    const ctx = { moduleId: 1, params: { webhook: "hook_x", proofId: 280751, event: "decisions" }, connection: resolved(connection), url: "http://127.0.0.1:9/hooks/token-test", signal: AbortSignal.timeout(10_000) };
    const state = await lifecycle.register(ctx);
    expect(sandbox.current.store.callbacks.filter((c) => c.url === ctx.url).map((c) => c.proofId)).toEqual([280751]);
    await lifecycle.unregister({ ...ctx, state });
    expect(sandbox.current.store.callbacks.filter((c) => c.url === ctx.url)).toEqual([]);
  });

  it("left no module version out", () => {
    expect([...covered].sort()).toEqual(proofModules.map((m) => `${m.key}@${m.version}`).sort());
  });
});
