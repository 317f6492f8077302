import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { PROOF_SANDBOX_DEMO_FILE, PROOF_SANDBOX_OTHER } from "./index";
import { faultOf, loginDemo, soapClient, upload, sandboxForThisFile, type SoapClient } from "./test-helpers";

const sandbox = sandboxForThisFile();
let client: SoapClient;
let session: string;

beforeAll(async () => {
  client = await soapClient(sandbox.current);
  session = await loginDemo(client);
});

type Proof = { file_id: number; filename: string; version: number; versions: number; parent_file_id: number; status: string; decision: string; team_url: string; workspace_id: number; filesize: string };
const create = async (args: Record<string, string | number | boolean>) => (await client.call("createProof", { SessionID: session, OwnerID: 0, ...args })) as Proof;

describe("upload.php", () => {
  it("takes a multipart file and answers its hash, name and md5", async () => {
    const form = new FormData();
    form.append("file", new Blob(["%PDF-1.4 fake"]), "flyer.pdf");
    const response = await fetch(`${sandbox.current.url}/upload.php`, { method: "POST", body: form });
    expect(response.status).toBe(200);
    const answer = await response.json();
    expect(answer).toEqual({ filehash: expect.stringMatching(/^[0-9a-f]{32}$/), filename: "flyer.pdf", md5: createHash("md5").update("%PDF-1.4 fake").digest("hex"), errorcode: 0, errorstring: "" });
    expect(sandbox.current.store.uploads.get(answer.filehash)).toMatchObject({ filename: "flyer.pdf", sizeBytes: 13 });
  });

  it("answers error code 4 when there is no file data", async () => {
    const empty = new FormData();
    empty.append("file", new Blob([]), "empty.pdf");
    for (const init of [{ body: empty }, { body: "raw", headers: { "Content-Type": "application/octet-stream" } }]) {
      const response = await fetch(`${sandbox.current.url}/upload.php`, { method: "POST", ...init });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ filehash: "", errorcode: 4 });
    }
  });
});

describe("creating proofs", () => {
  it("createProof from an upload gives a SOAPFileObject that getProofDetails returns too", async () => {
    const hash = await upload(sandbox.current, "poster.png", "x".repeat(3000));
    const proof = await create({ Hash: hash, Name: "Poster", SourceName: "poster.png", Deadline: "2026-12-01 17:00", Recipients: "a@x.com; b@x.com,c@x.com" });
    expect(proof).toMatchObject({ type: "proof", filename: "Poster", version: 1, versions: 1, filesize: "3", status: "unlocked", decision: "pending", deadline: "2026-12-01 17:00", parent_file_id: 0 });
    expect(proof.team_url).toBe(`${sandbox.current.url}/review/${proof.file_id}`);
    await expect(client.call("getProofDetails", { SessionID: session, FileID: proof.file_id })).resolves.toEqual(proof);
    const reviewers = (await client.call("getProofReviewers", { SessionID: session, FileID: String(proof.file_id) })) as { email: string; role: number }[];
    expect(reviewers.map((r) => [r.email, r.role])).toEqual([["a@x.com", 5], ["b@x.com", 5], ["c@x.com", 5]]);
  });

  it("needs SessionID, OwnerID, Hash, Name and SourceName (400 for each missing one)", async () => {
    const full = { SessionID: session, OwnerID: 0, Hash: PROOF_SANDBOX_DEMO_FILE.hash, Name: "n", SourceName: "n.pdf" };
    for (const missing of ["OwnerID", "Hash", "Name", "SourceName"] as const) {
      const fault = await faultOf(client.call("createProof", { ...full, [missing]: undefined }));
      expect([fault.faultcode, fault.faultstring]).toEqual(["400", `Required parameter ${missing} is missing.`]);
    }
  });

  it.each([
    [{ Hash: "0123" }, /Hash: no uploaded file/],
    [{ SourceName: "no-extension" }, /SourceName: must include the file extension/],
    [{ Deadline: "tomorrow" }, /Deadline/],
    [{ WorkspaceId: 999 }, /WorkspaceId: no such workspace/],
    [{ Recipients: "not-an-email" }, /Recipients/],
    [{ BatchID: 3 }, /batches are not simulated/],
    [{ OwnerID: 999 }, /OwnerID/],
  ])("refuses %j with 400", async (change, message) => {
    const fault = await faultOf(create({ Hash: PROOF_SANDBOX_DEMO_FILE.hash, Name: "n", SourceName: "n.pdf", ...change }));
    expect(fault.faultcode).toBe("400");
    expect(fault.faultstring).toMatch(message);
  });

  it("makes a web snapshot proof with Hash=web and URLs as SourceName", async () => {
    await expect(create({ Hash: "web", Name: "Site", SourceName: "https://example.com/ https://example.com/about" })).resolves.toMatchObject({ filename: "Site", filesize: "0" });
    expect((await faultOf(create({ Hash: "web", Name: "Site", SourceName: "example.com" }))).faultcode).toBe("400");
  });

  it("chains versions: v2 names v1 as parent, v3 names v2; each is its own proof; reviewers carry over", async () => {
    const v1 = await create({ Hash: PROOF_SANDBOX_DEMO_FILE.hash, Name: "Leaflet", SourceName: "leaflet.pdf", Recipients: "r@x.com" });
    const version = (parent: number, n: number) =>
      client.call("createProofVersion", { SessionID: session, ParentFileID: parent, OwnerID: 0, Hash: PROOF_SANDBOX_DEMO_FILE.hash, Name: "Leaflet", SourceName: `leaflet-v${n}.pdf` }) as Promise<Proof>;
    const v2 = await version(v1.file_id, 2);
    const v3 = await version(v2.file_id, 3);
    expect([v2.version, v2.parent_file_id, v3.version, v3.parent_file_id, v3.versions]).toEqual([2, v1.file_id, 3, v2.file_id, 3]);
    expect(new Set([v1.file_id, v2.file_id, v3.file_id]).size).toBe(3);
    await expect(client.call("getProofDetails", { SessionID: session, FileID: v1.file_id })).resolves.toMatchObject({ versions: 3 });
    await expect(client.call("getProofReviewers", { SessionID: session, FileID: String(v3.file_id) })).resolves.toMatchObject([{ email: "r@x.com", decision: "pending" }]);
    expect((await faultOf(version(v1.file_id, 9))).faultstring).toMatch(/already has a newer version/);
  });
});

describe("reading and listing", () => {
  it("pages getAllProofs newest first, with StartFrom as offset, and filters by SearchQuery", async () => {
    const all = (await client.call("getAllProofs", { SessionID: session, ItemsPerPage: 500 })) as Proof[];
    expect(all.length).toBeGreaterThan(5);
    const ids = all.map((p) => p.file_id);
    const firstPage = (await client.call("getAllProofs", { SessionID: session, StartFrom: 0, ItemsPerPage: 2 })) as Proof[];
    const secondPage = (await client.call("getAllProofs", { SessionID: session, StartFrom: 2, ItemsPerPage: 2 })) as Proof[];
    expect([...firstPage, ...secondPage].map((p) => p.file_id)).toEqual(ids.slice(0, 4));
    const brochures = (await client.call("getAllProofs", { SessionID: session, SearchQuery: "BROCHURE" })) as Proof[];
    expect(brochures.map((p) => p.filename)).toEqual(["Spring brochure", "Spring brochure"]);
    expect((await faultOf(client.call("getAllProofs", { SessionID: session, ItemsPerPage: 0 }))).faultcode).toBe("400");
  });

  it("splits open (unlocked, undecided) from closed (locked or decided) proofs", async () => {
    const open = (await client.call("getOpenProofs", { SessionID: session, ItemsPerPage: 500 })) as Proof[];
    const closed = (await client.call("getClosedProofs", { SessionID: session, ItemsPerPage: 500 })) as Proof[];
    expect(open.every((p) => p.status === "unlocked" && p.decision === "pending")).toBe(true);
    expect(closed.every((p) => p.status === "locked" || p.decision !== "pending")).toBe(true);
    expect(closed.map((p) => p.filename)).toEqual(expect.arrayContaining(["Cereal box front"]));
    const all = (await client.call("getAllProofs", { SessionID: session, ItemsPerPage: 500 })) as Proof[];
    expect(open.length + closed.length).toBe(all.length);
  });

  it("searchByProofName matches part of the name, or the whole name with ExactMatch", async () => {
    const partial = (await client.call("searchByProofName", { SessionID: session, ProofName: "box" })) as Proof[];
    expect(partial.map((p) => p.filename)).toEqual(["Cereal box front"]);
    await expect(client.call("searchByProofName", { SessionID: session, ProofName: "box", ExactMatch: true })).resolves.toEqual([]);
    const exact = (await client.call("searchByProofName", { SessionID: session, ProofName: "cereal box front", ExactMatch: true })) as Proof[];
    expect(exact).toHaveLength(1);
  });

  it("keeps other accounts' proofs out of reach (403) and out of lists", async () => {
    const rival = sandbox.current.store.proofs.find((p) => p.name === "Rival poster")!;
    const fault = await faultOf(client.call("getProofDetails", { SessionID: session, FileID: rival.id }));
    expect([fault.faultcode, fault.faultstring]).toEqual(["403", "the user does not have permission to perform this action"]);
    expect((await faultOf(client.call("getProofDetails", { SessionID: session, FileID: 1 }))).faultcode).toBe("403");
    const all = (await client.call("getAllProofs", { SessionID: session, ItemsPerPage: 500 })) as Proof[];
    expect(all.map((p) => p.file_id)).not.toContain(rival.id);
    const other = await client.call("doLogin", { Login: PROOF_SANDBOX_OTHER.email, Password: PROOF_SANDBOX_OTHER.password });
    const otherSession = (other as { session: string }).session;
    await expect(client.call("getAllProofs", { SessionID: otherSession })).resolves.toMatchObject([{ file_id: rival.id }]);
  });

  it("getProofURL answers the team URL, which serves the review page", async () => {
    const proof = await create({ Hash: PROOF_SANDBOX_DEMO_FILE.hash, Name: "Linked", SourceName: "l.pdf" });
    const url = (await client.call("getProofURL", { SessionID: session, FileID: proof.file_id })) as string;
    expect(url).toBe(proof.team_url);
    expect((await fetch(url)).status).toBe(200);
  });
});

describe("lifecycle", () => {
  it("lockProof / unlockProof switch the status", async () => {
    const proof = await create({ Hash: PROOF_SANDBOX_DEMO_FILE.hash, Name: "Lockable", SourceName: "l.pdf" });
    await expect(client.call("lockProof", { SessionID: session, FileID: proof.file_id })).resolves.toBe(true);
    await expect(client.call("getProofDetails", { SessionID: session, FileID: proof.file_id })).resolves.toMatchObject({ status: "locked" });
    await expect(client.call("unlockProof", { SessionID: session, FileID: proof.file_id })).resolves.toBe(true);
    await expect(client.call("getProofDetails", { SessionID: session, FileID: proof.file_id })).resolves.toMatchObject({ status: "unlocked" });
  });

  it("archiveProof takes a proof out of the lists but keeps it readable", async () => {
    const proof = await create({ Hash: PROOF_SANDBOX_DEMO_FILE.hash, Name: "Archivable", SourceName: "a.pdf" });
    await expect(client.call("archiveProof", { SessionID: session, FileID: proof.file_id })).resolves.toBe(true);
    await expect(client.call("searchByProofName", { SessionID: session, ProofName: "Archivable" })).resolves.toEqual([]);
    await expect(client.call("getProofDetails", { SessionID: session, FileID: proof.file_id })).resolves.toMatchObject({ filename: "Archivable" });
  });

  it("deleteProof trashes (403 afterwards), deletes permanently, or takes all versions", async () => {
    const one = await create({ Hash: PROOF_SANDBOX_DEMO_FILE.hash, Name: "Trash me", SourceName: "t.pdf" });
    await expect(client.call("deleteProof", { SessionID: session, FileID: String(one.file_id) })).resolves.toBe(true);
    expect((await faultOf(client.call("getProofDetails", { SessionID: session, FileID: one.file_id }))).faultcode).toBe("403");
    expect(sandbox.current.store.proof(one.file_id)?.trashed).toBe(true);

    const v1 = await create({ Hash: PROOF_SANDBOX_DEMO_FILE.hash, Name: "Gone", SourceName: "g.pdf" });
    const v2 = (await client.call("createProofVersion", { SessionID: session, ParentFileID: v1.file_id, OwnerID: 0, Hash: PROOF_SANDBOX_DEMO_FILE.hash, Name: "Gone", SourceName: "g2.pdf" })) as Proof;
    await expect(client.call("deleteProof", { SessionID: session, FileID: String(v2.file_id), Permanent: true, AllVersions: true })).resolves.toBe(true);
    expect(sandbox.current.store.proof(v1.file_id)).toBeUndefined();
    expect(sandbox.current.store.proof(v2.file_id)).toBeUndefined();
    expect((await faultOf(client.call("deleteProof", { SessionID: session, FileID: "abc" }))).faultcode).toBe("400");
  });
});

describe("workspaces", () => {
  it("lists the seeded workspaces and creates nested ones", async () => {
    const before = (await client.call("getWorkspaces", { SessionID: session })) as { id: number; name: string; root_level: boolean; parent_workspace_id: number }[];
    expect(before.map((w) => w.name)).toEqual(["Marketing", "Spring campaign", "Packaging", "My drafts"]);
    const marketing = before[0];
    const created = await client.call("createWorkspace", { SessionID: session, ParentWorkspaceID: marketing.id, Name: "Autumn <campaign> & co", Client: "ACME", Personal: false, OwnerID: 0 });
    expect(created).toMatchObject({ name: "Autumn <campaign> & co", root_level: false, parent_workspace_id: marketing.id, client: "ACME", personal: false });
    const after = (await client.call("getWorkspaces", { SessionID: session })) as unknown[];
    expect(after).toHaveLength(before.length + 1);
    expect((await faultOf(client.call("createWorkspace", { SessionID: session, ParentWorkspaceID: 424242, Name: "x" }))).faultcode).toBe("400");
  });
});

describe("reset", () => {
  it("puts the seed back and forgets sessions", async () => {
    const temporary = await soapClient(sandbox.current);
    const s = await loginDemo(temporary);
    await temporary.call("createWorkspace", { SessionID: s, Name: "Scratch" });
    sandbox.current.reset();
    expect((await faultOf(temporary.call("getWorkspaces", { SessionID: s }))).faultcode).toBe("305");
    const fresh = await loginDemo(temporary);
    expect(((await temporary.call("getWorkspaces", { SessionID: fresh })) as unknown[]).length).toBe(4);
    session = fresh;
  });
});
