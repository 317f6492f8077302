import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { registry } from "../../modules";
import { blueprintSchema } from "../scenario/blueprint";
import { blueprintCheckers } from "../scenarios/checkers";
import { planSummary } from "./golden";
import { applyPlan, planUpgrade } from "./plan";

/**
 * One fixture per shipped module version pair: the scenario before, the plan summary, the scenario
 * after, against the real registry and checker. A changed migration shows up here as a diff to review.
 */
const dir = path.join(import.meta.dirname, "fixtures");
const fixtures = readdirSync(dir).filter((f) => f.endsWith(".json"));

describe.each(fixtures)("golden %s", (file) => {
  const fixture = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as { targets: "all" | number[]; before: unknown; plan: unknown; after: unknown };
  const before = blueprintSchema.parse(fixture.before);
  const options = { check: blueprintCheckers(registry).extra };

  it("plans as recorded", () => {
    expect(planSummary(planUpgrade(before, registry, fixture.targets, options))).toEqual(fixture.plan);
  });

  it("applies to the recorded scenario, which then plans empty", () => {
    const after = applyPlan(before, planUpgrade(before, registry, fixture.targets, options), registry, options);
    expect(after).toEqual(fixture.after);
    expect(planUpgrade(after, registry, "all", options).modules).toEqual([]);
  });
});

it("covers http:makeRequest, a Workfront module and proof:createProof", () => {
  expect(fixtures).toEqual(expect.arrayContaining(["http-make-request-v1-v2.json", "workfront-custom-api-call-v1-v2.json", "proof-create-proof-v1-v2.json"]));
});

describe("every shipped old version", () => {
  const old = registry.listModules().filter((def) => def.version < (registry.latestVersion(def.key) ?? 0));
  it.each(old.map((def) => [`${def.key}@${def.version}`, def] as const))("%s plans to its latest version and then plans empty", (_, def) => {
    const before = blueprintSchema.parse({ schemaVersion: 1, modules: [{ id: 1, module: def.key, version: def.version }], links: [] });
    const plan = planUpgrade(before, registry, "all");
    expect(plan.kept).toEqual([]);
    expect(plan.modules[0].after.version).toBe(registry.latestVersion(def.key));
    expect(planUpgrade(applyPlan(before, plan, registry), registry, "all").modules).toEqual([]);
  });
});
