import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyPlan, planUpgrade } from "./plan";
import { composeRenames, renamePath, type Renames } from "./renames";
import { bp, fakeRegistry } from "./testing";

/** Expression trees rendered to mapping text, so the expected rewrite can be rendered the same way. */
type Expr = { ref: { id: number; path: string[] } } | { lit: string } | { call: { name: string; args: Expr[] } };
type Part = { text: string } | { expr: Expr; pad: string };

const field = fc.constantFrom("data", "body", "other", "x", "dataX");
const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ ref: fc.record({ id: fc.constantFrom(1, 2), path: fc.tuple(field, fc.array(fc.constantFrom("a", "data", "b"), { maxLength: 2 })).map(([f, rest]) => [f, ...rest]) }) }),
    fc.record({ lit: fc.stringMatching(/^[a-z 1.]{0,6}$/) }),
    fc.record({ call: fc.record({ name: fc.constantFrom("lower", "upper", "get", "trim"), args: fc.array(tie("expr"), { maxLength: 3 }) }) }),
  ),
})).expr;
const partArb: fc.Arbitrary<Part> = fc.oneof(
  fc.record({ text: fc.stringMatching(/^[^{}]{0,8}$/) }),
  fc.record({ expr: exprArb, pad: fc.constantFrom("", " ", "  ") }),
);

function renderExpr(e: Expr, rename: (id: number, path: string[]) => string[]): string {
  if ("ref" in e) return `${e.ref.id}.${rename(e.ref.id, e.ref.path).join(".")}`;
  if ("lit" in e) return JSON.stringify(e.lit);
  return `${e.call.name}(${e.call.args.map((a) => renderExpr(a, rename)).join("; ")})`;
}
const render = (parts: Part[], rename: (id: number, path: string[]) => string[]) =>
  parts.map((p) => ("text" in p ? p.text : `{{${p.pad}${renderExpr(p.expr, rename)}${p.pad}}}`)).join("");

const scenarioWith = (text: string, extra: Record<string, unknown> = {}) =>
  bp({
    modules: [
      { id: 1, module: "t:mod", version: 1, mapper: { a: "x", ...extra } },
      { id: 2, module: "t:mod", version: 2, mapper: { b: "y" } },
      { id: 3, module: "t:compose", version: 1, mapper: { text } },
    ],
    links: [
      { from: 1, to: 2 },
      { from: 2, to: 3 },
    ],
  });

describe("reference rewriting (property)", () => {
  it("changes only references to the upgraded module's renamed fields; other text stays byte-identical", () => {
    const registry = fakeRegistry();
    fc.assert(
      fc.property(fc.array(partArb, { maxLength: 6 }), (parts) => {
        const before = render(parts, (_, p) => p);
        const expected = render(parts, (id, p) => (id === 1 && p[0] === "data" ? ["body", ...p.slice(1)] : p));
        const s = scenarioWith(before);
        const after = applyPlan(s, planUpgrade(s, registry, [1]), registry);
        expect(after.modules[2].mapper.text).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("composeRenames (property)", () => {
  const name = fc.constantFrom("a", "b", "c", "d", "e");
  const renames = fc.dictionary(name, name, { maxKeys: 4 });
  it("renaming through the composed map equals renaming step by step", () => {
    fc.assert(
      fc.property(renames, renames, name, (r1: Renames, r2: Renames, n) => {
        // A name that step 1 renames *to* without renaming it away is ambiguous (two v1 fields, one v2 field).
        fc.pre(Object.hasOwn(r1, n) || !Object.values(r1).includes(n));
        const step = (r: Renames, x: string): string => String(renamePath([x], r)?.[0] ?? x);
        expect(step(composeRenames(r1, r2), n)).toBe(step(r2, step(r1, n)));
      }),
    );
  });
});

describe("unknown keys (property)", () => {
  it("survive a migration that drops everything, with their values", () => {
    const registry = fakeRegistry({ v2Migrate: () => ({ params: {}, mapper: { b: null }, renamedOutputs: {}, notes: [] }) });
    const key = fc.stringMatching(/^[a-z]{2,6}$/).filter((k) => !["url", "a", "b"].includes(k));
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue(), { maxKeys: 5 }), (extra) => {
        const s = scenarioWith("", extra);
        const [m] = planUpgrade(s, registry, [1]).modules;
        expect(m.after.mapper).toEqual({ b: null, ...extra });
      }),
      { numRuns: 100 },
    );
  });
});

describe("idempotence (property)", () => {
  it("planning after applying yields an empty plan, and applying that changes nothing", () => {
    const registry = fakeRegistry({ withV3: true });
    fc.assert(
      fc.property(fc.array(partArb, { maxLength: 4 }), fc.subarray([1, 2, 3]), (parts, targets) => {
        const s = scenarioWith(render(parts, (_, p) => p));
        const once = applyPlan(s, planUpgrade(s, registry, "all"), registry);
        const again = planUpgrade(once, registry, targets);
        expect(again.modules).toEqual([]);
        expect(applyPlan(once, again, registry)).toEqual(once);
      }),
      { numRuns: 100 },
    );
  });
});
