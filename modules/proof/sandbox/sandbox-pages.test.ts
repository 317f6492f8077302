import { beforeAll, describe, expect, it } from "vitest";
import { PROOF_SANDBOX_DEMO, PROOF_SANDBOX_DEMO_FILE } from "./index";
import { loginDemo, soapClient, sandboxForThisFile, type SoapClient } from "./test-helpers";

const sandbox = sandboxForThisFile();
let client: SoapClient;
let session: string;

beforeAll(async () => {
  client = await soapClient(sandbox.current);
  session = await loginDemo(client);
});

const HOSTILE = `<script>alert("x")</script> & 'quotes'`;

describe("review pages", () => {
  it("the home page shows endpoints, demo credentials and proofs, with every name escaped and no scripts allowed", async () => {
    await client.call("createProof", { SessionID: session, OwnerID: 0, Hash: PROOF_SANDBOX_DEMO_FILE.hash, Name: HOSTILE, SourceName: "h.pdf", Recipients: "h@x.com" });
    const response = await fetch(`${sandbox.current.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const page = await response.text();
    expect(page).toContain(PROOF_SANDBOX_DEMO.email);
    expect(page).toContain("/sandbox/proof/16_24_0/soap.wsdl");
    expect(page).toContain("Spring brochure");
    expect(page).not.toContain("<script>");
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;");
  });

  it("a reviewer's page has comment and decision forms; submitting them comments and decides", async () => {
    const created = (await client.call("createProof", { SessionID: session, OwnerID: 0, Hash: PROOF_SANDBOX_DEMO_FILE.hash, Name: "Reviewable", SourceName: "r.pdf", Recipients: "rev@x.com" })) as { file_id: number };
    const [reviewer] = (await client.call("getProofReviewers", { SessionID: session, FileID: String(created.file_id) })) as { proof_url: string; id: number }[];
    const page = await (await fetch(reviewer.proof_url)).text();
    expect(page).toContain(`name="action" value="comment"`);
    expect(page).toContain(`name="decision" value="3"`);
    expect(sandbox.current.store.reviewers.find((r) => r.id === reviewer.id)?.opened).toBe(true);

    const token = new URL(reviewer.proof_url).searchParams.get("r")!;
    const post = (fields: Record<string, string>) => fetch(`${sandbox.current.url}/review/${created.file_id}`, { method: "POST", body: new URLSearchParams({ r: token, ...fields }), redirect: "manual" });
    const commented = await post({ action: "comment", comment: HOSTILE });
    expect(commented.status).toBe(303);
    expect(commented.headers.get("location")).toBe(`/sandbox/proof/review/${created.file_id}?r=${token}`);
    expect(await client.call("getProofComments", { SessionID: session, FileID: created.file_id })).toMatchObject([{ comment: HOSTILE, reviewer_id: reviewer.id }]);
    expect(await (await fetch(reviewer.proof_url)).text()).not.toContain("<script>");

    expect((await post({ action: "decide", decision: "1" })).status).toBe(303);
    await expect(client.call("getProofDetails", { SessionID: session, FileID: created.file_id })).resolves.toMatchObject({ decision: "changes required" });
  });

  it("refuses unknown reviewer tokens, and says why a locked proof takes no comments", async () => {
    const proof = sandbox.current.store.proofs.find((p) => p.name === "Cereal box front")!;
    expect((await fetch(`${sandbox.current.url}/review/${proof.id}?r=forged`)).status).toBe(403);
    expect((await fetch(`${sandbox.current.url}/review/${proof.id}`, { method: "POST", body: new URLSearchParams({ r: "forged", action: "comment", comment: "x" }) })).status).toBe(403);
    const [carol] = sandbox.current.store.reviewersOf(proof.id);
    const refused = await fetch(`${sandbox.current.url}/review/${proof.id}`, { method: "POST", body: new URLSearchParams({ r: carol.token, action: "comment", comment: "late" }) });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("The proof is locked.");
    expect((await fetch(`${sandbox.current.url}/review/999999`)).status).toBe(404);
  });
});
