import { describe, expect, it } from "vitest";
import { applyPlan, planUpgrade, PlanMismatchError, upgradeMessage } from "./plan";
import { composeRenames, renamePath } from "./renames";
import { bp, fakeRegistry } from "./testing";

const scenario = () =>
  bp({
    modules: [
      { id: 1, module: "t:mod", version: 1, connection: "conn-1", params: { keep: 1 }, mapper: { a: "x", url: "u", extra: "{{0.z}}" } },
      { id: 2, module: "t:compose", version: 1, mapper: { text: "got {{1.data.x}} and {{ upper(1.data) }} / {{1.other}}" }, onError: { directive: "resume", output: { t: "{{1.data}}" } } },
      { id: 3, module: "t:compose", version: 1, mapper: { text: "{{1.data}}" } },
    ],
    links: [
      { from: 1, to: 2, filter: { label: "", conditions: [[{ a: "{{1.data.ok}}", op: "exists" }]] } },
    ],
  });

describe("composeRenames", () => {
  it("composes a chain and drops identities", () => {
    expect(composeRenames({ a: "b" }, { b: "c" })).toEqual({ a: "c" });
    expect(composeRenames({ a: "b" }, { x: "y" })).toEqual({ a: "b", x: "y" });
    expect(composeRenames({ a: "b" }, { b: "a" })).toEqual({});
    expect(composeRenames({}, {})).toEqual({});
  });
  it("does not apply a later rename to a name renamed away earlier", () => {
    expect(composeRenames({ a: "b" }, { a: "z" })).toEqual({ a: "b" });
  });
});

describe("renamePath", () => {
  it("renames the longest matching prefix", () => {
    expect(renamePath(["data", "x"], { data: "body" })).toEqual(["body", "x"]);
    expect(renamePath(["a", "b", "c"], { a: "x", "a.b": "y" })).toEqual(["y", "c"]);
    expect(renamePath(["other"], { data: "body" })).toBeNull();
  });
});

describe("planUpgrade", () => {
  it("migrates, rewrites downstream references (mapper, onError, filter) and nothing else", () => {
    const registry = fakeRegistry();
    const plan = planUpgrade(scenario(), registry, "all");
    expect(plan.applicable).toBe(true);
    expect(plan.kept).toEqual([]);
    expect(plan.modules).toHaveLength(1);
    const [m] = plan.modules;
    expect(m.before.version).toBe(1);
    expect(m.after).toEqual({ version: 2, params: { keep: 1 }, mapper: { url: "u", extra: "{{0.z}}", b: "x" }, connection: "conn-1" });
    expect(m.renamedOutputs).toEqual({ data: "body" });
    expect(m.connectionTypeChanged).toBe(true);
    expect(m.connectionIncompatible).toBe(false);
    expect(m.attention).toContain("Check b.");
    expect(m.rewrittenReferences).toEqual([
      { moduleId: 2, fieldPath: "mapper.text", before: "got {{1.data.x}} and {{ upper(1.data) }} / {{1.other}}", after: "got {{1.body.x}} and {{ upper(1.body) }} / {{1.other}}" },
      { moduleId: 2, fieldPath: "onError.output.t", before: "{{1.data}}", after: "{{1.body}}" },
      { moduleId: 2, fieldPath: "filter[0][0].a", before: "{{1.data.ok}}", after: "{{1.body.ok}}" },
    ]);
    // Module 3 is not linked to 1, so it is not downstream: its (invalid) reference is left alone.
    const after = applyPlan(scenario(), plan, registry);
    expect(after.modules[2].mapper).toEqual({ text: "{{1.data}}" });
    expect(after.modules[1].mapper.text).toBe("got {{1.body.x}} and {{ upper(1.body) }} / {{1.other}}");
    expect(after.links[0].filter?.conditions[0][0].a).toBe("{{1.body.ok}}");
  });

  it("only rewrites modules downstream through links", () => {
    const registry = fakeRegistry();
    const s = scenario();
    s.links.push({ from: 2, to: 3 });
    const plan = planUpgrade(s, registry, [1]);
    expect(plan.modules[0].rewrittenReferences.map((r) => `${r.moduleId}:${r.fieldPath}`)).toEqual(["2:mapper.text", "2:onError.output.t", "3:mapper.text", "2:filter[0][0].a"]);
  });

  it("is idempotent: planning the upgraded scenario yields an empty plan", () => {
    const registry = fakeRegistry({ withV3: true });
    const once = applyPlan(scenario(), planUpgrade(scenario(), registry, "all"), registry);
    const again = planUpgrade(once, registry, "all");
    expect(again).toEqual({ applicable: true, modules: [], kept: [], errors: [], warnings: [] });
    expect(applyPlan(once, again, registry)).toBe(once);
  });

  it("chains v1 → v2 → v3 and composes renames", () => {
    const registry = fakeRegistry({ withV3: true });
    const plan = planUpgrade(scenario(), registry, "all");
    const [m] = plan.modules;
    expect(m.after.version).toBe(3);
    expect(m.renamedOutputs).toEqual({ data: "payload" });
    expect(m.automatic).toContain("Migrated v1 → v2.");
    expect(m.automatic).toContain("Migrated v2 → v3.");
    expect(m.attention).toEqual(expect.arrayContaining(["Check b.", "Check v3."]));
    expect(m.rewrittenReferences[0].after).toBe("got {{1.payload.x}} and {{ upper(1.payload) }} / {{1.other}}");
    // t@1 no longer fits t@3: the connection is cleared and a person must pick one.
    expect(m.connectionIncompatible).toBe(true);
    expect(m.after.connection).toBeNull();
    expect(m.attention.some((a) => a.startsWith("Pick a compatible connection"))).toBe(true);
    expect(applyPlan(scenario(), plan, registry).modules[0].connection).toBeNull();
  });

  it("uses the connection's real type when it can look it up", () => {
    const registry = fakeRegistry({ withV3: true });
    const plan = planUpgrade(scenario(), registry, "all", { connectionTypeOf: () => "t@3" });
    expect(plan.modules[0].connectionIncompatible).toBe(false);
    expect(plan.modules[0].after.connection).toBe("conn-1");
  });

  it("keeps a module whose chain has a missing link", () => {
    const registry = fakeRegistry({ withV3: true, brokenV3: true });
    const plan = planUpgrade(scenario(), registry, "all");
    expect(plan.modules).toEqual([]);
    expect(plan.kept).toEqual([{ moduleId: 1, module: "t:mod", version: 1, latest: 3, reason: expect.stringContaining("No migration leads from t:mod v2") }]);
  });

  it("keeps a module whose migration throws, and reports unknown target ids", () => {
    const registry = fakeRegistry({ v2Migrate: () => { throw new Error("boom"); } });
    const plan = planUpgrade(scenario(), registry, [1, 9]);
    expect(plan.modules).toEqual([]);
    expect(plan.kept.map((k) => k.moduleId)).toEqual([9, 1]);
    expect(plan.kept[1].reason).toContain("boom");
  });

  it("re-adds unknown keys a migration drops, with a note; declared keys it drops stay dropped", () => {
    const registry = fakeRegistry({ v2Migrate: () => ({ params: {}, mapper: { b: 1 }, renamedOutputs: {}, notes: [] }) });
    const [m] = planUpgrade(scenario(), registry, "all").modules;
    expect(m.after.params).toEqual({ keep: 1 });
    expect(m.after.mapper).toEqual({ b: 1, extra: "{{0.z}}" });
    expect(m.attention.filter((a) => a.includes("not a field of v1"))).toHaveLength(2);
  });

  it("does not modify its input", () => {
    const s = scenario();
    const copy = structuredClone(s);
    applyPlan(s, planUpgrade(s, fakeRegistry({ withV3: true }), "all"), fakeRegistry({ withV3: true }));
    expect(s).toEqual(copy);
  });

  it("lists new checker errors and makes the plan not applicable; old problems are not repeated", () => {
    const registry = fakeRegistry();
    const check = (b: ReturnType<typeof scenario>) => ({
      errors: [
        { code: "old", message: "was already there" },
        ...(b.modules[0].version === 2 ? [{ moduleId: 1, code: "new", message: "new one" }] : []),
      ],
      warnings: b.modules[0].version === 2 ? [{ code: "w", message: "warn" }] : [],
    });
    const plan = planUpgrade(scenario(), registry, "all", { check });
    expect(plan.applicable).toBe(false);
    expect(plan.errors).toEqual([{ moduleId: 1, code: "new", message: "new one" }]);
    expect(plan.warnings).toEqual([{ code: "w", message: "warn" }]);
  });

  it("refuses to apply a plan made for another blueprint", () => {
    const registry = fakeRegistry();
    const plan = planUpgrade(scenario(), registry, "all");
    const other = scenario();
    other.modules[0].mapper.a = "changed";
    expect(() => applyPlan(other, plan, registry)).toThrow(PlanMismatchError);
  });

  it("writes the revision message", () => {
    const registry = fakeRegistry();
    expect(upgradeMessage(planUpgrade(scenario(), registry, "all"))).toBe("Upgraded Mod v1 → v2");
    const two = scenario();
    two.modules.push({ ...two.modules[0], id: 4 });
    expect(upgradeMessage(planUpgrade(two, registry, "all"))).toBe("Upgraded 2 modules");
  });
});
