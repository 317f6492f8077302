import { describe, expect, it } from "vitest";
import { MappingEvalError, MappingSyntaxError } from "./errors";
import { evaluateMapper, evaluateTemplate } from "./index";
import { MAX_RESULT_CHARS } from "./limits";
import { calc, context, evalError, FIXED_NOW, run } from "./test-support";

const bundle = {
  name: "Ada",
  count: 42,
  price: "19.5",
  flag: false,
  nothing: null,
  tags: ["a", "b"],
  meta: { owner: { email: "ada@example.com" } },
  items: [
    { id: 10, name: "first" },
    { id: 20, name: "second" },
    { id: 30, name: "third", extra: { deep: true } },
  ],
  newState: { "DE:Color": "red", "DE:My Field": 5, name: "Task" },
  "First Name": "Ada",
  created: new Date("2024-01-02T03:04:05.000Z"),
};
const modules = { 1: bundle, 2: { body: { status: "CPL" } } };

describe("whole expressions keep their type; mixed strings become text", () => {
  it("returns the value's own type for a string that is exactly one {{expr}}", () => {
    expect(run("{{1.count}}", modules)).toBe(42);
    expect(run("{{1.flag}}", modules)).toBe(false);
    expect(run("{{1.nothing}}", modules)).toBeNull();
    expect(run("{{1.missing}}", modules)).toBeUndefined();
    expect(run("{{1.tags}}", modules)).toEqual(["a", "b"]);
    expect(run("{{1.meta}}", modules)).toEqual({ owner: { email: "ada@example.com" } });
    expect(run("{{ 1.count }}", modules)).toBe(42);
  });

  it("stringifies each value into surrounding text", () => {
    expect(run("Hi {{1.name}}, you have {{1.count}} items", modules)).toBe("Hi Ada, you have 42 items");
    expect(run("tags={{1.tags}}", modules)).toBe('tags=["a","b"]');
    expect(run("meta={{1.meta}}", modules)).toBe('meta={"owner":{"email":"ada@example.com"}}');
    expect(run("[{{1.nothing}}][{{1.missing}}]", modules)).toBe("[][]");
    expect(run("flag={{1.flag}}", modules)).toBe("flag=false");
    expect(run("{{1.count}}{{1.count}}", modules)).toBe("4242");
    expect(run(" {{1.count}}", modules)).toBe(" 42");
  });

  it("serialises dates as ISO 8601 text, alone or inside text", () => {
    expect(run("{{1.created}}", modules)).toBe("2024-01-02T03:04:05.000Z");
    expect(run("at {{1.created}}", modules)).toBe("at 2024-01-02T03:04:05.000Z");
    expect(run("{{now}}", modules)).toBe(FIXED_NOW.toISOString());
    expect(run("{{add(emptyarray; now)}}", modules)).toEqual([FIXED_NOW.toISOString()]);
  });

  it("returns text without expressions unchanged", () => {
    expect(run("just text", modules)).toBe("just text");
  });
});

describe("references", () => {
  it("indexes arrays from 1, as Fusion does; 0 and out-of-range give nothing", () => {
    expect(run("{{1.items[1].id}}", modules)).toBe(10);
    expect(run("{{1.items[3].name}}", modules)).toBe("third");
    expect(run("{{1.items[0].id}}", modules)).toBeUndefined();
    expect(run("{{1.items[4].id}}", modules)).toBeUndefined();
    expect(run("{{1.items[1 + 1].id}}", modules)).toBe(20);
    expect(run('{{1.items["2"].id}}', modules)).toBe(20);
    expect(run("{{1.tags[2]}}", modules)).toBe("b");
  });

  it("reads a key from every item when applied to an array", () => {
    expect(run("{{1.items.id}}", modules)).toEqual([10, 20, 30]);
    expect(run("{{1.items.extra.deep}}", modules)).toEqual([true]);
  });

  it("reads DE: custom fields, backtick keys and keys given as text indexes", () => {
    expect(run("{{1.newState.DE:Color}}", modules)).toBe("red");
    expect(run("{{1.newState.`DE:My Field` + 1}}", modules)).toBe(6);
    expect(run("{{1.`First Name`}}", modules)).toBe("Ada");
    expect(run('{{1.newState["DE:My Field"]}}', modules)).toBe(5);
  });

  it("gives nothing for missing modules, missing keys and keys of non-collections", () => {
    expect(run("{{9.anything}}", modules)).toBeUndefined();
    expect(run("{{1.name.first}}", modules)).toBeUndefined();
    expect(run("{{1.nothing.x}}", modules)).toBeUndefined();
    expect(run("x{{9.anything}}y", modules)).toBe("xy");
  });

  it("never reaches prototypes", () => {
    expect(run("{{1.constructor}}", modules)).toBeUndefined();
    expect(run("{{1.__proto__}}", modules)).toBeUndefined();
    expect(run("{{1.name.length}}", modules)).toBeUndefined();
    expect(run("{{1.meta.toString}}", modules)).toBeUndefined();
  });

  it("asks the context for exactly the referenced modules", () => {
    const asked: number[] = [];
    evaluateTemplate("{{1.a}} {{7.b}}", { ...context(), resolveModule: (id) => (asked.push(id), undefined) });
    expect(asked).toEqual([1, 7]);
  });
});

describe("operators", () => {
  it("does arithmetic with conventional precedence", () => {
    expect(calc("2 + 3 * 4")).toBe(14);
    expect(calc("(2 + 3) * 4")).toBe(20);
    expect(calc("10 - 4 - 3")).toBe(3);
    expect(calc("2 * -3")).toBe(-6);
    expect(calc("-(2 + 3)")).toBe(-5);
    expect(calc("7 % 3")).toBe(1);
    expect(calc("7 / 2")).toBe(3.5);
    expect(calc("1.price * 2", "UTC", modules)).toBe(39);
    expect(calc("1.missing + 1", "UTC", modules)).toBe(1);
  });

  it("concatenates with + when either side is text", () => {
    expect(calc('"a" + 1')).toBe("a1");
    expect(calc('1 + "2"')).toBe("12");
    expect(calc('1 + 2 + "x"')).toBe("3x");
    expect(calc('"x" + 1 + 2')).toBe("x12");
    expect(calc('"n: " + 1.missing', "UTC", modules)).toBe("n: ");
  });

  it("refuses arithmetic that cannot mean anything", () => {
    expect(evalError(() => calc("1 / 0")).message).toBe("Division by zero");
    expect(evalError(() => calc("1 % 0")).message).toBe("Division by zero");
    expect(evalError(() => calc('"abc" * 2')).message).toMatch(/Cannot use "abc" as a number/);
    expect(evalError(() => calc("1.tags - 1", "UTC", modules)).message).toMatch(/an array as a number/);
    expect(() => calc("1e308 * 10")).toThrow(MappingEvalError);
  });

  it("compares numbers with numeric text, dates with ISO text, text by characters", () => {
    expect(calc('1 = "1"')).toBe(true);
    expect(calc('1.price = 19.5', "UTC", modules)).toBe(true);
    expect(calc('"a" != "b"')).toBe(true);
    expect(calc("2 < 10")).toBe(true);
    expect(calc('"2" < 10')).toBe(true);
    expect(calc('"2" < "10"')).toBe(false);
    expect(calc('now > "2020-01-01"')).toBe(true);
    expect(calc('1.created = "2024-01-02T03:04:05Z"', "UTC", modules)).toBe(true);
    expect(calc("3 >= 3 and 3 <= 3")).toBe(true);
    expect(calc("1.missing < 1", "UTC", modules)).toBe(false);
    expect(calc("1.missing = null", "UTC", modules)).toBe(true);
    expect(calc("1.tags = 1.tags", "UTC", modules)).toBe(true);
    expect(calc('true = "true"')).toBe(true);
    expect(evalError(() => calc("1.tags < 1", "UTC", modules)).message).toMatch(/Cannot compare/);
  });

  it("combines conditions with and/or/not and their symbol forms, short-circuiting", () => {
    expect(calc("true and false")).toBe(false);
    expect(calc("true && true")).toBe(true);
    expect(calc("false or true")).toBe(true);
    expect(calc("false || false")).toBe(false);
    expect(calc("not true")).toBe(false);
    expect(calc("!false")).toBe(true);
    expect(calc("false and 1 / 0")).toBe(false);
    expect(calc("true or 1 / 0")).toBe(true);
    expect(calc('not 2.body.status = "CPL"', "UTC", modules)).toBe(false);
  });

  it("treats empty values, 0, false and the text \"false\" as false in conditions", () => {
    for (const falsy of ['""', "0", "false", '"false"', "null", "emptyarray", "1.missing"]) {
      expect(calc(`if(${falsy}; "yes"; "no")`, "UTC", modules)).toBe("no");
    }
    for (const truthy of ['"0"', "1", '"no"', "1.tags", "1.meta"]) {
      expect(calc(`if(${truthy}; "yes"; "no")`, "UTC", modules)).toBe("yes");
    }
  });
});

describe("keywords and variables", () => {
  it("provides Fusion's built-in variables", () => {
    expect(calc("pi")).toBe(Math.PI);
    expect(calc("emptyarray")).toEqual([]);
    expect(calc("emptystring")).toBe("");
    expect(calc("timestamp")).toBe(Math.floor(FIXED_NOW.getTime() / 1000));
    expect(calc("today")).toBe("2024-03-15T00:00:00.000Z");
    const r = calc("random");
    expect(typeof r === "number" && r >= 0 && r < 1).toBe(true);
  });

  it("exposes the execution's ids and name", () => {
    const ctx = context({}, { execution: { id: "exe_1", scenarioId: "scn_2", scenarioName: "Sync" } });
    expect(evaluateTemplate("{{executionId}}/{{scenarioId}}/{{scenarioName}}", ctx)).toBe("exe_1/scn_2/Sync");
    expect(evaluateTemplate("{{executionID}}-{{scenarioID}}", ctx)).toBe("exe_1-scn_2");
    expect(evaluateTemplate("{{executionId}}", context())).toBeUndefined();
  });

  it("reads scenario variables by bare name", () => {
    const ctx = context({}, { variables: { total: 3, label: "x" } });
    expect(evaluateTemplate("{{total + 1}}", ctx)).toBe(4);
    expect(evaluateTemplate("{{label}}{{label}}", ctx)).toBe("xx");
    expect(evaluateTemplate("{{unknown}}", ctx)).toBeUndefined();
    expect(evaluateTemplate("{{constructor}}", ctx)).toBeUndefined();
  });

  it("uses the real clock when the context gives no now", () => {
    const before = Date.now();
    const value = evaluateTemplate("{{timestamp}}", { resolveModule: () => undefined, timezone: "UTC" }) as number;
    expect(value * 1000).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
  });
});

describe("errors", () => {
  it("names the failing function", () => {
    const error = evalError(() => calc('formatDate("not a date"; "YYYY")'));
    expect(error.fn).toBe("formatDate");
    expect(error.message).toMatch(/^formatDate: Cannot use "not a date" as a date/);
  });

  it("does not blame a lazy function for an error inside its chosen branch", () => {
    const error = evalError(() => calc("if(true; 1 / 0; 0)"));
    expect(error.fn).toBeUndefined();
    const inner = evalError(() => calc('if(true; formatDate("x"; "Y"); 0)'));
    expect(inner.fn).toBe("formatDate");
  });

  it("rejects unknown functions and wrong argument counts at run time too", () => {
    expect(evalError(() => calc("nope(1)")).fn).toBe("nope");
    const arity = evalError(() => calc("lower(1; 2)"));
    expect(arity.fn).toBe("lower");
    expect(arity.message).toBe("lower: Expects 1 argument, got 2");
  });

  it("throws syntax errors as MappingSyntaxError", () => {
    expect(() => run("{{1.a +}}")).toThrow(MappingSyntaxError);
  });

  it("rejects an unknown time zone in the context", () => {
    expect(evalError(() => run("{{1}}", {}, { timezone: "Mars/Olympus" })).message).toMatch(/Unknown time zone/);
  });
});

describe("limits", () => {
  it("refuses text results over 10 MB without building them", () => {
    const half = Math.ceil(MAX_RESULT_CHARS / 2) + 10;
    expect(calc(`length(padStart("a"; ${half}))`)).toBe(half);
    expect(evalError(() => calc(`padStart("a"; ${half}) + padStart("b"; ${half})`)).message).toMatch(/larger than/);
    const big = "x".repeat(half);
    expect(evalError(() => run("{{1.big}}{{1.big}}", { 1: { big } })).message).toMatch(/larger than/);
    expect(evalError(() => calc(`padStart("a"; ${MAX_RESULT_CHARS * 100})`)).fn).toBe("padStart");
    expect(evalError(() => run("{{1.pair}}", { 1: { pair: [big, big] } })).message).toMatch(/larger than/);
    expect(run("{{1.one}}", { 1: { one: [big] } })).toEqual([big]);
  });

  it("refuses exponentially large results from shared sub-arrays quickly", () => {
    let dag: unknown[] = ["x"];
    for (let i = 0; i < 60; i++) dag = [dag, dag];
    const started = Date.now();
    expect(() => run("{{1.dag}}", { 1: { dag } })).toThrow(MappingEvalError);
    expect(() => run("text {{1.dag}}", { 1: { dag } })).toThrow(MappingEvalError);
    expect(() => calc("flatten(1.dag; 100)", "UTC", { 1: { dag } })).toThrow(MappingEvalError);
    let other: unknown[] = ["x"];
    for (let i = 0; i < 60; i++) other = [other, other];
    expect(() => calc("1.a = 1.b", "UTC", { 1: { a: dag, b: other } })).toThrow(MappingEvalError);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("bounds the total work of comparisons, not just each one", () => {
    const big = Array.from({ length: 100_000 }, (_, i) => i);
    const copy = [...big.slice(0, -1), -1];
    const items = Array.from({ length: 1000 }, () => big);
    const started = Date.now();
    expect(() => calc("distinct(1.items)", "UTC", { 1: { items } })).toThrow(MappingEvalError);
    expect(() => calc("contains(1.items; 1.copy)", "UTC", { 1: { items, copy } })).toThrow(MappingEvalError);
    expect(() => calc("remove(1.items; 1.copy)", "UTC", { 1: { items, copy } })).toThrow(MappingEvalError);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(calc("contains(1.few; 1.copy)", "UTC", { 1: { few: [big, [...copy]], copy } })).toBe(true);
  });

  it("reports values that contain themselves instead of looping", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(evalError(() => run("{{toString(1.c)}}", { 1: { c: cyclic } })).message).toMatch(/contains itself/);
  });
});

describe("evaluateMapper", () => {
  it("evaluates every string deep inside objects and arrays and keeps other values", () => {
    const mapper = {
      name: "{{1.name}} – review",
      count: "{{1.count}}",
      fixed: 7,
      on: true,
      none: null,
      body: { items: ["{{1.items[1].id}}", "static", { deep: "{{upper(1.name)}}" }] },
    };
    expect(evaluateMapper(mapper, context(modules))).toEqual({
      name: "Ada – review",
      count: 42,
      fixed: 7,
      on: true,
      none: null,
      body: { items: [10, "static", { deep: "ADA" }] },
    });
    expect(evaluateMapper("{{1.count}}", context(modules))).toBe(42);
    expect(mapper.name).toBe("{{1.name}} – review");
  });

  it("keeps a __proto__ key as plain data", () => {
    const mapper = JSON.parse('{"__proto__": "{{1.name}}"}') as unknown;
    const result = evaluateMapper(mapper, context(modules)) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(["__proto__"]);
    expect(Object.getOwnPropertyDescriptor(result, "__proto__")?.value).toBe("Ada");
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });

  it("says in which field an error happened", () => {
    try {
      evaluateMapper({ body: { items: ["ok", "{{1 / 0}}"] } }, context());
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MappingEvalError);
      expect((error as MappingEvalError).fieldPath).toBe("body.items[1]");
    }
    try {
      evaluateMapper({ a: "{{1.}}" }, context());
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MappingSyntaxError);
      expect((error as MappingSyntaxError).fieldPath).toBe("a");
    }
  });

  it("uses one frozen now for the whole mapper", () => {
    const result = evaluateMapper({ a: "{{now}}", b: "{{now}}" }, { resolveModule: () => undefined, timezone: "UTC" }) as {
      a: string;
      b: string;
    };
    expect(result.a).toBe(result.b);
  });
});
