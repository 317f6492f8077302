import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { allowOutbound } from "@/lib/http";
import { startTestServer, type TestServer } from "@/lib/http/testing";
import { blueprint, outputsOf, run } from "@/lib/engine/testing";
import { checkForSave } from "@/lib/modules/validators";
import type { ModuleSnapshot } from "@/lib/modules/define";
import { getModule } from "@/modules";
import { COOKIE_NOTE } from "./migrate-v1-v2";
import { contentRoutes } from "./testing";

const fixtureSchema = z.object({
  description: z.string(),
  v1: z.object({ params: z.record(z.string(), z.unknown()), mapper: z.record(z.string(), z.unknown()), connection: z.string().nullable() }),
  expected: z.object({
    params: z.record(z.string(), z.unknown()),
    mapper: z.record(z.string(), z.unknown()),
    renamedOutputs: z.record(z.string(), z.string()),
    notes: z.array(z.string()),
  }),
});

const dir = path.join(import.meta.dirname, "fixtures");
const fixtures = readdirSync(dir)
  .filter((f) => f.startsWith("make-request-v1-") && f.endsWith(".json"))
  .sort()
  .map((file) => ({ file, ...fixtureSchema.parse(JSON.parse(readFileSync(path.join(dir, file), "utf8"))) }));

const v1 = getModule("http:makeRequest", 1)!;
const v2 = getModule("http:makeRequest", 2)!;
const migrate = (snapshot: ModuleSnapshot) => v2.upgradeFrom!.migrate(snapshot);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe("http:makeRequest v1 → v2 migration (golden fixtures)", () => {
  it("has a fixture for every v1 body type", () => {
    expect(fixtures.map((f) => f.file)).toEqual([
      "make-request-v1-form.json",
      "make-request-v1-json.json",
      "make-request-v1-multipart-mapped-whole.json",
      "make-request-v1-multipart.json",
      "make-request-v1-none.json",
      "make-request-v1-raw.json",
    ]);
    expect(v1.deprecated).toEqual({ since: "2026-06-01", sunset: "2027-06-01", reason: expect.stringContaining("upgrade to v2") });
    expect(v2.upgradeFrom?.version).toBe(1);
  });

  it.each(fixtures.map((f) => [f.file, f] as const))("%s", (_file, fixture) => {
    expect(checkForSave(v1, fixture.v1)).toEqual([]);
    const input = deepFreeze(structuredClone(fixture.v1));
    const migrated = migrate(input); // a frozen input proves the migration does not modify what it reads
    expect(migrated).toEqual(fixture.expected);
    expect(migrate(input)).toEqual(migrated);
    expect(checkForSave(v2, { params: migrated.params, mapper: migrated.mapper })).toEqual([]);
  });

  it("empties an unknown body type and says so", () => {
    const migrated = migrate({ params: { bodyType: "graphql" }, mapper: { url: "https://x.test" }, connection: null });
    expect(migrated.mapper.body).toEqual({ type: "none" });
    expect(migrated.notes).toEqual(["The body type “graphql” is unknown, so the body is now empty; choose the body type again.", COOKIE_NOTE]);
  });
});

describe("a v1 scenario and its migrated v2 twin", () => {
  let server: TestServer;
  let disallow: () => void;
  beforeAll(async () => {
    server = await startTestServer(contentRoutes);
    disallow = allowOutbound(`127.0.0.1:${server.port}`);
  });
  afterAll(async () => {
    disallow();
    await server.close();
  });

  const payload = () => ({ base: server.origin, trace: "t-9", id: 42, name: "Ada", fileData: Buffer.from("hi").toString("base64") });
  const scenario = (version: number, snapshot: { params: Record<string, unknown>; mapper: Record<string, unknown> }, summary: string) =>
    blueprint(
      [
        { id: 1, module: "flow:manualTrigger", version: 1 },
        { id: 2, module: "http:makeRequest", version, params: snapshot.params, mapper: snapshot.mapper },
        { id: 3, module: "flow:composeText", version: 1, mapper: { text: summary } },
      ],
      [
        [1, 2],
        [2, 3],
      ],
    );

  it.each(fixtures.filter((f) => !f.file.includes("mapped-whole")).map((f) => [f.file, f] as const))(
    "%s sends the same request and gives the same data",
    async (_file, fixture) => {
      const migrated = migrate(fixture.v1);
      // What the upgrade planner does with renamedOutputs, by hand: {{2.data…}} → {{2.body…}}.
      const before = await run(scenario(1, fixture.v1, "{{2.statusCode}} {{2.data.method}}"), { trigger: { payload: payload() } });
      const after = await run(scenario(2, migrated, "{{2.statusCode}} {{2.body.method}}"), { trigger: { payload: payload() } });
      expect(before.status).toBe("success");
      expect(after.status).toBe("success");
      const oldData = (outputsOf(before, 2)[0] as Record<string, unknown>).data;
      const newBody = (outputsOf(after, 2)[0] as Record<string, unknown>).body;
      expect(oldData).toMatchObject({});
      expect(newBody).toEqual(oldData);
      expect(outputsOf(after, 3)).toEqual(outputsOf(before, 3));
    },
  );
});
