import { describe, expect, it } from "vitest";
import { calc, evalError } from "../test-support";

const modules = {
  1: {
    status: "CPL",
    empty: "",
    none: null,
    list: [],
    record: { a: 1, b: 2, c: 3, "DE:x": 4 },
    rows: [{ name: "first", tags: ["x", "y"] }, { name: "second" }],
  },
};
const m = (expression: string) => calc(expression, "UTC", modules);

describe("if", () => {
  it("picks by the condition and evaluates only the chosen value", () => {
    expect(m('if(1.status = "CPL"; "done"; "open")')).toBe("done");
    expect(m('if(1.status = "NEW"; "done"; "open")')).toBe("open");
    expect(m("if(true; 1; 1 / 0)")).toBe(1);
    expect(m("if(false; 1 / 0; 2)")).toBe(2);
  });
});

describe("ifempty", () => {
  it("falls back on nothing, empty text and empty arrays, but not on 0 or false", () => {
    expect(m('ifempty(1.empty; "fallback")')).toBe("fallback");
    expect(m('ifempty(1.none; "fallback")')).toBe("fallback");
    expect(m('ifempty(1.missing; "fallback")')).toBe("fallback");
    expect(m('ifempty(1.list; "fallback")')).toBe("fallback");
    expect(m('ifempty(0; "fallback")')).toBe(0);
    expect(m('ifempty(false; "fallback")')).toBe(false);
    expect(m("ifempty(1.status; 1 / 0)")).toBe("CPL");
  });
});

describe("switch", () => {
  it("returns the result paired with the first equal value, else the default or nothing", () => {
    expect(m('switch(1.status; "NEW"; "New"; "CPL"; "Complete"; "Other")')).toBe("Complete");
    expect(m('switch("X"; "NEW"; "New"; "CPL"; "Complete"; "Other")')).toBe("Other");
    expect(m('switch("X"; "NEW"; "New"; "CPL"; "Complete")')).toBeUndefined();
    expect(m('switch(2; "1"; "one"; "2"; "two")')).toBe("two");
    expect(m('switch("a"; "a"; "hit"; "b"; 1 / 0)')).toBe("hit");
  });
});

describe("get", () => {
  it("follows dotted paths with 1-based positions", () => {
    expect(m('get(1.rows; "2.name")')).toBe("second");
    expect(m('get(1.rows; "[1].tags[2]")')).toBe("y");
    expect(m('get(1; "rows[1].name")')).toBeUndefined();
    expect(m('get(1.rows; 1)')).toEqual({ name: "first", tags: ["x", "y"] });
    expect(m('get(1.record; "DE:x")')).toBe(4);
    expect(m('get(1.record; "zzz.y")')).toBeUndefined();
    expect(evalError(() => m("get(1.record; 1.rows)")).fn).toBe("get");
  });
});

describe("pick and omit", () => {
  it("keep or drop the given keys, given one by one or as an array", () => {
    expect(m('pick(1.record; "a"; "c"; "nope")')).toEqual({ a: 1, c: 3 });
    expect(m('pick(1.record; split("a,b"; ","))')).toEqual({ a: 1, b: 2 });
    expect(m('omit(1.record; "a"; "DE:x")')).toEqual({ b: 2, c: 3 });
    expect(m('omit(1.record; split("a,b,c"; ","))')).toEqual({ "DE:x": 4 });
    expect(evalError(() => m('pick("text"; "a")')).fn).toBe("pick");
  });
});
