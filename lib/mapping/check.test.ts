import { describe, expect, it } from "vitest";
import type { OutputSpec } from "../scenario/output-spec";
import { checkMapper, type Diagnostic } from "./index";

const taskSpec: OutputSpec = [
  { name: "id", type: "text" },
  { name: "count", type: "number" },
  {
    name: "newState",
    type: "collection",
    spec: [
      { name: "name", type: "text" },
      { name: "DE:Color", type: "text" },
      { name: "owner", type: "collection", spec: [{ name: "email", type: "text" }] },
    ],
  },
  { name: "items", type: "array", spec: [{ name: "id", type: "number" }, { name: "tags", type: "array", of: "text" }] },
  { name: "labels", type: "array", of: "text" },
  { name: "raw", type: "any" },
  { name: "loose", type: "collection" },
];
const upstream = new Map<number, OutputSpec>([
  [1, taskSpec],
  [2, null],
]);

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.severity}:${d.code}`);

describe("checkMapper", () => {
  it("accepts valid references, calls, keywords and declared variables", () => {
    const mapper = {
      a: "{{1.id}} {{1.newState.owner.email}} {{1.newState.DE:Color}} {{1.items[2].id}} {{1.items.id}}",
      b: '{{formatDate(now; "YYYY")}} {{1.labels[1]}} {{1.raw.anything.goes}} {{1.loose.x}} {{2.whatever}}',
      c: "{{1.items[1].tags[2]}} {{1.items.tags}} {{myVar}} {{emptyarray}} {{executionId}} {{pi}}",
      d: ["no expressions", 5, null],
    };
    expect(checkMapper(mapper, { upstream, variables: ["myVar"] })).toEqual([]);
  });

  it("reports syntax errors with their position", () => {
    expect(checkMapper({ name: "ok {{1.id +}}" }, { upstream })).toEqual([
      { severity: "error", code: "syntax", message: "Expected an expression at position 11", fieldPath: "name", position: 11 },
    ]);
  });

  it("reports references to modules that are not upstream as errors", () => {
    const [diagnostic] = checkMapper({ x: ["{{lower(5.name)}}"] }, { upstream });
    expect(diagnostic).toMatchObject({ severity: "error", code: "not-upstream", moduleId: 5, fieldPath: "x[0]", position: 8 });
  });

  it("warns about fields absent from a known output spec, pointing at the first unknown segment", () => {
    const diagnostics = checkMapper({ a: "{{1.newState.colour}}", b: "{{1.nam}}" }, { upstream });
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: "warning", code: "unknown-field", fieldPath: "a", moduleId: 1, position: 12 }),
      expect.objectContaining({ severity: "warning", code: "unknown-field", fieldPath: "b", moduleId: 1, position: 3 }),
    ]);
    expect(diagnostics[0].message).toBe('Module 1 has no output "newState.colour"');
  });

  it("checks array item fields whether written with an index or not", () => {
    expect(codes(checkMapper("{{1.items[1].nope}}", { upstream }))).toEqual(["warning:unknown-field"]);
    expect(codes(checkMapper("{{1.items.nope}}", { upstream }))).toEqual(["warning:unknown-field"]);
    expect(codes(checkMapper("{{1.labels.x}}", { upstream }))).toEqual(["warning:unknown-field"]);
  });

  it("warns about fields under plain values and indexes on non-arrays", () => {
    const [under] = checkMapper("{{1.id.first}}", { upstream });
    expect(under.message).toMatch(/"id" is text and has no fields/);
    const [index] = checkMapper("{{1.newState[1]}}", { upstream });
    expect(index.message).toMatch(/not an array/);
  });

  it("warns that position 0 never exists", () => {
    expect(checkMapper("{{1.items[0].id}}", { upstream })).toEqual([
      expect.objectContaining({ severity: "warning", code: "index-zero", position: 9 }),
    ]);
  });

  it("never warns about modules whose output shape is unknown", () => {
    expect(checkMapper("{{2.a.b[3].c}}", { upstream })).toEqual([]);
  });

  it("reports unknown functions, with a hint for case mistakes and keywords", () => {
    const diagnostics = checkMapper({ a: "{{Lower(1.id)}}", b: "{{now()}}", c: "{{frobnicate()}}" }, { upstream });
    expect(codes(diagnostics)).toEqual(["error:unknown-function", "error:unknown-function", "error:unknown-function"]);
    expect(diagnostics[0].message).toContain('did you mean "lower"');
    expect(diagnostics[1].message).toContain("without parentheses");
    expect(diagnostics[2]).toMatchObject({ fieldPath: "c", position: 2 });
  });

  it("reports wrong argument counts with the signature", () => {
    const diagnostics = checkMapper({ a: "{{lower()}}", b: '{{formatDate(now; "Y"; "UTC"; 4)}}', c: "{{merge(1.items)}}" }, { upstream });
    expect(codes(diagnostics)).toEqual(["error:arity", "error:arity"]);
    expect(diagnostics[0].message).toBe("lower expects 1 argument, got 0: lower(text)");
    expect(diagnostics[1].message).toMatch(/formatDate expects 2 to 3 arguments, got 4/);
  });

  it("reports unknown variables, which are fine once declared", () => {
    expect(checkMapper("{{total + 1}}", { upstream })).toEqual([
      expect.objectContaining({ severity: "error", code: "unknown-variable", message: 'Unknown variable "total"', position: 2 }),
    ]);
    expect(checkMapper("{{total + 1}}", { upstream, variables: ["total"] })).toEqual([]);
  });

  it("checks references nested in arguments and indexes", () => {
    const diagnostics = checkMapper("{{get(1.items[9.index]; lower(8.x))}}", { upstream });
    expect(diagnostics.map((d) => d.moduleId)).toEqual([9, 8]);
  });

  it("reports absurdly deep mappers instead of recursing without end", () => {
    let deep: unknown = "{{1.id}}";
    for (let i = 0; i < 500; i++) deep = { x: deep };
    expect(codes(checkMapper(deep, { upstream }))).toEqual(["error:too-deep"]);
  });
});
