import { describe, expect, it } from "vitest";
import { blueprintCheckers } from "../scenarios/checkers";
import { registry } from "../../modules";
import { applyReplacement, planReplacement, ReplacementError } from "./replace";
import { swapConnection } from "./swap";
import { bp } from "./testing";

const check = blueprintCheckers(registry).extra;

/** trigger → iterator(2) over 1.items → http v1 (3) → aggregator collecting 3 → compose reading 3 and 4. */
const scenario = () =>
  bp({
    modules: [
      { id: 1, module: "flow:manualTrigger", version: 1 },
      { id: 2, module: "flow:iterator", version: 1, mapper: { array: "{{1.items}}" } },
      { id: 3, module: "http:makeRequest", version: 1, connection: "conn-x", params: { bodyType: "none" }, mapper: { url: "https://x.test/{{2.value}}", method: "GET", timeout: 5 }, onError: { directive: "resume", output: { status: 0 } } },
      { id: 4, module: "flow:arrayAggregator", version: 1, params: { sourceModule: 3 } },
      { id: 5, module: "flow:composeText", version: 1, mapper: { text: "{{3.statusCode}} {{length(4.array)}}" } },
    ],
    links: [
      { from: 1, to: 2 },
      { from: 2, to: 3 },
      { from: 3, to: 4, filter: { label: "ok", conditions: [[{ a: "{{3.statusCode}}", op: "number:equal", b: 200 }]] } },
      { from: 4, to: 5 },
    ],
  });

describe("planReplacement", () => {
  it("keeps links and the error handler, carries fields by name, re-points references and the aggregator's source", () => {
    const before = scenario();
    const copy = structuredClone(before);
    const plan = planReplacement(before, registry, 3, { module: "http:makeRequest", version: 2 }, { check });
    expect(before).toEqual(copy);
    expect(plan).toMatchObject({ applicable: true, moduleId: 3, newModuleId: 6, before: { module: "http:makeRequest", version: 1 }, after: { module: "http:makeRequest", version: 2, connection: null } });
    expect(plan.copied).toEqual(["mapper.url", "mapper.method", "mapper.timeout"]);
    expect(plan.notCarried).toEqual([
      { fieldPath: "params.bodyType", reason: "Make a request (http:makeRequest v2) has no field “bodyType”." },
      { fieldPath: "connection", reason: "Make a request takes no connection." },
    ]);
    expect(plan.rewrittenReferences).toEqual([
      { moduleId: 4, fieldPath: "params.sourceModule", before: "3", after: "6" },
      { moduleId: 5, fieldPath: "mapper.text", before: "{{3.statusCode}} {{length(4.array)}}", after: "{{6.statusCode}} {{length(4.array)}}" },
      { moduleId: 4, fieldPath: "filter[0][0].a", before: "{{3.statusCode}}", after: "{{6.statusCode}}" },
    ]);
    const after = applyReplacement(before, plan, registry, { check });
    expect(after.links.map((l) => [l.from, l.to])).toEqual([[1, 2], [2, 6], [6, 4], [4, 5]]);
    expect(after.modules.find((m) => m.id === 6)).toMatchObject({ module: "http:makeRequest", version: 2, onError: { directive: "resume" }, mapper: { url: "https://x.test/{{2.value}}" } });
    expect(after.modules.some((m) => m.id === 3)).toBe(false);
    // The module's own references to upstream modules are its mapper's business and stay as they were.
    expect(after.modules.find((m) => m.id === 6)!.mapper.url).toBe("https://x.test/{{2.value}}");
  });

  it("keeps a connection whose real type the new module accepts, and asks for one otherwise", () => {
    const base = bp({
      modules: [
        { id: 1, module: "flow:manualTrigger", version: 1 },
        { id: 2, module: "workfront:readRecord", version: 1, connection: "legacy", params: { objCode: "TASK" }, mapper: { id: "{{1.id}}" } },
      ],
      links: [{ from: 1, to: 2 }],
    });
    const target = { module: "workfront:readRecord", version: 2 };
    const kept = planReplacement(base, registry, 2, target, { connectionTypeOf: () => "workfront@2" });
    expect(kept.after.connection).toBe("legacy");
    const cleared = planReplacement(base, registry, 2, target, { connectionTypeOf: () => "workfront@1" });
    expect(cleared.after.connection).toBeNull();
    expect(cleared.attention).toContain("Pick a workfront@2 or workfront@3 connection for Read a record.");
    expect(cleared.attentionFields.map((f) => f.fieldPath)).toContain("connection");
  });

  it("refuses what the graph does not allow, and a plan shown for another blueprint", () => {
    expect(() => planReplacement(scenario(), registry, 9, { module: "flow:composeText", version: 1 })).toThrow(ReplacementError);
    expect(() => planReplacement(scenario(), registry, 3, { module: "flow:manualTrigger", version: 1 })).toThrow(/only the first module can be a trigger/);
    expect(() => planReplacement(scenario(), registry, 3, { module: "nope:nope", version: 1 })).toThrow(/not installed/);
    const plan = planReplacement(scenario(), registry, 3, { module: "http:makeRequest", version: 2 });
    const changed = scenario();
    changed.modules[2].mapper.url = "https://other.test";
    expect(() => applyReplacement(changed, plan, registry)).toThrow(/changed since/);
  });
});

describe("swapConnection", () => {
  it("gives every module of the app that accepts the type the connection, and says why the others did not get it", () => {
    const base = bp({
      modules: [
        { id: 1, module: "flow:manualTrigger", version: 1 },
        { id: 2, module: "workfront:readRecord", version: 2, connection: "old", params: { objCode: "TASK" } },
        { id: 3, module: "workfront:readRecord", version: 1, connection: "legacy", params: { objCode: "TASK" } },
        { id: 4, module: "workfront:readRecord", version: 2, connection: "new", params: { objCode: "TASK" } },
        { id: 5, module: "http:makeRequest", version: 2, mapper: { url: "https://x.test" } },
      ],
      links: [{ from: 1, to: 2 }, { from: 2, to: 3 }, { from: 3, to: 4 }, { from: 4, to: 5 }],
    });
    const { swap, blueprint } = swapConnection(base, registry, "workfront", { id: "new", type: "workfront@2", name: "API key" });
    expect(swap.swapped).toEqual([{ moduleId: 2, module: "workfront:readRecord", version: 2, title: "Read a record", before: "old" }]);
    expect(swap.skipped).toEqual([{ moduleId: 3, module: "workfront:readRecord", version: 1, title: "Read a record", reason: "“API key” is a workfront@2 connection; Read a record v1 needs workfront@1 (upgrade it first)." }]);
    expect(blueprint.modules.map((m) => m.connection ?? null)).toEqual([null, "new", "legacy", "new", null]);
    expect(swapConnection(blueprint, registry, "workfront", { id: "new", type: "workfront@2", name: "API key" }).blueprint).toBe(blueprint);
  });
});
