import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { blueprint, outputsOf, run } from "@/lib/engine/testing";
import type { ModuleSnapshot } from "@/lib/modules/define";
import { checkForSave } from "@/lib/modules/validators";
import { registryProblems } from "@/lib/modules/registry";
import { getModule, registry } from "@/modules";
import { parseWorkfrontDate } from "./client/dates";
import { workfrontModules } from "./modules";
import { SEED_IDS } from "./sandbox";
import { allConnections, resolver, startTestSandbox, type TestConnection, type TestSandbox } from "./testing";

/** Golden v1 → v2 migrations: fixtures/<module>-v1*.json hold a v1 snapshot and the v2 snapshot it must become. */
const fixtureSchema = z.object({
  description: z.string(),
  module: z.string(),
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
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((file) => ({ file, ...fixtureSchema.parse(JSON.parse(readFileSync(path.join(dir, file), "utf8"))) }));

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

const keys = [...new Set(workfrontModules.map((m) => m.key))];

describe("Workfront v1 → v2", () => {
  it("every module has a deprecated version 1 and a version 2 that migrates from it", () => {
    expect(keys).toHaveLength(12);
    for (const key of keys) {
      const v1 = getModule(key, 1)!;
      const v2 = getModule(key, 2)!;
      expect(v1.deprecated).toEqual({ since: "2026-11-23", sunset: "2027-11-30", reason: expect.stringContaining("API v15.0") });
      expect([v1.connection, v2.connection]).toEqual(["workfront@1", "workfront@2|workfront@3"]);
      expect(v2.deprecated).toBeNull();
      expect(v2.upgradeFrom?.version).toBe(1);
    }
    expect(registryProblems(registry).filter((p) => p.startsWith("workfront:"))).toEqual([]);
  });

  it("has a golden fixture for every module", () => {
    expect([...new Set(fixtures.map((f) => f.module))].sort()).toEqual([...keys].sort());
  });

  it.each(fixtures.map((f) => [f.file, f] as const))("%s", (_file, fixture) => {
    const v1 = getModule(fixture.module, 1)!;
    const v2 = getModule(fixture.module, 2)!;
    expect(checkForSave(v1, fixture.v1)).toEqual([]);
    const input = deepFreeze(structuredClone(fixture.v1)) as ModuleSnapshot;
    const migrated = v2.upgradeFrom!.migrate(input); // a frozen input proves the migration does not modify what it reads
    expect(migrated).toEqual(fixture.expected);
    expect(v2.upgradeFrom!.migrate(input)).toEqual(migrated); // pure: same in, same out
    expect(checkForSave(v2, migrated)).toEqual([]);
    expect(migrated.notes[0]).toContain("API-key (workfront@2) or OAuth2 (workfront@3)");
  });
});

describe("a v1 scenario and its migration, run against Workfront", () => {
  let sb: TestSandbox;
  let connections: Record<string, TestConnection>;
  beforeAll(async () => {
    sb = await startTestSandbox({ removedVersions: [] }); // v1 still served here, to compare
    connections = await allConnections(sb);
  });
  afterAll(async () => {
    await sb.close();
  });

  it("finds the same records; only the date format differs", async () => {
    const fixture = fixtures.find((f) => f.file === "read-related-records-v1.json")!;
    const scenario = (version: number, snapshot: { params: Record<string, unknown>; mapper: Record<string, unknown> }, connection: string) =>
      run(
        blueprint(
          [
            { id: 1, module: "flow:manualTrigger", version: 1, params: { sample: { ID: SEED_IDS.website } } },
            { id: 2, module: fixture.module, version, connection: "c", params: snapshot.params, mapper: snapshot.mapper },
          ],
          [[1, 2]],
        ),
        { services: { connections: resolver({ c: connections[connection] }) } },
      );
    const before = outputsOf(await scenario(1, fixture.v1, "password"), 2) as Record<string, any>[];
    const after = outputsOf(await scenario(2, getModule(fixture.module, 2)!.upgradeFrom!.migrate(fixture.v1), "apiKey"), 2) as Record<string, any>[];
    expect(before.length).toBeGreaterThan(3);
    expect(after.map((t) => [t.ID, t.name, t.status])).toEqual(before.map((t) => [t.ID, t.name, t.status]));
    const withDates = before.findIndex((t) => t.plannedCompletionDate);
    expect(before[withDates].plannedCompletionDate).toMatch(/:\d{3}[+-]\d{4}$/);
    expect(after[withDates].plannedCompletionDate).toBe(parseWorkfrontDate(before[withDates].plannedCompletionDate)!.toISOString());
  });
});
