import { beforeAll, describe, expect, it } from "vitest";
import { demoConnection, outputOf, proofSandboxForFile, runModule, type TestConnection } from "./testing";

const sandbox = proofSandboxForFile();
let connection: TestConnection;
let proofId: number;

beforeAll(async () => {
  connection = demoConnection(sandbox.current);
  [{ file_id: proofId }] = outputOf(await runModule(connection, "proof:createProof", 1, { url: "https://example.com/menu", name: "Menu card" }, { source: "web" }));
});

describe("Reviewer modules", () => {
  let carl: number;

  it("Add a reviewer: with a role and as primary decision maker; adding the same person again changes nothing", async () => {
    const [added] = outputOf(await runModule(connection, "proof:addReviewer", 1, { proofId, email: "carl@patchbay.example", name: "Carl", role: "4", primaryDecisionMaker: true, deadline: "2026-12-24T12:00:00Z" }));
    expect(added).toMatchObject({ file_id: proofId, email: "carl@patchbay.example", name: "Carl", role: 4, primary_decision_maker: "true", decision: "pending", deadline: "2026-12-24 12:00" });
    expect(added.proof_url).toMatch(new RegExp(`^${sandbox.current.url}/review/${proofId}\\?r=\\w+$`));
    expect(added).not.toHaveProperty("stage_id");
    carl = added.id;
    const [again] = outputOf(await runModule(connection, "proof:addReviewer", 1, { proofId, email: "carl@patchbay.example", role: "5" }));
    expect(again.id).toBe(carl);
    outputOf(await runModule(connection, "proof:addReviewer", 1, { proofId, email: "dina@patchbay.example" }));
  });

  it("Add a reviewer refuses what Proof refuses, with its fault text", async () => {
    const result = await runModule(connection, "proof:addReviewer", 1, { proofId, email: "not-an-address" });
    expect(result.error).toMatchObject({ type: "DataError", message: 'Workfront Proof fault 400 (addProofReviewer): Invalid parameter RecipientEmail: "not-an-address" is not an e-mail address.' });
  });

  it("List reviewers: v1 on 12.1 without the workflow members, v2 with them", async () => {
    const v1 = outputOf(await runModule(connection, "proof:listReviewers", 1, { proofId }));
    expect(v1.map((r) => [r.email, r.role])).toEqual([
      ["carl@patchbay.example", 4],
      ["dina@patchbay.example", 5],
    ]);
    expect(v1[0]).not.toHaveProperty("wf_decision");
    const v2 = outputOf(await runModule(connection, "proof:listReviewers", 2, { proofId }));
    expect(v2[0]).toMatchObject({ email: "carl@patchbay.example", stage_id: 0, wf_decision: null, progress: { sent: 1, opened: 0, comment_made: 0, decision_made: 0 } });
  });

  it("Update a reviewer's decision: the primary decision maker's decision becomes the proof's", async () => {
    const [updated] = outputOf(await runModule(connection, "proof:updateReviewerDecision", 1, { reviewerId: carl, decision: "2" }));
    expect(updated).toMatchObject({ id: carl, decision: "approved with changes", name: "Carl", role: 4 });
    expect(outputOf(await runModule(connection, "proof:getProof", 1, { proofId }))[0].decision).toBe("approved with changes");
    const [v2] = outputOf(await runModule(connection, "proof:updateReviewerDecision", 2, { reviewerId: carl, decision: "3" }));
    expect(v2).toMatchObject({ decision: "approved", stage_id: 0 });
  });

  it("a decision on a locked proof is refused with Proof's reason", async () => {
    outputOf(await runModule(connection, "proof:lockProof", 1, { proofId }));
    const result = await runModule(connection, "proof:updateReviewerDecision", 1, { reviewerId: carl, decision: "1" });
    expect(result.error).toMatchObject({ type: "DataError", message: "Workfront Proof fault 403 (updateProofReviewer): The proof is locked." });
    outputOf(await runModule(connection, "proof:unlockProof", 1, { proofId }));
  });

  it("Delete a reviewer", async () => {
    expect(outputOf(await runModule(connection, "proof:deleteReviewer", 1, { reviewerId: carl }))).toEqual([{ reviewerId: carl, success: true }]);
    expect(outputOf(await runModule(connection, "proof:listReviewers", 1, { proofId })).map((r) => r.email)).toEqual(["dina@patchbay.example"]);
    const again = await runModule(connection, "proof:deleteReviewer", 1, { reviewerId: carl });
    expect(again.error?.message).toMatch(/^Workfront Proof fault 403 \(deleteProofReviewer\)/);
  });

  it("a required field left empty is named before anything is sent", async () => {
    const result = await runModule(connection, "proof:addReviewer", 1, { proofId });
    expect(result.error).toMatchObject({ type: "DataError", message: expect.stringContaining("(email) is required") });
  });
});
