import { describe, expect, it } from "vitest";
import { blueprintSchema, type BlueprintInput } from "./blueprint";
import { alignLinkFields, alignModuleFields, diffBlueprints, diffRevisions, summarizeDiff } from "./diff";

const bp = (modules: BlueprintInput["modules"], links: BlueprintInput["links"] = [], settings?: BlueprintInput["settings"]) =>
  blueprintSchema.parse({ schemaVersion: 1, modules, links, ...(settings ? { settings } : {}) });

const trigger = { id: 1, module: "flow:manualTrigger", version: 1, ui: { x: 0, y: 0 } };
const create = (id: number, data: unknown, extra: Partial<BlueprintInput["modules"][number]> = {}) => ({
  id,
  module: "json:create",
  version: 1,
  mapper: { data },
  ui: { x: id * 260, y: 0 },
  ...extra,
});

describe("diffBlueprints", () => {
  it("finds nothing between equal blueprints, whatever order their object keys are in", () => {
    const a = bp([trigger, create(2, { a: 1, b: 2 })], [{ from: 1, to: 2 }]);
    const b = bp([trigger, create(2, { b: 2, a: 1 })], [{ from: 1, to: 2 }]);
    const diff = diffBlueprints(a, b);
    expect(diff.modules.map((m) => m.status)).toEqual(["unchanged", "unchanged"]);
    expect(diff.links).toEqual([]);
    expect(diff.settings).toEqual([]);
    expect(summarizeDiff(diff).identical).toBe(true);
  });

  it("reports added and removed modules by id, with their links", () => {
    const a = bp([trigger, create(2, "x")], [{ from: 1, to: 2 }]);
    const b = bp([trigger, create(3, "y")], [{ from: 1, to: 3 }]);
    const diff = diffBlueprints(a, b);
    expect(diff.modules.map((m) => [m.id, m.status])).toEqual([[1, "unchanged"], [2, "removed"], [3, "added"]]);
    expect(diff.modules[1].before?.mapper).toEqual({ data: "x" });
    expect(diff.modules[2].after?.mapper).toEqual({ data: "y" });
    expect(diff.links.map((l) => [l.from, l.to, l.status])).toEqual([[1, 2, "removed"], [1, 3, "added"]]);
    expect(summarizeDiff(diff)).toMatchObject({ added: 1, removed: 1, changed: 0, links: { added: 1, removed: 1, changed: 0 }, identical: false });
  });

  it("names each changed field of a module: params and mapper per key, connection, error handler, version, note", () => {
    const a = bp([
      trigger,
      {
        id: 2,
        module: "http:makeRequest",
        version: 1,
        connection: null,
        params: { method: "GET", followRedirects: true },
        mapper: { url: "https://a.example", headers: [{ name: "x", value: "1" }] },
        ui: { x: 260, y: 0, note: "calls A" },
      },
    ], [{ from: 1, to: 2 }]);
    const b = bp([
      trigger,
      {
        id: 2,
        module: "http:makeRequest",
        version: 2,
        connection: "con_1",
        params: { method: "POST", followRedirects: true, timeout: 10 },
        mapper: { url: "https://a.example", headers: [{ name: "x", value: "2" }] },
        onError: { directive: "break", retries: 3 },
        ui: { x: 260, y: 0, note: "calls B" },
      },
    ], [{ from: 1, to: 2 }]);
    const [, mod] = diffBlueprints(a, b).modules;
    expect(mod.status).toBe("changed");
    expect(mod.moved).toBeNull();
    expect(mod.fields).toEqual([
      { path: "version", before: 1, after: 2 },
      { path: "connection", before: undefined, after: "con_1" },
      { path: "params.method", before: "GET", after: "POST" },
      { path: "params.timeout", before: undefined, after: 10 },
      { path: "mapper.headers", before: [{ name: "x", value: "1" }], after: [{ name: "x", value: "2" }] },
      { path: "onError", before: undefined, after: { directive: "break", retries: 3 } },
      { path: "note", before: "calls A", after: "calls B" },
    ]);
  });

  it("treats an absent and an empty connection, handler or note as the same", () => {
    const a = bp([trigger, create(2, "x", { connection: null, onError: null, ui: { x: 1, y: 1, note: "" } })]);
    const b = bp([trigger, create(2, "x", { ui: { x: 1, y: 1 } })]);
    expect(diffBlueprints(a, b).modules[1]).toMatchObject({ status: "unchanged", fields: [] });
  });

  it("reports a removed mapper key with nothing after it", () => {
    const a = bp([trigger, { ...create(2, "x"), mapper: { data: "x", spaces: 2 } }]);
    const b = bp([trigger, create(2, "x")]);
    expect(diffBlueprints(a, b).modules[1].fields).toEqual([{ path: "mapper.spaces", before: 2, after: undefined }]);
  });

  it("reports a move apart from changes: a tidied canvas is not an edit", () => {
    const a = bp([trigger, create(2, "x"), create(3, "y")], [{ from: 1, to: 2 }, { from: 2, to: 3 }]);
    const b = bp(
      [trigger, { ...create(2, "x"), ui: { x: 300, y: 40 } }, { ...create(3, "z"), ui: { x: 900, y: 0 } }],
      [{ from: 1, to: 2 }, { from: 2, to: 3 }],
    );
    const diff = diffBlueprints(a, b);
    expect(diff.modules[1]).toMatchObject({ status: "unchanged", fields: [], moved: { before: { x: 520, y: 0 }, after: { x: 300, y: 40 } } });
    expect(diff.modules[2]).toMatchObject({ status: "changed", moved: { before: { x: 780, y: 0 }, after: { x: 900, y: 0 } } });
    expect(diff.modules[2].fields.map((f) => f.path)).toEqual(["mapper.data"]);
    expect(summarizeDiff(diff)).toMatchObject({ changed: 1, moved: 2 });
    const onlyMoved = diffBlueprints(a, bp([trigger, { ...create(2, "x"), ui: { x: 5, y: 5 } }, create(3, "y")], [{ from: 1, to: 2 }, { from: 2, to: 3 }]));
    expect(summarizeDiff(onlyMoved)).toMatchObject({ moved: 1, identical: true });
  });

  it("does not call a module moved when one side was saved without positions", () => {
    const a = bp([{ id: 1, module: "flow:manualTrigger", version: 1 }]);
    const b = bp([trigger]);
    expect(diffBlueprints(a, b).modules[0].moved).toBeNull();
  });

  it("reports an id reused by a different module as removed and added, not as a change of module", () => {
    const a = bp([trigger, create(2, "x")], [{ from: 1, to: 2 }]);
    const b = bp([trigger, { id: 2, module: "flow:router", version: 1 }], [{ from: 1, to: 2 }]);
    expect(diffBlueprints(a, b).modules.slice(1).map((m) => [m.id, m.status, m.before?.module ?? m.after?.module])).toEqual([
      [2, "removed", "json:create"],
      [2, "added", "flow:router"],
    ]);
  });

  it("reports a link whose filter or fallback mark changed", () => {
    const router = { id: 2, module: "flow:router", version: 1 };
    const filter = (value: string) => ({ label: "Big", conditions: [[{ a: "{{1.n}}", op: "number:greater", b: value }]] });
    const a = bp([trigger, router, create(3, "a"), create(4, "b")], [
      { from: 1, to: 2 },
      { from: 2, to: 3, filter: filter("10") },
      { from: 2, to: 4 },
    ]);
    const b = bp([trigger, router, create(3, "a"), create(4, "b")], [
      { from: 1, to: 2 },
      { from: 2, to: 3, filter: filter("100") },
      { from: 2, to: 4, fallback: true },
    ]);
    const links = diffBlueprints(a, b).links;
    expect(links).toHaveLength(2);
    expect(links[0]).toMatchObject({ from: 2, to: 3, status: "changed" });
    expect(links[0].fields).toEqual([{ path: "filter", before: filter("10"), after: filter("100") }]);
    expect(links[1].fields).toEqual([{ path: "fallback", before: undefined, after: true }]);
    const unfiltered = diffBlueprints(b, bp(b.modules, [{ from: 1, to: 2 }, { from: 2, to: 3, filter: null }, { from: 2, to: 4, fallback: true }]));
    expect(unfiltered.links).toEqual([expect.objectContaining({ from: 2, to: 3, fields: [{ path: "filter", before: filter("100"), after: undefined }] })]);
  });

  it("reports changed scenario settings by name", () => {
    const a = bp([trigger], [], { timezone: "UTC", maxResultsPerRun: 100 });
    const b = bp([trigger], [], { timezone: "Europe/Paris", maxResultsPerRun: 100, sequential: true });
    expect(diffBlueprints(a, b).settings).toEqual([
      { path: "timezone", before: "UTC", after: "Europe/Paris" },
      { path: "sequential", before: false, after: true },
    ]);
  });
});

describe("diffRevisions", () => {
  it("adds the scenario's name and description to the blueprint diff", () => {
    const blueprint = bp([trigger]);
    const diff = diffRevisions({ name: "Orders", description: "", blueprint }, { name: "Orders v2", description: "", blueprint });
    expect(diff.meta).toEqual([{ path: "name", before: "Orders", after: "Orders v2" }]);
    expect(summarizeDiff(diff)).toMatchObject({ meta: 1, identical: false });
  });
});

describe("alignLinkFields", () => {
  it("shows an added link as its route, and a filter only on the side that has it", () => {
    const filter = { label: "", conditions: [[{ a: "{{1.n}}", op: "exists" }]] };
    expect(alignLinkFields(null, { from: 1, to: 3, filter })).toEqual([
      { path: "route", before: undefined, after: "1 → 3", changed: true },
      { path: "filter", before: undefined, after: filter, changed: true },
    ]);
    expect(alignLinkFields({ from: 1, to: 3 }, { from: 1, to: 3, fallback: false })).toEqual([{ path: "route", before: "1 → 3", after: "1 → 3", changed: false }]);
  });
});

describe("alignModuleFields", () => {
  it("lines up both sides field by field and marks the ones that differ", () => {
    const rows = alignModuleFields(bp([create(2, "x", { params: { spaces: 2 } })]).modules[0], null);
    expect(rows.map((r) => [r.path, r.before, r.after, r.changed])).toEqual([
      ["version", 1, undefined, true],
      ["params.spaces", 2, undefined, true],
      ["mapper.data", "x", undefined, true],
    ]);
    const a = bp([create(2, "x")]).modules[0];
    const b = bp([create(2, "y")]).modules[0];
    expect(alignModuleFields(a, b).map((r) => [r.path, r.changed])).toEqual([["version", false], ["mapper.data", true]]);
  });
});
