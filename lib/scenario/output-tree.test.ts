import { describe, expect, it } from "vitest";
import { outputTree } from "./output-tree";

describe("the mapping panel's output tree", () => {
  it("lists declared fields with paths the mapping language reads, arrays pointing at their first item", () => {
    const tree = outputTree(
      [
        { name: "id", type: "text" },
        { name: "First Name", label: "First name", type: "text" },
        { name: "owner", type: "collection", spec: [{ name: "email", type: "text" }] },
        { name: "tags", type: "array", of: "text" },
        { name: "items", type: "array", spec: [{ name: "sku", type: "text" }] },
      ],
      undefined,
    );
    const flat = (nodes: typeof tree): string[] => nodes.flatMap((n) => [`${n.path}:${n.type}`, ...flat(n.children)]);
    expect(flat(tree)).toEqual(["id:text", "`First Name`:text", "owner:collection", "owner.email:text", "tags:array of text", "items:array", "items[1].sku:text"]);
    expect(tree[1].label).toBe("First name");
  });

  it("merges a real bundle: samples on declared fields, undeclared fields added after them", () => {
    const tree = outputTree([{ name: "status", type: "number" }], { status: 200, body: { ok: true, list: [{ a: 1 }, { a: 2 }] }, note: "x".repeat(50) });
    expect(tree.map((n) => [n.path, n.type, n.sample])).toEqual([
      ["status", "number", "200"],
      ["body", "collection", undefined],
      ["note", "text", `${"x".repeat(40)}…`],
    ]);
    expect(tree[1].children.map((n) => [n.path, n.type, n.sample])).toEqual([
      ["body.ok", "boolean", "true"],
      ["body.list", "array", "2 items"],
    ]);
    expect(tree[1].children[1].children.map((n) => n.path)).toEqual(["body.list[1].a"]);
  });

  it("is empty when neither a declaration nor a run says anything", () => {
    expect(outputTree(null, undefined)).toEqual([]);
    expect(outputTree(null, "plain text")).toEqual([]);
  });
});
