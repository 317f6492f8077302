import { describe, expect, it } from "vitest";
import { blueprintSchema, type BlueprintInput } from "./blueprint";
import { checkGraph, linkProblem } from "./graph";

const mod = (id: number, module = "json:create") => ({ id, module, version: 1 });
const bp = (modules: BlueprintInput["modules"], links: BlueprintInput["links"]) =>
  blueprintSchema.parse({ schemaVersion: 1, modules, links });
const codes = (b: ReturnType<typeof bp>, kindOf?: (k: string) => string | undefined) =>
  checkGraph(b, kindOf).map((v) => [v.code, v.moduleIds]);

describe("checkGraph", () => {
  it("accepts an empty scenario, a single module and a chain", () => {
    expect(codes(bp([], []))).toEqual([]);
    expect(codes(bp([mod(1)], []))).toEqual([]);
    expect(codes(bp([mod(1), mod(2), mod(3)], [{ from: 1, to: 2 }, { from: 2, to: 3 }]))).toEqual([]);
  });

  it("accepts a router with several routes and one fallback", () => {
    const b = bp([mod(1), mod(2, "flow:router"), mod(3), mod(4), mod(5)], [
      { from: 1, to: 2 },
      { from: 2, to: 3 },
      { from: 2, to: 4 },
      { from: 2, to: 5, fallback: true },
    ]);
    expect(codes(b)).toEqual([]);
  });

  it("names the modules that break each rule", () => {
    expect(codes(bp([mod(1), mod(2)], []))).toEqual([["several-roots", [1, 2]]]);
    expect(codes(bp([mod(1), mod(1)], []))).toContainEqual(["duplicate-module-id", [1]]);
    expect(codes(bp([mod(1), mod(2), mod(3)], [{ from: 1, to: 2 }, { from: 1, to: 3 }]))).toEqual([["several-outgoing", [1]]]);
    expect(codes(bp([mod(1)], [{ from: 1, to: 7 }]))).toEqual([["unknown-module-in-link", [7]]]);
    expect(codes(bp([mod(1), mod(2)], [{ from: 1, to: 2 }, { from: 1, to: 2 }]))).toContainEqual(["duplicate-link", [1, 2]]);
    expect(codes(bp([mod(1)], [{ from: 1, to: 1 }]))).toContainEqual(["self-link", [1]]);
  });

  it("finds cycles, including ones detached from the root", () => {
    const b = bp([mod(1), mod(2), mod(3)], [{ from: 1, to: 2 }, { from: 2, to: 3 }, { from: 3, to: 2 }]);
    expect(codes(b)).toEqual(expect.arrayContaining([["several-incoming", [2]], ["cycle", [2, 3]]]));
    const loop = bp([mod(1), mod(2)], [{ from: 1, to: 2 }, { from: 2, to: 1 }]);
    expect(codes(loop)).toEqual([["cycle", [1, 2]]]);
  });

  it("allows fallback routes only out of routers, one per router", () => {
    expect(codes(bp([mod(1), mod(2)], [{ from: 1, to: 2, fallback: true }]))).toEqual([["fallback-not-from-router", [1]]]);
    const twice = bp([mod(1, "flow:router"), mod(2), mod(3)], [{ from: 1, to: 2, fallback: true }, { from: 1, to: 3, fallback: true }]);
    expect(codes(twice)).toEqual([["several-fallbacks", [1]]]);
  });

  it("keeps triggers in first place when the module kind is known", () => {
    const kindOf = (key: string) => (key === "flow:manualTrigger" ? "trigger" : key === "json:create" ? "action" : undefined);
    expect(codes(bp([mod(1, "flow:manualTrigger"), mod(2)], [{ from: 1, to: 2 }]), kindOf)).toEqual([]);
    expect(codes(bp([mod(1), mod(2, "flow:manualTrigger")], [{ from: 1, to: 2 }]), kindOf)).toEqual([["trigger-not-root", [2]]]);
  });
});

describe("blueprintSchema", () => {
  it("keeps unknown keys inside params and mapper, and fills default settings", () => {
    const b = blueprintSchema.parse({
      schemaVersion: 1,
      modules: [{ id: 1, module: "json:create", version: 1, params: { a: { b: [1] } }, mapper: { "DE:Custom": "{{1.x}}" } }],
      links: [],
    });
    expect(b.modules[0].params).toEqual({ a: { b: [1] } });
    expect(b.modules[0].mapper).toEqual({ "DE:Custom": "{{1.x}}" });
    expect(b.settings).toMatchObject({ timezone: "UTC", maxResultsPerRun: 100, sequential: false, autoDeactivateAfterErrors: 3 });
  });

  it("refuses unknown keys at the module level, bad module keys and other document versions", () => {
    expect(blueprintSchema.safeParse({ schemaVersion: 1, modules: [{ ...mod(1), colour: "red" }], links: [] }).success).toBe(false);
    expect(blueprintSchema.safeParse({ schemaVersion: 1, modules: [mod(1, "createRecord")], links: [] }).success).toBe(false);
    expect(blueprintSchema.safeParse({ schemaVersion: 2, modules: [], links: [] }).success).toBe(false);
  });
});

describe("linkProblem", () => {
  const chain = bp([mod(1), mod(2, "flow:router"), mod(3), mod(4)], [{ from: 1, to: 2 }, { from: 2, to: 3 }]);

  it("allows a link that keeps the scenario a tree, and every new route from a router", () => {
    expect(linkProblem(chain, 2, 4)).toBeNull();
    expect(linkProblem(chain, 3, 4)).toBeNull();
    expect(checkGraph({ ...chain, links: [...chain.links, { from: 2, to: 4 }] })).toEqual([]);
  });

  it("refuses self links, a second incoming link, a second route from a non-router and loops, saying why", () => {
    expect(linkProblem(chain, 4, 4)).toMatch(/itself/);
    expect(linkProblem(chain, 4, 3)).toMatch(/already has an incoming link/);
    expect(linkProblem(chain, 1, 4)).toMatch(/Only a router/);
    expect(linkProblem(chain, 3, 1)).toMatch(/loop/);
    expect(checkGraph({ ...chain, links: [...chain.links, { from: 3, to: 1 }] }).map((v) => v.code)).toContain("cycle");
  });
});
