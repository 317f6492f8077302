import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineModule } from "@/lib/engine/blueprint";
import { blueprint, run } from "@/lib/engine/testing";
import { allowOutbound } from "@/lib/http";
import { startTestServer, type TestServer } from "@/lib/http/testing";
import { demoConnection, outputOf, proofSandboxForFile, runModule, servicesFor, type TestConnection } from "./testing";

const sandbox = proofSandboxForFile();
const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(2048, 7), Buffer.from("\n%%EOF\n")]);
let files: TestServer;
let disallow: () => void;
let connection: TestConnection;

beforeAll(async () => {
  files = await startTestServer({
    "/files/autumn-flyer.pdf": (_req, res) => {
      res.writeHead(200, { "content-type": "application/pdf" }).end(PDF);
    },
  });
  disallow = allowOutbound(`127.0.0.1:${files.port}`);
  connection = demoConnection(sandbox.current);
});
afterAll(async () => {
  disallow();
  await files.close();
});

const trigger: EngineModule = { id: 1, module: "flow:manualTrigger", version: 1 };

describe("Create a proof (v1)", () => {
  it("from a file an earlier module downloaded: uploads it, then creates the proof with its recipients", async () => {
    const bp = blueprint(
      [
        trigger,
        { id: 2, module: "http:getFile", version: 1, mapper: { url: `${files.origin}/files/autumn-flyer.pdf` } },
        {
          id: 3,
          module: "proof:createProof",
          version: 1,
          connection: connection.id,
          params: { source: "file" },
          mapper: {
            file: { fileName: "{{2.fileName}}", data: "{{2.data}}" },
            name: "Autumn flyer",
            recipients: "ann@patchbay.example; ben@patchbay.example",
            defaultRole: "4",
            deadline: "2026-12-01T16:30:00Z",
            lockAfterFirstDecision: true,
          },
        },
      ],
      [[1, 2], [2, 3]],
    );
    const result = await run(bp, { services: servicesFor(connection) });
    const [proof] = outputOf(result, 3);
    expect(proof).toMatchObject({ type: "proof", filename: "Autumn flyer", version: 1, deadline: "2026-12-01 16:30", status: "unlocked", decision: "pending", settings: { lock_after_first_decision: true } });
    expect(proof.team_url).toBe(`${sandbox.current.url}/review/${proof.file_id}`);
    // 12.1 output: the newer members are not there.
    expect(proof).not.toHaveProperty("sourcename");
    // The bytes Proof stored are the downloaded ones.
    const stored = sandbox.current.store.proofs.find((p) => p.id === proof.file_id)!;
    expect(stored.sourceName).toBe("autumn-flyer.pdf");
    expect(sandbox.current.store.uploads.get(stored.hash)?.md5).toBe(createHash("md5").update(PDF).digest("hex"));
    const reviewers = outputOf(await runModule(connection, "proof:listReviewers", 1, { proofId: proof.file_id }));
    expect(reviewers.map((r) => [r.email, r.role])).toEqual([
      ["ann@patchbay.example", 4],
      ["ben@patchbay.example", 4],
    ]);
  });

  it("from a web page", async () => {
    const [proof] = outputOf(await runModule(connection, "proof:createProof", 1, { url: "https://example.com/landing", name: "Landing page" }, { source: "web" }));
    expect(proof).toMatchObject({ filename: "Landing page" });
    expect(sandbox.current.store.proofs.find((p) => p.id === proof.file_id)).toMatchObject({ hash: "web", sourceName: "https://example.com/landing" });
  });

  it("refuses file data that is not base64, and a missing file name, before uploading", async () => {
    const uploads = sandbox.current.store.uploads.size;
    const notBase64 = await runModule(connection, "proof:createProof", 1, { file: { fileName: "a.pdf", data: "this is not base64!" }, name: "X" });
    expect(notBase64.error).toMatchObject({ type: "DataError", message: expect.stringContaining("not base64") });
    const noName = await runModule(connection, "proof:createProof", 1, { file: { data: PDF.toString("base64") }, name: "X" });
    expect(noName.error).toMatchObject({ type: "DataError", message: expect.stringContaining("file.fileName") });
    expect(sandbox.current.store.uploads.size).toBe(uploads);
  });

  it("Proof's own refusal comes back as a fault with its code and text", async () => {
    const result = await runModule(connection, "proof:createProof", 1, { file: { fileName: "no-extension", data: PDF.toString("base64") }, name: "X" });
    expect(result.error).toMatchObject({ type: "DataError", message: "Workfront Proof fault 400 (createProof): Invalid parameter SourceName: must include the file extension." });
  });
});

describe("Proof reads and changes (v1)", () => {
  let created: number[] = [];

  beforeAll(async () => {
    created = [];
    for (const name of ["Paging A", "Paging B", "Paging C"]) {
      const [proof] = outputOf(await runModule(connection, "proof:createProof", 1, { url: `https://example.com/${name.replace(" ", "-")}`, name }, { source: "web" }));
      created.push(proof.file_id);
    }
  });

  it("Create a proof version chains to the latest version and carries the reviewers over", async () => {
    const [v2] = outputOf(
      await runModule(connection, "proof:createProofVersion", 1, { parentProofId: 280751, file: { fileName: "spring-brochure-v3.pdf", data: PDF.toString("base64") }, name: "Spring brochure", recipients: "dora@patchbay.example" }),
    );
    expect(v2).toMatchObject({ filename: "Spring brochure", version: 3, parent_file_id: 280751, versions: 3 });
    const reviewers = outputOf(await runModule(connection, "proof:listReviewers", 1, { proofId: v2.file_id }));
    expect(reviewers.map((r) => [r.email, r.decision])).toEqual([
      ["alice@patchbay.example", "pending"],
      ["bob@patchbay.example", "pending"],
      ["dora@patchbay.example", "pending"],
    ]);
    const again = await runModule(connection, "proof:createProofVersion", 1, { parentProofId: 280751, url: "https://example.com/x", name: "Spring brochure" }, { source: "web" });
    expect(again.error?.message).toMatch(/^Workfront Proof fault 400 \(createProofVersion\): Invalid parameter ParentFileID: proof 280751 already has a newer version/);
  });

  it("Get a proof; another account's proof is the permission fault", async () => {
    expect(outputOf(await runModule(connection, "proof:getProof", 1, { proofId: 280752 }))[0]).toMatchObject({ filename: "Cereal box front", decision: "approved", status: "locked", workspace_name: "Packaging" });
    const other = await runModule(connection, "proof:getProof", 1, { proofId: 280754 });
    expect(other.error).toMatchObject({ type: "DataError", message: "Workfront Proof fault 403 (getProofDetails): the user does not have permission to perform this action" });
  });

  it("List proofs: open, closed, all; newest first; the same proofs page by page as in one page", async () => {
    const names = async (mapper: Record<string, unknown>) => outputOf(await runModule(connection, "proof:listProofs", 1, mapper)).map((p) => p.filename as string);
    const all = await names({ status: "all", limit: 100 });
    expect(all.filter((n) => n.startsWith("Paging"))).toEqual(["Paging C", "Paging B", "Paging A"]);
    expect(all).not.toContain("Rival poster");
    expect(await names({ status: "closed", limit: 100 })).toEqual(expect.arrayContaining(["Cereal box front", "Spring brochure"]));
    expect(await names({ status: "open", limit: 100 })).not.toContain("Cereal box front");
    const paged = await names({ status: "all", limit: 5, itemsPerPage: 2 });
    expect(paged).toEqual(all.slice(0, 5));
    expect(await names({ status: "all", searchQuery: "paging", limit: 2, itemsPerPage: 1 })).toEqual(["Paging C", "Paging B"]);
  });

  it("Search proofs by name: contained or whole name, ignoring case", async () => {
    const search = async (mapper: Record<string, unknown>) => outputOf(await runModule(connection, "proof:searchProofs", 1, mapper)).map((p) => p.file_id as number);
    expect(await search({ name: "PAGING" })).toEqual([...created].reverse());
    expect(await search({ name: "paging b", exactMatch: true })).toEqual([created[1]]);
    expect(await search({ name: "paging", exactMatch: true })).toEqual([]);
  });

  it("Get the proof URL and List comments", async () => {
    expect(outputOf(await runModule(connection, "proof:getProofUrl", 1, { proofId: 280750 }))).toEqual([{ file_id: 280750, url: `${sandbox.current.url}/review/280750` }]);
    const comments = outputOf(await runModule(connection, "proof:listComments", 1, { proofId: 280750 }));
    expect(comments.map((c) => [c.author, c.comment, c.location])).toEqual([
      ["Alice Approver", "The logo is too small on page 2.", "page 2"],
      ["Bob Reviewer", 'Typo in the headline: "Sprign".', "page 1"],
    ]);
  });

  it("Lock, unlock, archive and delete a proof", async () => {
    const [a, b, c] = created;
    const status = async (id: number) => outputOf(await runModule(connection, "proof:getProof", 1, { proofId: id }))[0].status;
    expect(outputOf(await runModule(connection, "proof:lockProof", 1, { proofId: a }))).toEqual([{ file_id: a, success: true }]);
    expect(await status(a)).toBe("locked");
    outputOf(await runModule(connection, "proof:unlockProof", 1, { proofId: a }));
    expect(await status(a)).toBe("unlocked");

    outputOf(await runModule(connection, "proof:archiveProof", 1, { proofId: b }));
    const listed = async () => outputOf(await runModule(connection, "proof:searchProofs", 1, { name: "Paging" })).map((p) => p.file_id);
    expect(await listed()).toEqual([c, a]);
    expect(await status(b)).toBe("unlocked"); // archived proofs can still be read

    expect(outputOf(await runModule(connection, "proof:deleteProof", 1, { proofId: c }))).toEqual([{ file_id: c, success: true }]);
    expect(await listed()).toEqual([a]);
    expect((await runModule(connection, "proof:getProof", 1, { proofId: c })).error?.message).toMatch(/fault 403/);
    expect(sandbox.current.store.proofs.find((p) => p.id === c)).toMatchObject({ trashed: true });
    outputOf(await runModule(connection, "proof:deleteProof", 1, { proofId: a, permanent: true }));
    expect(sandbox.current.store.proofs.some((p) => p.id === a)).toBe(false);
  });
});

describe("Workspaces (v1)", () => {
  it("creates a workspace inside another and lists it", async () => {
    const [workspace] = outputOf(await runModule(connection, "proof:createWorkspace", 1, { name: "Autumn", parentWorkspaceId: 5001, client: "Patchbay Foods" }));
    expect(workspace).toMatchObject({ name: "Autumn", root_level: false, parent_workspace_id: 5001, client: "Patchbay Foods", personal: false });
    const listed = outputOf(await runModule(connection, "proof:listWorkspaces", 1, {}));
    expect(listed.find((w) => w.id === workspace.id)).toEqual(workspace);
    const bad = await runModule(connection, "proof:createWorkspace", 1, { name: "Orphan", parentWorkspaceId: 999 });
    expect(bad.error?.message).toBe("Workfront Proof fault 400 (createWorkspace): Invalid parameter ParentWorkspaceID: no such workspace.");
  });
});
