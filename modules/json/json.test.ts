import { describe, expect, it } from "vitest";
import { blueprint, outputsOf, run } from "@/lib/engine/testing";
import { resolveOutputSpec } from "@/lib/modules/describe";
import parse from "./parse.v1";

const trigger = { id: 1, module: "flow:manualTrigger", version: 1 };

describe("json:parse", () => {
  const parseText = (text: unknown) =>
    run(blueprint([trigger, { id: 2, module: "json:parse", version: 1, mapper: { json: "{{1.text}}" } }], [[1, 2]]), { trigger: { payload: { text } } });

  it("gives one bundle for a collection and wraps a lone value", async () => {
    expect(outputsOf(await parseText('{"a":{"b":[1,2]}}'), 2)).toEqual([{ a: { b: [1, 2] } }]);
    expect(outputsOf(await parseText("true"), 2)).toEqual([{ value: true }]);
  });

  it("says clearly when the text is not JSON, with what it got", async () => {
    const result = await parseText("{'single': quotes}");
    expect(result.status).toBe("error");
    expect(result.error?.type).toBe("DataError");
    expect(result.error?.message).toMatch(/^The JSON string is not valid JSON \(.+\): \{'single': quotes\}$/);
  });

  it("declares its output from a sample, or none without one", () => {
    expect(resolveOutputSpec(parse, { sample: '[{"id": 1}]' })).toEqual([{ name: "id", type: "number" }]);
    expect(resolveOutputSpec(parse, { sample: "not json" })).toBeNull();
    expect(resolveOutputSpec(parse, {})).toBeNull();
  });
});

describe("json:create", () => {
  const create = (indent: string, data: unknown) =>
    run(blueprint([trigger, { id: 2, module: "json:create", version: 1, params: { indent }, mapper: { data } }], [[1, 2]]), {
      trigger: { payload: { n: 5, list: [1, "a"] } },
    });

  it("serialises compactly by default and with a tab when asked", async () => {
    expect(outputsOf(await create("none", { n: "{{1.n}}", list: "{{1.list}}", text: "n is {{1.n}}" }), 2)).toEqual([
      { json: '{"n":5,"list":[1,"a"],"text":"n is 5"}' },
    ]);
    expect(outputsOf(await create("tab", ["{{1.n}}"]), 2)).toEqual([{ json: "[\n\t5\n]" }]);
  });

  it("needs something to serialise", async () => {
    const result = await create("none", "{{1.missing}}");
    expect(result.error?.message).toBe("Field “Data” (data) is required.");
  });
});
