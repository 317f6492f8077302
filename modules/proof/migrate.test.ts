import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineModule } from "@/lib/engine/blueprint";
import { blueprint, run } from "@/lib/engine/testing";
import { allowOutbound } from "@/lib/http";
import { startTestServer, type TestServer } from "@/lib/http/testing";
import type { MigrationResult, ModuleSnapshot } from "@/lib/modules/define";
import { checkForSave } from "@/lib/modules/validators";
import { allModules, getModule } from "@/modules";
import { migrateCreateProofV1 } from "./migrate-create-proof";
import { demoConnection, outputOf, proofSandboxForFile, runModule, servicesFor, type TestConnection } from "./testing";

interface Fixture {
  description: string;
  v1: ModuleSnapshot;
  expected: MigrationResult;
}

const dir = path.join(import.meta.dirname, "fixtures");
const fixtures = readdirSync(dir)
  .filter((f) => f.startsWith("create-proof-v1-") && f.endsWith(".json"))
  .map((f) => ({ name: f, ...(JSON.parse(readFileSync(path.join(dir, f), "utf8")) as Fixture) }));

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe("proof:createProof v1 → v2 migration (golden fixtures)", () => {
  it("has the fixtures", () => {
    expect(fixtures.map((f) => f.name).sort()).toEqual([
      "create-proof-v1-mapped-recipients.json",
      "create-proof-v1-partly-mapped-recipients.json",
      "create-proof-v1-typed-recipients.json",
      "create-proof-v1-web-no-recipients.json",
    ]);
  });

  for (const fixture of fixtures) {
    it(`${fixture.name}: ${fixture.description}`, () => {
      const v2 = getModule("proof:createProof", 2)!;
      expect(v2.upgradeFrom?.version).toBe(1);
      // Pure: a frozen input is not touched, and the same input gives the same output.
      const result = v2.upgradeFrom!.migrate(deepFreeze(structuredClone(fixture.v1)));
      expect(result).toEqual(fixture.expected);
      expect(v2.upgradeFrom!.migrate(fixture.v1)).toEqual(result);
      // What comes out is a valid v2 module as saved.
      expect(checkForSave(v2, result)).toEqual([]);
    });
  }

  it("names the role the recipients get", () => {
    expect(migrateCreateProofV1({ params: {}, mapper: { recipients: "a@x.example", defaultRole: "1" }, connection: null }).notes[0]).toContain("“read only”");
  });
});

describe("modules whose fields did not change", () => {
  it("migrate to v2 unchanged, with a note; their v1 is deprecated with a sunset a year out", () => {
    for (const key of ["proof:getProof", "proof:listProofs", "proof:searchProofs", "proof:addReviewer", "proof:listReviewers", "proof:updateReviewerDecision", "proof:createProofVersion", "proof:watchProofs"]) {
      const old = { params: { watch: "new" }, mapper: { proofId: "{{1.id}}", other: 1 }, connection: "c" };
      const result = getModule(key, 2)!.upgradeFrom!.migrate(old);
      expect(result, key).toMatchObject({ params: old.params, mapper: old.mapper, renamedOutputs: {} });
      expect(result.notes, key).toEqual([expect.stringContaining("16.24.0")]);
      expect(getModule(key, 1)!.deprecated, key).toMatchObject({ since: "2026-11-23", sunset: "2027-11-30" });
    }
  });

  it("only versions with a successor are deprecated", () => {
    const proof = allModules.filter((m) => m.app === "proof");
    const withV2 = new Set(proof.filter((m) => m.version === 2).map((m) => m.key));
    expect(proof.filter((m) => m.deprecated !== null).map((m) => m.key).sort()).toEqual([...withV2].sort());
    expect(withV2.size).toBe(9);
  });
});

describe("a v1 scenario and its migrated v2 create the same review", () => {
  const sandbox = proofSandboxForFile();
  let files: TestServer;
  let disallow: () => void;
  let connection: TestConnection;

  beforeAll(async () => {
    files = await startTestServer({ "/brief.pdf": (_req, res) => void res.writeHead(200, { "content-type": "application/pdf" }).end(Buffer.from("%PDF-1.4 brief")) });
    disallow = allowOutbound(`127.0.0.1:${files.port}`);
    connection = demoConnection(sandbox.current);
  });
  afterAll(async () => {
    disallow();
    await files.close();
  });

  async function review(fixtureName: string, version: 1 | 2, payload: Record<string, unknown>) {
    const fixture = fixtures.find((f) => f.name === fixtureName)!;
    const snapshot = version === 1 ? fixture.v1 : fixture.expected;
    const modules: EngineModule[] = [
      { id: 1, module: "flow:manualTrigger", version: 1 },
      { id: 2, module: "http:getFile", version: 1, mapper: { url: `${files.origin}/brief.pdf` } },
      { id: 3, module: "proof:createProof", version, connection: connection.id, params: snapshot.params, mapper: snapshot.mapper },
    ];
    const result = await run(blueprint(modules, [[1, 2], [2, 3]]), { services: servicesFor(connection), trigger: { payload } });
    const [proof] = outputOf(result, 3);
    const reviewers = outputOf(await runModule(connection, "proof:listReviewers", 2, { proofId: proof.file_id }));
    return { proof, reviewers: reviewers.map((r) => ({ email: r.email, role: r.role })) };
  }

  it("typed recipients with a role", async () => {
    const payload = { title: "Winter catalogue" };
    const v1 = await review("create-proof-v1-typed-recipients.json", 1, payload);
    const v2 = await review("create-proof-v1-typed-recipients.json", 2, payload);
    expect(v1.reviewers).toEqual([
      { email: "ann@patchbay.example", role: 4 },
      { email: "ben@patchbay.example", role: 4 },
      { email: "cleo@patchbay.example", role: 4 },
    ]);
    expect(v2.reviewers).toEqual(v1.reviewers);
    expect(v2.proof).toMatchObject({ filename: "Winter catalogue – review", automated_workflow: 1, stages: [{ name: "Review", recipients_count: 3 }] });
    expect(v1.proof.filename).toBe(v2.proof.filename);
  });

  it("mapped recipients and deadline", async () => {
    const payload = { title: "Gift box", owner: "ANN@patchbay.example, Ben@Patchbay.example", due: "2026-12-10T10:00:00Z" };
    const v1 = await review("create-proof-v1-mapped-recipients.json", 1, payload);
    const v2 = await review("create-proof-v1-mapped-recipients.json", 2, payload);
    expect(v1.reviewers).toEqual([
      { email: "ann@patchbay.example", role: 5 },
      { email: "ben@patchbay.example", role: 5 },
    ]);
    expect(v2.reviewers).toEqual(v1.reviewers);
    expect(v1.proof).toMatchObject({ deadline: "2026-12-10 10:00", workspace_id: 5001 });
    expect(v2.proof).toMatchObject({ workspace_id: 5001, stages: [{ name: "Review", deadline_date: "2026-12-10 10:00", stage_locking: true }] });
  });
});
