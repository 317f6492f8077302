import { describe, expect, it } from "vitest";
import { blueprintSchema, type Blueprint } from "./blueprint";
import { autoLayout, copyModules, parseClipboard, pasteModules, withPositions } from "./edits";

const chain = (): Blueprint =>
  blueprintSchema.parse({
    schemaVersion: 1,
    modules: [
      { id: 1, module: "flow:manual", version: 1, ui: { x: 0, y: 0 } },
      { id: 2, module: "flow:router", version: 1, ui: { x: 300, y: 10 } },
      { id: 3, module: "json:create", version: 1, mapper: { data: { name: "{{1.name}}", echo: "{{ 2.x }}" } }, ui: { x: 600, y: 0, note: "keep me" } },
      { id: 4, module: "json:create", version: 1, mapper: { data: "{{3.name}} and {{upper(1.name)}}" }, ui: { x: 600, y: 200 } },
    ],
    links: [
      { from: 1, to: 2 },
      { from: 2, to: 3, filter: { label: "named", conditions: [[{ a: "{{1.name}}", op: "exist" }]] } },
      { from: 2, to: 4, fallback: true },
    ],
  });

describe("layout", () => {
  it("places a blueprint without positions along its tree, routes one row apart", () => {
    const bp = chain();
    const bare = { ...bp, modules: bp.modules.map(({ ui: _ui, ...m }) => m) };
    const placed = withPositions(bare);
    expect(placed.modules.map((m) => [m.id, m.ui?.x, m.ui?.y])).toEqual([
      [1, 0, 0],
      [2, 300, 0],
      [3, 600, 0],
      [4, 600, 140],
    ]);
  });

  it("leaves positioned blueprints alone but auto-align moves everything and keeps notes", () => {
    const bp = chain();
    expect(withPositions(bp)).toBe(bp);
    const aligned = autoLayout(bp);
    expect(aligned.modules.find((m) => m.id === 2)?.ui).toEqual({ x: 300, y: 0 });
    expect(aligned.modules.find((m) => m.id === 3)?.ui).toEqual({ x: 600, y: 0, note: "keep me" });
    expect(aligned.links).toEqual(bp.links);
  });
});

describe("copy and paste", () => {
  it("copies the chosen modules with only the links between them", () => {
    const clip = copyModules(chain(), [2, 3]);
    expect(clip?.modules.map((m) => m.id)).toEqual([2, 3]);
    expect(clip?.links.map((l) => [l.from, l.to])).toEqual([[2, 3]]);
    expect(copyModules(chain(), [99])).toBeNull();
  });

  it("pastes under fresh ids, below what is there, with references between pasted modules following them", () => {
    const bp = chain();
    const clip = copyModules(bp, [2, 3, 4])!;
    const { blueprint, ids } = pasteModules(bp, parseClipboard(JSON.stringify(clip))!);
    expect(ids).toEqual([5, 6, 7]);
    const pasted = blueprint.modules.filter((m) => ids.includes(m.id));
    // {{1.name}} points outside the paste: kept. {{ 2.x }} and {{3.name}} point inside: renumbered, spacing kept.
    expect(pasted[1].mapper).toEqual({ data: { name: "{{1.name}}", echo: "{{ 5.x }}" } });
    expect(pasted[2].mapper).toEqual({ data: "{{6.name}} and {{upper(1.name)}}" });
    expect(pasted[1].ui).toEqual({ x: 600, y: 340, note: "keep me" });
    expect(blueprint.links.slice(3)).toEqual([
      { from: 5, to: 6, filter: { label: "named", conditions: [[{ a: "{{1.name}}", op: "exist" }]] } },
      { from: 5, to: 7, fallback: true },
    ]);
    // The original is untouched and the result is still a valid blueprint.
    expect(blueprint.modules.slice(0, 4)).toEqual(bp.modules);
    expect(blueprintSchema.safeParse(blueprint).success).toBe(true);
  });

  it("pastes into another scenario below its modules", () => {
    const clip = copyModules(chain(), [3])!;
    const other = blueprintSchema.parse({ schemaVersion: 1, modules: [{ id: 1, module: "flow:manual", version: 1, ui: { x: 0, y: 0 } }], links: [] });
    const { blueprint, ids } = pasteModules(other, clip);
    expect(ids).toEqual([2]);
    expect(blueprint.modules[1].ui).toEqual({ x: 600, y: 140, note: "keep me" });
  });

  it("ignores clipboard text that is not Patchbay modules", () => {
    expect(parseClipboard("hello")).toBeNull();
    expect(parseClipboard(JSON.stringify({ kind: "patchbay/modules", modules: [], links: [] }))).toBeNull();
    expect(parseClipboard(JSON.stringify({ kind: "other", modules: [{ id: 1, module: "a:b", version: 1 }], links: [] }))).toBeNull();
  });
});
