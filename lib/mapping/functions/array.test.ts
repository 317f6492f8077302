import { describe, expect, it } from "vitest";
import { calc, evalError } from "../test-support";

const data = {
  1: {
    emails: [
      { email: "a@x.com", label: "work", rank: 2 },
      { email: "b@x.com", label: "home", rank: 10 },
      { email: "c@x.com", label: "other", rank: 1 },
    ],
    words: ["pear", "Apple", "banana", "apple"],
    nums: [3, 1, 2],
    nested: [1, [2, [3, [4]]]],
    record: { a: 1, b: "two" },
    pairs: [
      { k: "x", v: 1 },
      { k: "y", v: 2 },
    ],
    mixed: [1, "1", 1, { a: 1 }, { a: 1 }],
  },
};
const m = (expression: string) => calc(expression, "UTC", data);

describe("map", () => {
  it("collects a key of every item, optionally filtered by another key", () => {
    expect(m('map(1.emails; "email")')).toEqual(["a@x.com", "b@x.com", "c@x.com"]);
    expect(m('map(1.emails; "email"; "label"; "work,home")')).toEqual(["a@x.com", "b@x.com"]);
    expect(m('map(1.emails; "email"; "label"; "nobody")')).toEqual([]);
    expect(m('map(1.emails; "missing")')).toEqual([]);
  });
});

describe("first, last, join, slice", () => {
  it("first and last give the end items, nothing for empty arrays", () => {
    expect(m("first(1.nums)")).toBe(3);
    expect(m("last(1.nums)")).toBe(2);
    expect(m("first(emptyarray)")).toBeUndefined();
  });

  it("join glues items as text", () => {
    expect(m('join(1.nums; ", ")')).toBe("3, 1, 2");
    expect(m('join(map(1.emails; "label"); "|")')).toBe("work|home|other");
    expect(m('join(emptyarray; ",")')).toBe("");
  });

  it("slice counts from 0 and accepts negative positions", () => {
    expect(m("slice(1.words; 1; 3)")).toEqual(["Apple", "banana"]);
    expect(m("slice(1.words; -1)")).toEqual(["apple"]);
  });
});

describe("merge, add, remove", () => {
  it("merge concatenates arrays in order", () => {
    expect(m("merge(1.nums; 1.words; emptyarray)")).toEqual([3, 1, 2, "pear", "Apple", "banana", "apple"]);
    expect(evalError(() => m('merge(1.nums; "x")')).fn).toBe("merge");
  });

  it("add appends values and remove drops equal items", () => {
    expect(m("add(1.nums; 4; 5)")).toEqual([3, 1, 2, 4, 5]);
    expect(m('remove(1.nums; 1; "2")')).toEqual([3]);
    expect(m("length(1.nums)")).toBe(3);
  });
});

describe("distinct", () => {
  it("keeps the first of equal items, by value or by key", () => {
    expect(m("distinct(1.mixed)")).toEqual([1, "1", { a: 1 }]);
    expect(m('distinct(merge(1.emails; 1.emails); "label")')).toHaveLength(3);
  });
});

describe("sort and reverse", () => {
  it("sorts ascending, descending, case-insensitively and by key", () => {
    expect(m("sort(1.nums)")).toEqual([1, 2, 3]);
    expect(m('sort(1.nums; "desc")')).toEqual([3, 2, 1]);
    expect(m("sort(1.words)")).toEqual(["Apple", "apple", "banana", "pear"]);
    expect(m('sort(1.words; "asc ci")')).toEqual(["Apple", "apple", "banana", "pear"]);
    expect(m('sort(1.words; "desc ci")')).toEqual(["pear", "banana", "Apple", "apple"]);
    expect(m('map(sort(1.emails; "asc"; "rank"); "rank")')).toEqual([1, 2, 10]);
    expect(evalError(() => m('sort(1.nums; "up")')).fn).toBe("sort");
  });

  it("puts empty values last and numbers before text", () => {
    expect(calc('sort(merge(split("b,a"; ","); add(emptyarray; null; 2)))')).toEqual([2, "a", "b", null]);
  });

  it("reverse returns a reversed copy", () => {
    expect(m("reverse(1.nums)")).toEqual([2, 1, 3]);
    expect(m("first(1.nums)")).toBe(3);
  });
});

describe("flatten, keys, values, toCollection", () => {
  it("flatten pulls nested arrays up by depth", () => {
    expect(m("flatten(1.nested)")).toEqual([1, 2, [3, [4]]]);
    expect(m("flatten(1.nested; 3)")).toEqual([1, 2, 3, 4]);
  });

  it("keys and values list a collection", () => {
    expect(m("keys(1.record)")).toEqual(["a", "b"]);
    expect(m("values(1.record)")).toEqual([1, "two"]);
    expect(evalError(() => m("keys(1.nums)")).fn).toBe("keys");
  });

  it("toCollection builds a collection from key and value fields", () => {
    expect(m('toCollection(1.pairs; "k"; "v")')).toEqual({ x: 1, y: 2 });
  });
});

describe("length and contains on arrays", () => {
  it("count items and find equal ones", () => {
    expect(m("length(1.emails)")).toBe(3);
    expect(m("contains(1.nums; 2)")).toBe(true);
    expect(m("contains(1.nums; 7)")).toBe(false);
  });
});
