import { describe, expect, it } from "vitest";
import { expectedOutputSpec, structureProblems } from "./payload";

describe("the expected structure of a custom webhook", () => {
  it("treats a field saved without a type as optional text, as the editor shows it", () => {
    const expected = [{ name: "kind" }, { name: "amount", type: "number" as const, required: true }];
    expect(structureProblems({ kind: "big", amount: 5 }, expected)).toEqual([]);
    expect(structureProblems({ amount: "5" }, expected)).toEqual([]);
    expect(structureProblems({ kind: 3 }, expected)).toEqual(['"kind" must be a text.', '"amount" is required.']);
    expect(expectedOutputSpec(expected)).toEqual([
      { name: "kind", type: "text" },
      { name: "amount", type: "number" },
    ]);
  });
});
