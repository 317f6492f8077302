import { beforeAll, describe, expect, it } from "vitest";
import { PROOF_SANDBOX_DEMO_FILE } from "./index";
import { faultOf, loginDemo, soapClient, sandboxForThisFile, type SoapClient } from "./test-helpers";

const sandbox = sandboxForThisFile();
let client: SoapClient;
let session: string;

beforeAll(async () => {
  client = await soapClient(sandbox.current);
  session = await loginDemo(client);
});

type Recipient = { id: number; email: string; role: number; decision: string; primary_decision_maker: string; proof_url: string; name: string; position: string; comments_count: number };

async function newProof(name: string, extra: Record<string, boolean> = {}): Promise<number> {
  const proof = (await client.call("createProof", { SessionID: session, OwnerID: 0, Hash: PROOF_SANDBOX_DEMO_FILE.hash, Name: name, SourceName: "f.pdf", ...extra })) as { file_id: number };
  return proof.file_id;
}
const details = (id: number) => client.call("getProofDetails", { SessionID: session, FileID: id }) as Promise<{ decision: string; status: string }>;
const reviewers = (id: number) => client.call("getProofReviewers", { SessionID: session, FileID: String(id) }) as Promise<Recipient[]>;
const decideAs = (recipient: number, decision: string | number) => client.call("updateProofReviewer", { SessionID: session, RecipientID: recipient, RecipientDecision: String(decision) }) as Promise<Recipient>;

describe("reviewers", () => {
  it("addProofReviewer adds one (RecipientEmail and RecipientRole required) with a personal proof URL", async () => {
    const id = await newProof("One reviewer");
    const added = (await client.call("addProofReviewer", {
      SessionID: session, FileID: String(id), RecipientEmail: "pat@x.com", RecipientName: "Pat", RecipientPosition: "Editor", RecipientRole: 4, PrimaryDecisionMaker: "true",
    })) as Recipient;
    expect(added).toMatchObject({ email: "pat@x.com", name: "Pat", position: "Editor", role: 4, decision: "pending", primary_decision_maker: "true" });
    expect(added.proof_url).toMatch(new RegExp(`/review/${id}\\?r=[a-z0-9]{32}$`));
    await expect(reviewers(id)).resolves.toEqual([added]);
    expect((await faultOf(client.call("addProofReviewer", { SessionID: session, FileID: String(id), RecipientEmail: "q@x.com" }))).faultstring).toBe("Required parameter RecipientRole is missing.");
    expect((await faultOf(client.call("addProofReviewer", { SessionID: session, FileID: String(id), RecipientEmail: "q@x.com", RecipientRole: 2 }))).faultcode).toBe("400");
  });

  it("addProofReviewers adds a list; the same e-mail twice changes nothing; one bad item adds none", async () => {
    const id = await newProof("Many reviewers");
    await expect(client.call("addProofReviewers", { SessionID: session, FileID: id, Recipients: [{ email: "a@x.com", role: 5, name: "A" }, { email: "b@x.com", role: 3 }, { email: "A@x.com" }] })).resolves.toBe(true);
    expect((await reviewers(id)).map((r) => [r.email, r.role])).toEqual([["a@x.com", 5], ["b@x.com", 3]]);
    const fault = await faultOf(client.call("addProofReviewers", { SessionID: session, FileID: id, Recipients: [{ email: "c@x.com" }, { email: "broken" }] }));
    expect([fault.faultcode, fault.faultstring]).toEqual(["400", 'Invalid parameter Recipients[2].email: "broken" is not an e-mail address.']);
    expect(await reviewers(id)).toHaveLength(2);
  });

  it("decisions by id or text move the proof's decision once every approver has decided", async () => {
    const id = await newProof("Decided");
    await client.call("addProofReviewers", { SessionID: session, FileID: id, Recipients: [{ email: "a@x.com", role: 5 }, { email: "b@x.com", role: 4 }, { email: "c@x.com", role: 3 }] });
    const [a, b] = await reviewers(id);
    await expect(decideAs(a.id, 3)).resolves.toMatchObject({ decision: "approved" });
    await expect(details(id)).resolves.toMatchObject({ decision: "pending" });
    await decideAs(b.id, "approved with changes");
    await expect(details(id)).resolves.toMatchObject({ decision: "approved with changes" });
    await decideAs(b.id, "1");
    await expect(details(id)).resolves.toMatchObject({ decision: "changes required" });
    expect((await faultOf(decideAs(a.id, "maybe"))).faultcode).toBe("400");
  });

  it("a primary decision maker's decision is the proof's decision", async () => {
    const id = await newProof("Primary");
    await client.call("addProofReviewers", { SessionID: session, FileID: id, Recipients: [{ email: "boss@x.com", role: 4, primary_decision_maker: true }, { email: "other@x.com", role: 5 }] });
    const [boss] = await reviewers(id);
    await decideAs(boss.id, "approved");
    await expect(details(id)).resolves.toMatchObject({ decision: "approved" });
  });

  it("updateProofReviewer changes only what it is given; reviewers of a locked proof cannot decide", async () => {
    const id = await newProof("Updated");
    const added = (await client.call("addProofReviewer", { SessionID: session, FileID: String(id), RecipientEmail: "u@x.com", RecipientName: "U", RecipientPosition: "Lead", RecipientRole: 5 })) as Recipient;
    const updated = (await client.call("updateProofReviewer", { SessionID: session, RecipientID: added.id, RecipientName: "Una", RecipientRole: 3 })) as Recipient;
    expect(updated).toMatchObject({ name: "Una", position: "Lead", role: 3, email: "u@x.com" });
    await client.call("lockProof", { SessionID: session, FileID: id });
    const fault = await faultOf(decideAs(added.id, 3));
    expect([fault.faultcode, fault.faultstring]).toEqual(["403", "The proof is locked."]);
  });

  it("locks itself after the first decision or a final one when the proof asks for it", async () => {
    const first = await newProof("Lock after first", { LockAfterFirstDecision: true });
    const auto = await newProof("Auto lock", { EnableAutoLock: true });
    for (const id of [first, auto]) await client.call("addProofReviewers", { SessionID: session, FileID: id, Recipients: [{ email: "a@x.com", role: 5 }, { email: "b@x.com", role: 5 }] });
    const [firstA] = await reviewers(first);
    await decideAs(firstA.id, "approved");
    await expect(details(first)).resolves.toMatchObject({ status: "locked" });
    const [autoA, autoB] = await reviewers(auto);
    await decideAs(autoA.id, "approved");
    await expect(details(auto)).resolves.toMatchObject({ status: "unlocked" });
    await decideAs(autoB.id, "approved");
    await expect(details(auto)).resolves.toMatchObject({ status: "locked", decision: "approved" });
  });

  it("deleteProofReviewer removes a reviewer, which can settle the decision", async () => {
    const id = await newProof("Removal");
    await client.call("addProofReviewers", { SessionID: session, FileID: id, Recipients: [{ email: "a@x.com", role: 5 }, { email: "slow@x.com", role: 5 }] });
    const [a, slow] = await reviewers(id);
    await decideAs(a.id, "approved");
    await expect(client.call("deleteProofReviewer", { SessionID: session, ReviewerID: slow.id })).resolves.toBe(true);
    await expect(details(id)).resolves.toMatchObject({ decision: "approved" });
    expect((await faultOf(client.call("deleteProofReviewer", { SessionID: session, ReviewerID: slow.id }))).faultcode).toBe("403");
  });

  it("getProofComments lists comments oldest first, as SOAPCommentObjects", async () => {
    const brochure = sandbox.current.store.proofs.find((p) => p.name === "Spring brochure" && p.version === 1)!;
    const comments = (await client.call("getProofComments", { SessionID: session, FileID: brochure.id })) as { comment: string; author: string; url: string; replies: unknown[]; attachments: unknown[] }[];
    expect(comments.map((c) => [c.author, c.comment])).toEqual([
      ["Alice Approver", "The logo is too small on page 2."],
      ["Bob Reviewer", 'Typo in the headline: "Sprign".'],
    ]);
    expect(comments[0]).toMatchObject({ replies: [], attachments: [], url: expect.stringContaining(`/review/${brochure.id}#comment-`) });
  });
});

describe("workflow proofs (16.24.0)", () => {
  it("createWorkflowProof makes staged reviewers; the next stage opens when the previous one is decided", async () => {
    const v16 = await soapClient(sandbox.current, "16.24.0");
    const created = (await v16.call("createWorkflowProof", {
      SessionID: session, OwnerID: 0, Hash: PROOF_SANDBOX_DEMO_FILE.hash, Name: "Staged", SourceName: "s.pdf",
      Stages: [
        { name: "Legal", stage_locking: true, recipients: [{ email: "legal@x.com", role: 4, stage_id: 999 }] },
        { name: "Brand", recipients: [{ email: "brand@x.com", role: 5 }, { email: "brand2@x.com", role: 5, primary_decision_maker: true }] },
      ],
    })) as { proof_id: number; stages: { stage_id: number; name: string; active: boolean; start_trigger: number }[] }[];
    expect(created).toHaveLength(1);
    const [proof] = created;
    expect(proof.stages.map((s) => [s.name, s.active, s.start_trigger])).toEqual([["Legal", true, 1], ["Brand", false, 2]]);
    const staged = (await v16.call("getProofReviewers", { SessionID: session, FileID: String(proof.proof_id) })) as (Recipient & { stage_id: number; wf_decision: number })[];
    expect(staged.map((r) => [r.email, r.stage_id])).toEqual([["legal@x.com", proof.stages[0].stage_id], ["brand@x.com", proof.stages[1].stage_id], ["brand2@x.com", proof.stages[1].stage_id]]);
    const brand = staged[1];
    expect((await faultOf(decideAs(brand.id, "approved"))).faultstring).toMatch(/stage is not open/);
    await decideAs(staged[0].id, "approved");
    const after = (await v16.call("getProofDetails", { SessionID: session, FileID: proof.proof_id })) as { decision: string; stages: { active: boolean; decision: string }[] };
    expect(after.stages.map((s) => [s.decision, s.active])).toEqual([["approved", false], ["pending", true]]);
    await decideAs(staged[2].id, "approved with changes");
    await expect(v16.call("getProofDetails", { SessionID: session, FileID: proof.proof_id })).resolves.toMatchObject({ decision: "approved with changes" });
    await expect(v16.call("getProofReviewers", { SessionID: session, FileID: String(proof.proof_id) })).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ email: "legal@x.com", wf_decision: 3 })]));
  });

  it("needs at least one stage, each with a name", async () => {
    const v16 = await soapClient(sandbox.current, "16.24.0");
    const base = { SessionID: session, OwnerID: 0, Hash: PROOF_SANDBOX_DEMO_FILE.hash, Name: "Bad", SourceName: "b.pdf" };
    expect((await faultOf(v16.call("createWorkflowProof", { ...base, Stages: [] }))).faultstring).toBe("Required parameter Stages is missing.");
    expect((await faultOf(v16.call("createWorkflowProof", { ...base, Stages: [{ deadline: "2026-01-01" }] }))).faultstring).toBe("Required parameter name is missing.");
  });
});
