import { describe, expect, it } from "vitest";
import { FILTER_OPERATORS, FilterError, filterPasses, findOperator, testCondition } from "./filters";

type Case = [a: unknown, b: unknown, expected: boolean];

const cases: Record<string, Case[]> = {
  exist: [["x", undefined, true], [0, undefined, true], [false, undefined, true], [null, undefined, false], [undefined, undefined, false], ["", undefined, false]],
  notexist: [[undefined, undefined, true], ["", undefined, true], ["x", undefined, false]],
  "text:equal": [["Done", "Done", true], ["Done", "done", false], [42, "42", true], [undefined, "", true]],
  "text:equal:ci": [["Done", "dONE", true], ["Done", "Don", false]],
  "text:notequal": [["a", "b", true], ["a", "a", false]],
  "text:notequal:ci": [["A", "a", false], ["A", "b", true]],
  "text:contain": [["release notes", "notes", true], ["release notes", "Notes", false]],
  "text:contain:ci": [["release notes", "NOTES", true]],
  "text:notcontain": [["abc", "x", true], ["abc", "b", false]],
  "text:notcontain:ci": [["ABC", "b", false], ["ABC", "x", true]],
  "text:startwith": [["PRJ-12", "PRJ", true], ["prj-12", "PRJ", false]],
  "text:startwith:ci": [["prj-12", "PRJ", true]],
  "text:notstartwith": [["PRJ-12", "TSK", true], ["PRJ-12", "PRJ", false]],
  "text:endwith": [["report.pdf", ".pdf", true], ["report.PDF", ".pdf", false]],
  "text:endwith:ci": [["report.PDF", ".pdf", true]],
  "text:notendwith": [["a.pdf", ".doc", true], ["a.pdf", ".pdf", false]],
  "text:pattern": [["INV-2024-001", "^INV-\\d{4}-\\d+$", true], ["inv-2024-001", "^INV-", false]],
  "text:pattern:ci": [["inv-2024-001", "^INV-", true]],
  "text:notpattern": [["abc", "\\d", true], ["a1c", "\\d", false]],
  "number:equal": [[5, "5", true], ["5.0", 5, true], [5, 6, false], ["abc", "abc", false]],
  "number:notequal": [[5, 6, true], [5, 5, false], ["x", 5, false]],
  "number:greater": [[10, 9, true], ["10", "9", true], [9, 9, false], [null, 0, false]],
  "number:less": [[2, 10, true], ["2", "10", true], [10, 2, false]],
  "number:greaterorequal": [[9, 9, true], [8, 9, false]],
  "number:lessorequal": [[9, 9, true], [10, 9, false]],
  "date:before": [["2026-01-01", "2026-01-02", true], ["2026-01-02T00:00:00Z", "2026-01-01T23:59:59Z", false], ["not a date", "2026-01-01", false]],
  "date:after": [["2026-01-02", "2026-01-01", true], [Date.UTC(2026, 0, 1), "2026-01-01T00:00:00Z", false]],
  "date:equal": [["2026-01-01T00:00:00Z", "2026-01-01T01:00:00+01:00", true], ["2026-01-01", "2026-01-02", false]],
  "date:notequal": [["2026-01-01", "2026-01-02", true]],
  "date:beforeorequal": [["2026-01-01", "2026-01-01", true]],
  "date:afterorequal": [["2026-01-01", "2026-01-01", true], ["2025-12-31", "2026-01-01", false]],
  "boolean:equal": [[true, "true", true], ["false", false, true], [1, true, true], [true, false, false], ["maybe", "maybe", false]],
  "boolean:notequal": [[true, false, true], [true, "true", false]],
  "array:contain": [[["a", "b"], "b", true], [[1, 2], "2", true], [["A"], "a", false], [[{ id: 1 }], { id: 1 }, true], [undefined, "a", false], ["a", "a", true]],
  "array:contain:ci": [[["Alpha"], "alpha", true]],
  "array:notcontain": [[["a"], "b", true], [["a"], "a", false], [null, "a", true]],
  "array:notcontain:ci": [[["Alpha"], "ALPHA", false]],
  "array:length:equal": [[[1, 2], 2, true], [[], "0", true], [undefined, 0, true], [[1], 2, false]],
  "array:length:notequal": [[[1], 2, true]],
  "array:length:greater": [[[1, 2, 3], 2, true], [[1, 2], 2, false]],
  "array:length:less": [[[1], 2, true], [[1, 2], 2, false]],
  "array:length:greaterorequal": [[[1, 2], 2, true]],
  "array:length:lessorequal": [[[1, 2, 3], 2, false]],
};

describe("filter operators", () => {
  it("has a test table for every operator in the catalog", () => {
    expect(FILTER_OPERATORS.map((o) => o.code).filter((code) => !(code in cases))).toEqual(
      // Negated ci variants share their code path with the tested ones.
      ["text:notstartwith:ci", "text:notendwith:ci", "text:notpattern:ci"],
    );
  });

  for (const [op, table] of Object.entries(cases)) {
    it.each(table)(`${op}: a=%j b=%j → %s`, (a, b, expected) => {
      expect(testCondition(op, a, b)).toBe(expected);
    });
  }

  it("accepts Make's date codes as aliases", () => {
    expect(testCondition("date:greater", "2026-01-02", "2026-01-01")).toBe(true);
    expect(testCondition("date:less", "2026-01-02", "2026-01-01")).toBe(false);
    expect(findOperator("date:lessorequal")?.code).toBe("date:beforeorequal");
  });

  it("says when the operator is unknown or the pattern is broken", () => {
    expect(() => testCondition("text:sounds-like", "a", "b")).toThrow(FilterError);
    expect(() => testCondition("text:pattern", "a", "(")).toThrow(/not a valid pattern/);
  });

  it("describes each operator for the condition builder", () => {
    expect(findOperator("exist")).toEqual({ code: "exist", label: "Exists", type: "basic", takesB: false });
    expect(findOperator("text:endwith:ci")).toEqual({ code: "text:endwith:ci", label: "Ends with (case insensitive)", type: "text", takesB: true });
    expect(JSON.parse(JSON.stringify(FILTER_OPERATORS))).toEqual(FILTER_OPERATORS);
  });
});

describe("filterPasses", () => {
  const identity = (v: unknown) => v;
  const cond = (a: unknown, op: string, b?: unknown) => ({ a, op, b });

  it("is an OR of AND groups", () => {
    const filter = {
      conditions: [
        [cond("CPL", "text:equal", "CPL"), cond(3, "number:greater", 5)],
        [cond("x", "exist")],
      ],
    };
    expect(filterPasses(filter, identity)).toBe(true);
    expect(filterPasses({ conditions: [filter.conditions[0]] }, identity)).toBe(false);
  });

  it("passes when there are no conditions", () => {
    expect(filterPasses({ conditions: [] }, identity)).toBe(true);
  });

  it("evaluates operands through the given evaluator, and never evaluates b for unary operators", () => {
    const seen: unknown[] = [];
    filterPasses({ conditions: [[cond("{{a}}", "exist", "{{never}}")]] }, (v) => {
      seen.push(v);
      return v;
    });
    expect(seen).toEqual(["{{a}}"]);
  });
});
