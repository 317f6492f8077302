import { beforeAll, describe, expect, it } from "vitest";
import { PROOF_SANDBOX_DEMO_FILE } from "./index";
import { envelope, loginDemo, postRaw, soapClient, sandboxForThisFile, type SoapClient } from "./test-helpers";

const sandbox = sandboxForThisFile();
let v12: SoapClient;
let v16: SoapClient;
let session: string;

beforeAll(async () => {
  v12 = await soapClient(sandbox.current, "12.1");
  v16 = await soapClient(sandbox.current, "16.24.0");
  session = await loginDemo(v12);
});

const NEWER_FILE_MEMBERS = ["sourcename", "owner_email", "workflow_template_id", "automated_workflow", "stages", "progress"];
const NEWER_RECIPIENT_MEMBERS = ["stage_id", "progress", "wf_decision"];

describe("version gating", () => {
  it("shows members added after 12.1 only on the versioned endpoint, for the same proof", async () => {
    const proof = sandbox.current.store.proofs.find((p) => p.name === "Launch video storyboard")!;
    const old = (await v12.call("getProofDetails", { SessionID: session, FileID: proof.id })) as Record<string, unknown>;
    const current = (await v16.call("getProofDetails", { SessionID: session, FileID: proof.id })) as Record<string, unknown>;
    for (const member of NEWER_FILE_MEMBERS) {
      expect(old).not.toHaveProperty(member);
      expect(current).toHaveProperty(member);
    }
    expect(current).toMatchObject({ owner_email: "demo@patchbay.example", sourcename: "storyboard.pdf", automated_workflow: 1 });
    expect(Object.keys(current).filter((key) => !NEWER_FILE_MEMBERS.includes(key))).toEqual(Object.keys(old));
    const oldReviewers = (await v12.call("getProofReviewers", { SessionID: session, FileID: String(proof.id) })) as Record<string, unknown>[];
    const newReviewers = (await v16.call("getProofReviewers", { SessionID: session, FileID: String(proof.id) })) as Record<string, unknown>[];
    for (const member of NEWER_RECIPIENT_MEMBERS) {
      expect(oldReviewers[0]).not.toHaveProperty(member);
      expect(newReviewers[0]).toHaveProperty(member);
    }
  });

  it("refuses createWorkflowProof on 12.1 as a procedure that is not present", async () => {
    const body = envelope("urn:proofhqapi", "createWorkflowProof", `<SessionID>${session}</SessionID><OwnerID>0</OwnerID><Hash>web</Hash><Name>x</Name><SourceName>https://x.example/</SourceName>`);
    const response = await postRaw(`${sandbox.current.url}/soap`, body);
    expect(response.status).toBe(500);
    expect(response.text).toContain("Procedure &apos;createWorkflowProof&apos; not present");
  });

  it("ignores newer members sent to 12.1 and answers in that surface's namespace", async () => {
    const proof = (await v12.call("createProof", { SessionID: session, OwnerID: 0, Hash: PROOF_SANDBOX_DEMO_FILE.hash, Name: "Gated", SourceName: "g.pdf" })) as { file_id: number };
    const body = envelope(
      "https://soap.proofhq.com/",
      "addProofReviewers",
      `<SessionID>${session}</SessionID><FileID>${proof.file_id}</FileID><Recipients><item><email>s@x.com</email><role>5</role><stage_id>13</stage_id></item></Recipients><SuppressNewProofNotification></SuppressNewProofNotification>`,
    );
    const response = await postRaw(`${sandbox.current.url}/soap`, body);
    expect(response.status).toBe(200);
    expect(response.text).toContain(`<ns1:addProofReviewersResponse><return>true</return>`);
    expect(response.text).toContain(`xmlns:ns1="urn:proofhqapi"`);
    expect(sandbox.current.store.reviewersOf(proof.file_id)).toMatchObject([{ email: "s@x.com", stageId: 0 }]);
    const versioned = await postRaw(`${sandbox.current.url}/16_24_0/soap`, envelope("urn:proofhqapi", "checkSession", `<SessionID>${session}</SessionID>`));
    expect(versioned.text).toContain(`xmlns:ns1="https://soap.proofhq.com/"`);
  });

  it("a session works on both surfaces", async () => {
    await expect(v16.call("checkSession", { SessionID: session })).resolves.toBe(true);
  });
});
