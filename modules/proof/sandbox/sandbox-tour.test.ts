import { describe, expect, it } from "vitest";
import type { SoapArgs } from "@/lib/soap";
import { PROOF_SANDBOX_DEMO } from "./index";
import { OPERATIONS } from "./operations";
import { sandboxForThisFile, soapClient, upload } from "./test-helpers";

const sandbox = sandboxForThisFile({ seed: false });

/**
 * Every method of a surface, called once in a plausible order through a client built from that
 * surface's WSDL: each must answer (no fault) with the kind of value its WSDL declares.
 */
describe.each(["12.1", "16.24.0"] as const)("every method on the %s surface", (surface) => {
  it("answers each method with a value of its declared kind", async () => {
    const client = await soapClient(sandbox.current, surface);
    const results = new Map<string, unknown>();
    // Results are read loosely here: what each one holds is checked by the other files.
    const call = async (name: string, args: SoapArgs): Promise<any> => {
      const value = await client.call(name, args);
      results.set(name, value);
      return value;
    };
    await call("getSessionId", { EmailAddress: PROOF_SANDBOX_DEMO.email, AuthToken: PROOF_SANDBOX_DEMO.authToken });
    const { session } = await call("doLogin", { Login: PROOF_SANDBOX_DEMO.email, Password: PROOF_SANDBOX_DEMO.password });
    const S = { SessionID: session };
    await call("checkSession", S);
    const workspace = await call("createWorkspace", { ...S, Name: `Tour ${surface}` });
    await call("getWorkspaces", S);
    const hash = await upload(sandbox.current, "tour.pdf", "tour");
    const proof = await call("createProof", { ...S, OwnerID: 0, Hash: hash, Name: `Tour ${surface}`, SourceName: "tour.pdf", WorkspaceId: workspace.id });
    const FileID = proof.file_id as number;
    const version = await call("createProofVersion", { ...S, ParentFileID: FileID, OwnerID: 0, Hash: hash, Name: `Tour ${surface}`, SourceName: "tour-2.pdf" });
    if (surface === "16.24.0") {
      await call("createWorkflowProof", { ...S, OwnerID: 0, Hash: hash, Name: "Tour flow", SourceName: "flow.pdf", Stages: [{ name: "Only", recipients: [{ email: "w@x.com", role: 4 }] }] });
    }
    await call("getProofDetails", { ...S, FileID });
    await call("getAllProofs", { ...S, StartFrom: 0, ItemsPerPage: 10 });
    await call("getOpenProofs", { ...S, SearchQuery: "Tour" });
    await call("getClosedProofs", S);
    await call("searchByProofName", { ...S, ProofName: "Tour", ExactMatch: false });
    const reviewer = await call("addProofReviewer", { ...S, FileID: String(FileID), RecipientEmail: "one@x.com", RecipientRole: 5 });
    await call("addProofReviewers", { ...S, FileID, Recipients: [{ email: "two@x.com", role: 3 }] });
    await call("getProofReviewers", { ...S, FileID: String(FileID) });
    await call("setProofCallback", { ...S, FileID, Type: "decisions", Url: "http://127.0.0.1:1/never", RetryInterval: 1 });
    await call("getProofCallbacks", { ...S, FileID });
    await call("removeProofCallback", { ...S, Type: "decisions", FileID });
    await call("updateProofReviewer", { ...S, RecipientID: reviewer.id, RecipientDecision: "approved" });
    await call("deleteProofReviewer", { ...S, ReviewerID: reviewer.id });
    await call("getProofURL", { ...S, FileID });
    await call("getProofComments", { ...S, FileID });
    await call("lockProof", { ...S, FileID });
    await call("unlockProof", { ...S, FileID });
    await call("archiveProof", { ...S, FileID });
    await call("deleteProof", { ...S, FileID: String(version.file_id), Permanent: false, AllVersions: false });
    await call("doLogout", S);

    const expected = OPERATIONS.filter((op) => surface === "16.24.0" || op.since === undefined);
    expect([...results.keys()].sort()).toEqual(expected.map((op) => op.name).sort());
    for (const op of expected) {
      const value = results.get(op.name);
      const kind = op.returns === "xsd:boolean" ? "boolean" : op.returns === "xsd:string" ? "string" : op.returns.endsWith("Array") ? "array" : "object";
      expect(Array.isArray(value) ? "array" : typeof value, op.name).toBe(kind);
    }
  });
});
