import { beforeAll, describe, expect, it } from "vitest";
import { PROOF_SANDBOX_DEMO } from "./sandbox";
import { demoConnection, outputOf, proofSandboxForFile, runModule, type TestConnection } from "./testing";

const sandbox = proofSandboxForFile();
let connection: TestConnection;
beforeAll(() => {
  connection = demoConnection(sandbox.current);
});

describe("Create a proof v2: a workflow proof with stages", () => {
  it("puts recipient objects in their stages, with roles; e-mails given as text join the first stage", async () => {
    const [proof] = outputOf(
      await runModule(
        connection,
        "proof:createProof",
        2,
        {
          url: "https://example.com/launch",
          name: "Launch page",
          stages: [{ name: "Legal", deadline: "2026-12-05T12:00:00Z", stageLocking: true }, { name: "Brand" }],
          recipients: [
            { email: "lena@patchbay.example", role: "4", stage: 1, primaryDecisionMaker: true },
            { email: "bruno@patchbay.example", stage: 2 },
          ],
          recipientEmails: "eve@patchbay.example, fay@patchbay.example",
          defaultRole: "3",
        },
        { source: "web" },
      ),
    );
    expect(proof).toMatchObject({
      filename: "Launch page",
      sourcename: "https://example.com/launch",
      owner_email: PROOF_SANDBOX_DEMO.email,
      automated_workflow: 1,
      stages: [
        { name: "Legal", deadline_date: "2026-12-05 12:00", stage_locking: true, recipients_count: 3, active: true },
        { name: "Brand", recipients_count: 1, active: false },
      ],
      progress: { sent: 4 },
    });
    expect(proof).not.toHaveProperty("proof_id");
    const [legal, brand] = proof.stages as Array<{ stage_id: number }>;
    const reviewers = outputOf(await runModule(connection, "proof:listReviewers", 2, { proofId: proof.file_id }));
    expect(reviewers.map((r) => [r.email, r.role, r.stage_id, r.primary_decision_maker, r.wf_decision])).toEqual([
      ["lena@patchbay.example", 4, legal.stage_id, "true", 0],
      ["eve@patchbay.example", 3, legal.stage_id, "false", 0],
      ["fay@patchbay.example", 3, legal.stage_id, "false", 0],
      ["bruno@patchbay.example", 3, brand.stage_id, "false", 0],
    ]);
  });

  it("a recipient in a stage that does not exist is refused before anything is uploaded or created", async () => {
    const proofs = sandbox.current.store.proofs.length;
    const result = await runModule(connection, "proof:createProof", 2, { url: "https://example.com/x", name: "X", recipients: [{ email: "x@patchbay.example", stage: 3 }] }, { source: "web" });
    expect(result.error).toMatchObject({ type: "DataError", message: "Recipient 1 (x@patchbay.example) is in stage 3, but there is 1 stage." });
    expect(sandbox.current.store.proofs.length).toBe(proofs);
  });

  it("with no stages given, one stage named “Review”", async () => {
    const [proof] = outputOf(await runModule(connection, "proof:createProof", 2, { url: "https://example.com/y", name: "Y", recipientEmails: "gus@patchbay.example" }, { source: "web" }));
    expect(proof.stages).toEqual([expect.objectContaining({ name: "Review", recipients_count: 1 })]);
  });
});

describe("version gating: v1 reads the 12.1 surface, v2 the 16.24.0 one", () => {
  it("Get a proof: the workflow members exist only in v2", async () => {
    const [v1] = outputOf(await runModule(connection, "proof:getProof", 1, { proofId: 280753 }));
    const [v2] = outputOf(await runModule(connection, "proof:getProof", 2, { proofId: 280753 }));
    for (const member of ["sourcename", "owner_email", "workflow_template_id", "automated_workflow", "stages", "progress"]) {
      expect(v1, member).not.toHaveProperty(member);
      expect(v2, member).toHaveProperty(member);
    }
    expect(v2.stages.map((s: { name: string }) => s.name)).toEqual(["Legal", "Brand"]);
    // Everything v1 outputs, v2 outputs the same: no downstream mapping breaks.
    expect(v2).toMatchObject(v1);
  });

  it("List and search proofs, Create a proof version, Add a reviewer: v2 outputs the newer members", async () => {
    const [listed] = outputOf(await runModule(connection, "proof:listProofs", 2, { status: "all", limit: 1 }));
    expect(listed).toHaveProperty("owner_email", PROOF_SANDBOX_DEMO.email);
    const [found] = outputOf(await runModule(connection, "proof:searchProofs", 2, { name: "Cereal box front", exactMatch: true }));
    expect(found).toMatchObject({ file_id: 280752, sourcename: "cereal-front.png" });
    const [version] = outputOf(await runModule(connection, "proof:createProofVersion", 2, { parentProofId: 280752, url: "https://example.com/cereal-v2", name: "Cereal box front" }, { source: "web" }));
    expect(version).toMatchObject({ version: 2, parent_file_id: 280752, sourcename: "https://example.com/cereal-v2", automated_workflow: 0 });
    const [reviewer] = outputOf(await runModule(connection, "proof:addReviewer", 2, { proofId: version.file_id, email: "hal@patchbay.example" }));
    expect(reviewer).toMatchObject({ email: "hal@patchbay.example", role: 5, stage_id: 0, wf_decision: null });
  });
});
