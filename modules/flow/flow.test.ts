import { describe, expect, it } from "vitest";
import { createMemoryStore } from "@/lib/engine/services";
import { blueprint, outputsOf, run, trace } from "@/lib/engine/testing";
import { resolveOutputSpec } from "@/lib/modules/describe";
import { validateForRun } from "@/lib/modules/validators";
import manualTrigger from "./manual-trigger.v1";
import { compute } from "./numeric-aggregator.v1";
import repeater from "./repeater.v1";
import setVariable from "./set-variable.v1";
import sleep from "./sleep.v1";

const trigger = (params: Record<string, unknown> = {}) => ({ id: 1, module: "flow:manualTrigger", version: 1, params });

describe("flow:manualTrigger", () => {
  it("wraps a payload that is not a collection as `value`, and runs once with an empty bundle when there is nothing", async () => {
    const scalar = await run(blueprint([trigger()], []), { trigger: { payload: "hello" } });
    expect(outputsOf(scalar, 1)).toEqual([{ value: "hello" }]);
    const nothing = await run(blueprint([trigger()], []));
    expect(outputsOf(nothing, 1)).toEqual([{}]);
  });

  it("prefers the given payload over the sample", async () => {
    const result = await run(blueprint([trigger({ sample: { a: 1 } })], []), { trigger: { payload: { b: 2 } } });
    expect(outputsOf(result, 1)).toEqual([{ b: 2 }]);
  });

  it("declares its output from the sample, so later modules can be mapped before a first run", () => {
    expect(resolveOutputSpec(manualTrigger, { sample: [{ id: 1, name: "x" }] })).toEqual([
      { name: "id", type: "number" },
      { name: "name", type: "text" },
    ]);
    expect(resolveOutputSpec(manualTrigger, {})).toBeNull();
  });
});

describe("flow:iterator", () => {
  const iterate = (array: unknown) =>
    run(blueprint([trigger(), { id: 2, module: "flow:iterator", version: 1, mapper: { array: "{{1.list}}" } }], [[1, 2]]), {
      trigger: { payload: { list: array } },
    });

  it("keeps the fields of collection items next to their position", async () => {
    expect(outputsOf(await iterate([{ id: "a" }, { id: "b" }]), 2)).toEqual([
      { id: "a", __index: 1, __total: 2 },
      { id: "b", __index: 2, __total: 2 },
    ]);
  });

  it("emits nothing for a missing or empty array", async () => {
    expect(trace(await iterate(undefined))).toEqual(["1 ok 1", "2 ok 0"]);
    expect(trace(await iterate([]))).toEqual(["1 ok 1", "2 ok 0"]);
  });

  it("refuses something that is not an array, naming the field", async () => {
    const result = await iterate({ not: "a list" });
    expect(result.error).toMatchObject({ type: "DataError", moduleId: 2, message: "Field “Array” (array) expects an array, got a collection." });
  });
});

describe("aggregators", () => {
  it.each([
    ["sum", [1, 2, undefined, 4], 7],
    ["average", [1, 2, undefined, 6], 3],
    ["count", [1, undefined], 2],
    ["min", [3, -2, 8], -2],
    ["max", [3, -2, 8], 8],
    ["sum", [], 0],
    ["count", [], 0],
    ["average", [], null],
    ["min", [undefined], null],
  ] as const)("numeric %s of %j is %j", (fn, values, expected) => {
    expect(compute(fn, values)).toBe(expected);
  });

  it("handles a very large set without overflowing the stack", () => {
    expect(compute("max", Array.from({ length: 300_000 }, (_, i) => i))).toBe(299_999);
  });

  it("joins text with the chosen separator; group by gives one text per key", async () => {
    const result = await run(
      blueprint(
        [
          trigger(),
          { id: 2, module: "flow:iterator", version: 1, mapper: { array: "{{1.people}}" } },
          { id: 3, module: "flow:textAggregator", version: 1, params: { sourceModule: 2, rowSeparator: "tab" }, mapper: { text: "{{2.name}}", groupBy: "{{2.city}}" } },
        ],
        [[1, 2], [2, 3]],
      ),
      { trigger: { payload: { people: [{ name: "A", city: "Oslo" }, { name: "B", city: "Rome" }, { name: "C", city: "Oslo" }] } } },
    );
    expect(outputsOf(result, 3)).toEqual([
      { key: "Oslo", text: "A\tC" },
      { key: "Rome", text: "B" },
    ]);
    expect(result.operations).toBe(3);
  });
});

describe("flow:repeater and flow:sleep bounds", () => {
  it("repeats at most 10,000 times and only a whole number of times", () => {
    expect(validateForRun(repeater, "mapper", { repeats: "10000" })).toEqual({ initial: 1, repeats: 10000, step: 1 });
    expect(() => validateForRun(repeater, "mapper", { repeats: 10001 })).toThrow("Field “Repeats” (repeats) must be at most 10000, got 10001.");
    expect(() => validateForRun(repeater, "mapper", { repeats: 2.5 })).toThrow("expects a whole number");
    expect(() => validateForRun(repeater, "mapper", {})).toThrow("Field “Repeats” (repeats) is required.");
  });

  it("sleeps at most 300 seconds, through the injected timer", async () => {
    expect(() => validateForRun(sleep, "mapper", { delay: 301 })).toThrow("must be at most 300");
    const waited: number[] = [];
    const result = await run(blueprint([trigger(), { id: 2, module: "flow:sleep", version: 1, mapper: { delay: "2.5" } }], [[1, 2]]), {
      services: { sleep: async (ms) => void waited.push(ms) },
    });
    expect(result.status).toBe("success");
    expect(waited).toEqual([2500]);
  });
});

describe("flow:increment", () => {
  it("keeps counting across runs of the same scenario when it never resets", async () => {
    const store = createMemoryStore();
    const bp = blueprint([trigger(), { id: 2, module: "flow:increment", version: 1, params: { reset: "never" } }], [[1, 2]]);
    await run(bp, { services: { store } });
    const second = await run(bp, { services: { store }, trigger: { payload: [{}, {}] } });
    expect(outputsOf(second, 2)).toEqual([{ i: 2 }, { i: 3 }]);
  });

  it("starts again at 1 in every run when it resets after a run", async () => {
    const store = createMemoryStore();
    const bp = blueprint([trigger(), { id: 2, module: "flow:increment", version: 1, params: { reset: "afterRun" } }], [[1, 2]]);
    await run(bp, { services: { store } });
    expect(outputsOf(await run(bp, { services: { store } }), 2)).toEqual([{ i: 1 }]);
  });
});

describe("flow:setVariable", () => {
  it("declares the variable it sets as its output", () => {
    expect(resolveOutputSpec(setVariable, { name: "total" })).toEqual([{ name: "total", label: "total", type: "any" }]);
  });
});
