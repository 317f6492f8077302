import { describe, expect, expectTypeOf, it } from "vitest";
import { defineModule, ModuleDefinitionError, type ModuleInput } from "./define";
import { describeModule, inferOutputSpec, resolveOutputSpec } from "./describe";
import type { FieldSpec } from "./field-spec";
import { createModuleRegistry, DuplicateModuleError, registryProblems } from "./registry";

function action(overrides: Partial<ModuleInput<readonly FieldSpec[]>> & { key?: string; version?: number } = {}) {
  return defineModule({
    key: "demo:thing",
    version: 1,
    kind: "action",
    title: "Thing",
    description: "Does a thing.",
    fields: [],
    output: [{ name: "id", type: "number" }],
    run: () => [{ id: 1 }],
    ...overrides,
  } as ModuleInput<readonly FieldSpec[]>);
}

describe("defineModule", () => {
  it("refuses definitions that could not work, saying why", () => {
    expect(() => action({ key: "Demo thing" })).toThrow(/key must look like "app:moduleName"/);
    expect(() => action({ version: 0 })).toThrow(/integer ≥ 1/);
    expect(() => action({ connection: "demo" })).toThrow(/connection type must look like "app@1"/);
    expect(() => action({ fields: [{ name: "a", label: "A", type: "text" }, { name: "a", label: "A", type: "number" }] })).toThrow(
      /"a" is declared twice/,
    );
    expect(() => action({ fields: [{ name: "kind", label: "Kind", type: "select", dynamicOptions: "kinds" }] })).toThrow(
      /loads options "kinds", which the module does not define/,
    );
    expect(() =>
      action({ fields: [{ name: "c", label: "C", type: "collection", fields: [{ name: "x", label: "X", type: "text", static: true }] }] }),
    ).toThrow(/only top-level fields can be static/);
    expect(() => action({ version: 2, upgradeFrom: { version: 2, migrate: (old) => ({ ...old, renamedOutputs: {}, notes: [] }) } })).toThrow(
      /upgradeFrom.version must be an earlier version/,
    );
    expect(() => action({ fields: [{ name: "d", label: "D", type: "text", default: (() => "x") as unknown as string }] })).toThrow(
      /plain JSON/,
    );
  });

  it("requires aggregators to declare their source module as a static, required number", () => {
    const aggregator = (fields: readonly FieldSpec[]) =>
      defineModule({ key: "demo:agg", version: 1, kind: "aggregator", title: "Agg", description: "", fields, output: null, run: () => [] });
    expect(() => aggregator([])).toThrow(ModuleDefinitionError);
    expect(() => aggregator([{ name: "sourceModule", label: "Source", type: "number", required: true }])).toThrow(/static, required number/);
    expect(aggregator([{ name: "sourceModule", label: "Source", type: "number", required: true, static: true }]).kind).toBe("aggregator");
  });

  it("types params and values from the literal field spec", () => {
    defineModule({
      key: "demo:typed",
      version: 1,
      kind: "action",
      title: "Typed",
      description: "",
      fields: [
        { name: "mode", label: "Mode", type: "select", static: true, default: "fast", options: [{ value: "fast", label: "Fast" }, { value: "safe", label: "Safe" }] },
        { name: "count", label: "Count", type: "number", required: true },
        { name: "note", label: "Note", type: "text" },
        { name: "rows", label: "Rows", type: "array", items: { type: "collection", fields: [{ name: "id", label: "ID", type: "number", required: true }] } },
      ],
      output: null,
      run({ params, values }) {
        expectTypeOf(params).toEqualTypeOf<{ mode: "fast" | "safe" }>();
        expectTypeOf(values.count).toEqualTypeOf<number>();
        expectTypeOf(values.note).toEqualTypeOf<string | undefined>();
        expectTypeOf(values.rows).toEqualTypeOf<{ id: number }[] | undefined>();
        return [];
      },
    });
  });

  it("splits the key into app and name", () => {
    const def = action();
    expect([def.app, def.name, def.connection, def.instant, def.deprecated]).toEqual(["demo", "thing", null, false, null]);
  });
});

describe("registry", () => {
  const v1 = action();
  const v2 = action({ version: 2, upgradeFrom: { version: 1, migrate: (old) => ({ params: old.params, mapper: old.mapper, renamedOutputs: {}, notes: [] }) } });
  const other = action({ key: "demo:other" });

  it("keeps every version loadable and knows the latest", () => {
    const registry = createModuleRegistry([v2, other, v1]);
    expect(registry.getModule("demo:thing", 1)).toBe(v1);
    expect(registry.getModule("demo:thing", 2)).toBe(v2);
    expect(registry.getModule("demo:thing", 3)).toBeUndefined();
    expect(registry.latestVersion("demo:thing")).toBe(2);
    expect(registry.latestVersion("demo:missing")).toBeUndefined();
    expect(registry.listModules().map((d) => `${d.key}@${d.version}`)).toEqual(["demo:other@1", "demo:thing@1", "demo:thing@2"]);
  });

  it("refuses the same version twice", () => {
    expect(() => createModuleRegistry([v1, action()])).toThrow(DuplicateModuleError);
  });

  it("reports versions without a migration from an earlier one", () => {
    const orphan = action({ version: 3 });
    const dangling = action({ version: 5, upgradeFrom: { version: 4, migrate: (old) => ({ ...old, renamedOutputs: {}, notes: [] }) } });
    expect(registryProblems(createModuleRegistry([v1, v2, orphan, dangling]))).toEqual([
      "demo:thing@3 has no upgradeFrom migration from an earlier version.",
      "demo:thing@5 upgrades from v4, which is not registered.",
    ]);
  });
});

describe("describeModule", () => {
  const typed = defineModule({
    key: "demo:record",
    version: 1,
    kind: "search",
    title: "Search records",
    description: "Finds records of a type.",
    connection: "demo@2",
    deprecated: { since: "2026-01-01", sunset: "2027-01-01", reason: "Use v2." },
    fields: [
      { name: "objCode", label: "Type", type: "select", static: true, required: true, dynamicOptions: "types" },
      { name: "limit", label: "Limit", type: "number", default: 10 },
    ],
    options: { types: async () => [{ value: "TASK", label: "Task" }] },
    output: (params) => [{ name: "ID", type: "text" }, { name: `${params.objCode}:name`, type: "text" }],
    run: () => [],
  });

  it("is plain JSON: everything but functions", () => {
    const description = describeModule(typed);
    expect(JSON.parse(JSON.stringify(description))).toEqual(description);
    expect(description).toMatchObject({
      key: "demo:record",
      app: "demo",
      kind: "search",
      connection: "demo@2",
      deprecated: { sunset: "2027-01-01" },
      dynamicOptions: ["types"],
      upgradeFrom: null,
      output: { dynamic: true, spec: null },
    });
    expect(description.fields).toEqual(typed.fields);
  });

  it("resolves a params-dependent output spec, and says 'unknown' when params are not usable yet", () => {
    expect(describeModule(typed, { objCode: "TASK" }).output).toEqual({
      dynamic: true,
      spec: [{ name: "ID", type: "text" }, { name: "TASK:name", type: "text" }],
    });
    expect(resolveOutputSpec(typed, {})).toBeNull();
    expect(describeModule(action()).output).toEqual({ dynamic: false, spec: [{ name: "id", type: "number" }] });
  });

  it("infers an output spec from a sample", () => {
    expect(inferOutputSpec({ id: 1, name: "a", tags: ["x"], owner: { email: "e" }, lines: [{ qty: 2 }] })).toEqual([
      { name: "id", type: "number" },
      { name: "name", type: "text" },
      { name: "tags", type: "array", of: "text" },
      { name: "owner", type: "collection", spec: [{ name: "email", type: "text" }] },
      { name: "lines", type: "array", spec: [{ name: "qty", type: "number" }] },
    ]);
  });
});
