/**
 * Property tests: whatever people type, the language answers with a value or one of its two error
 * types, promptly; and references can be rewritten without disturbing anything else.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OutputSpec } from "../scenario/output-spec";
import {
  checkMapper,
  collectReferences,
  evaluateMapper,
  evaluateTemplate,
  functionCatalog,
  MappingEvalError,
  MappingSyntaxError,
  parseTemplate,
  rewriteReferences,
  type Reference,
} from "./index";
import { context } from "./test-support";

const bundle = {
  a: "Some text",
  n: 5,
  items: [{ id: 1, name: "x" }, { id: 2 }],
  d: "2024-01-01T10:00:00Z",
  nested: { x: [1, [2, 3]], "DE:x": "custom" },
  "First Name": "Ada",
};
const ctx = context({ 1: bundle, 2: [1, 2, 3], 3: "plain" }, { timezone: "Europe/Paris", variables: { v: 1 } });

const FRAGMENTS = [
  "{{", "}}", "{{", "}}", "1.", "2.", "3.", "1.a", "1.items", "1.n", "1.d", "1.nested", "[", "]", "[1]", "[0]", "(", ")",
  ";", ";", ",", '"', '"x"', '"/a+/g"', '"/(a+)+/"', "`", "`First Name`", "\\", " ", " ", "+", "-", "*", "/", "%", "=",
  "!=", "<", "<=", ">", ">=", "and", "or", "not", "!", "&&", "||", "0", "1", "2.5", "-1", "1e400", "99999999999999999999",
  "true", "false", "null", "now", "today", "pi", "emptyarray", "v", "x", "DE:x", ".", ".name", "#", "}", "{", "\n", "é", "🙂",
  ...functionCatalog.map((f) => `${f.name}(`),
];

const soup = fc.oneof(
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join("")),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 30 }).map((s) => `{{${s}}}`),
);

/** Valid expressions, so evaluation (not just parsing) gets exercised hard. */
const { expression } = fc.letrec<{ expression: string; atom: string; call: string; binary: string }>((tie) => ({
  atom: fc.oneof(
    fc.constantFrom("1.a", "1.n", "1.items", "1.items[1].id", "1.items.id", "1.d", "1.nested.`DE:x`", "2", "3.x", "v"),
    fc.constantFrom("now", "pi", "emptyarray", "emptystring", "true", "null", "timestamp"),
    fc.integer({ min: -1000, max: 1000 }).map(String),
    fc.constantFrom('""', '"a,b"', '"2024-03-31"', '"YYYY-MM-DD"', '"/b+/g"', '"days"', '"asc"', '"0"', '"sha256"'),
  ),
  // Mostly the right number of arguments, so that function bodies run rather than arity checks.
  call: fc.constantFrom(...functionCatalog).chain((info) =>
    fc
      .array(tie("expression"), {
        minLength: Math.max(0, info.minArgs - 1),
        maxLength: Math.min(info.maxArgs, info.minArgs + 2),
      })
      .map((args) => `${info.name}(${args.join("; ")})`),
  ),
  binary: fc
    .tuple(tie("expression"), fc.constantFrom("+", "-", "*", "/", "%", "=", "!=", "<", ">=", "and", "or"), tie("expression"))
    .map(([a, op, b]) => `(${a} ${op} ${b})`),
  expression: fc.oneof({ depthSize: "small", withCrossShrink: true }, tie("atom"), tie("call"), tie("binary")),
}));

function outcome(action: () => unknown): "value" | "syntax" | "eval" {
  try {
    action();
    return "value";
  } catch (error) {
    if (error instanceof MappingSyntaxError) return "syntax";
    if (error instanceof MappingEvalError) return "eval";
    throw error;
  }
}

describe("robustness", () => {
  it("any string yields a value or a typed error", () => {
    fc.assert(
      fc.property(soup, (source) => {
        outcome(() => evaluateTemplate(source, ctx));
        outcome(() => evaluateMapper({ field: [source] }, ctx));
      }),
      { numRuns: 3000 },
    );
  });

  it("generated expressions parse, and evaluate to a value or a MappingEvalError", () => {
    fc.assert(
      fc.property(expression, fc.boolean(), (source, whole) => {
        const template = whole ? `{{${source}}}` : `x {{${source}}} y`;
        expect(() => parseTemplate(template)).not.toThrow();
        expect(outcome(() => evaluateTemplate(template, ctx))).not.toBe("syntax");
      }),
      { numRuns: 3000 },
    );
  });

  it("the checker and reference tools never throw on any string", () => {
    const upstream = new Map<number, OutputSpec>([[1, [{ name: "a", type: "text" }]]]);
    fc.assert(
      fc.property(soup, (source) => {
        expect(Array.isArray(checkMapper({ x: source }, { upstream }))).toBe(true);
        expect(Array.isArray(collectReferences([source]))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("a syntax error's position lies within the template", () => {
    fc.assert(
      fc.property(soup, (source) => {
        try {
          parseTemplate(source);
        } catch (error) {
          expect(error).toBeInstanceOf(MappingSyntaxError);
          const { position } = error as MappingSyntaxError;
          expect(position >= 0 && position <= source.length).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("string literals carry any text through unchanged", () => {
    const escape = (s: string) => s.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 50 }), (text) => {
        expect(evaluateTemplate(`{{"${escape(text)}"}}`, ctx)).toBe(text);
      }),
    );
  });

  it("number literals evaluate to themselves", () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e15, noNaN: true })), (n) => {
        const text = String(n);
        fc.pre(!text.includes("e"));
        expect(evaluateTemplate(`{{${text}}}`, ctx)).toBe(n);
      }),
    );
  });
});

describe("rewriting", () => {
  it("parse → rewrite with the identity gives back every string byte for byte", () => {
    fc.assert(
      fc.property(fc.oneof(soup, expression.map((e) => `a {{ ${e} }} b {{${e}}}`)), (source) => {
        expect(rewriteReferences(source, (ref) => ref)).toBe(source);
        expect(rewriteReferences({ k: [source, 1] }, (ref) => ({ ...ref }))).toEqual({ k: [source, 1] });
      }),
      { numRuns: 2000 },
    );
  });

  it("re-pointing modules changes only the module ids", () => {
    fc.assert(
      fc.property(expression, (e) => {
        const source = `a {{ ${e} }} b`;
        const before = collectReferences(source);
        const shift = (ref: Reference) => ({ ...ref, moduleId: ref.moduleId + 100 });
        const rewritten = rewriteReferences(source, shift) as string;
        const after = collectReferences(rewritten);
        expect(after.map((r) => [r.moduleId, r.path])).toEqual(before.map((r) => [r.moduleId + 100, r.path]));
        expect(rewritten.replace(/\b1(\d\d)\./g, (_, id: string) => `${Number(id)}.`)).toBe(source);
      }),
      { numRuns: 1000 },
    );
  });
});
