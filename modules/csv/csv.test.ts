import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EngineModule } from "@/lib/engine/blueprint";
import { blueprint, outputsOf, run } from "@/lib/engine/testing";
import { resolveOutputSpec } from "@/lib/modules/describe";
import { parseCsv, writeCsv } from "./csv";
import parse from "./parse.v1";

const trigger: EngineModule = { id: 1, module: "flow:manualTrigger", version: 1 };
const runWith = (module: EngineModule, payload: unknown) => run(blueprint([trigger, module], [[1, 2]]), { trigger: { payload } });

describe("CSV reading and writing", () => {
  it("reads quotes, doubled quotes, delimiters and line breaks inside quotes, and any line ending", () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n"multi\r\nline",z\rlast,row')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["multi\r\nline", "z"],
      ["last", "row"],
    ]);
    expect(parseCsv("\uFEFFa;b\n1;\n", ";")).toEqual([
      ["a", "b"],
      ["1", ""],
    ]);
  });

  it("names the line of a quote that never closes", () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow("A quoted field that starts on line 2 is never closed.");
  });

  it("reads back exactly what it writes", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", " ", ",", ";", '"', "\n", "\r", "é") });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), fc.constantFrom(",", ";", "\t"), (rows, delimiter) => {
        expect(parseCsv(writeCsv(rows, { delimiter }), delimiter)).toEqual(rows);
      }),
    );
  });
});

describe("csv:parse", () => {
  const parseCsvModule = (params: Record<string, unknown>, mapper: Record<string, unknown>, payload: unknown) =>
    runWith({ id: 2, module: "csv:parse", version: 1, params, mapper }, payload);

  it("gives one bundle per row keyed by the header row, skipping empty lines", async () => {
    const result = await parseCsvModule({}, { csv: "{{1.csv}}" }, { csv: "name,city,\r\nAda,London,x\r\n\r\nGrace,,\r\n" });
    expect(result.status).toBe("success");
    expect(outputsOf(result, 2)).toEqual([
      { name: "Ada", city: "London", column3: "x" },
      { name: "Grace", city: "", column3: "" },
    ]);
  });

  it("uses column1, column2… without a header row, and the chosen delimiter", async () => {
    const result = await parseCsvModule({ delimiter: "semicolon" }, { csv: "{{1.csv}}", headerRow: false }, { csv: "a;b\nc;d;e" });
    expect(outputsOf(result, 2)).toEqual([
      { column1: "a", column2: "b" },
      { column1: "c", column2: "d", column3: "e" },
    ]);
    const custom = await parseCsvModule({ delimiter: "other", customDelimiter: "#" }, { csv: "{{1.csv}}" }, { csv: "k#k\n1#2" });
    expect(outputsOf(custom, 2)).toEqual([{ k: "1", k_2: "2" }]);
  });

  it("reports broken CSV as a DataError", async () => {
    const result = await parseCsvModule({}, { csv: "{{1.csv}}" }, { csv: 'a\n"never closed' });
    expect(result.error).toMatchObject({ type: "DataError", message: "A quoted field that starts on line 2 is never closed." });
  });

  it("declares its columns from a sample header", () => {
    expect(resolveOutputSpec(parse, { sample: "id;name", delimiter: "semicolon" })).toEqual([
      { name: "id", type: "text" },
      { name: "name", type: "text" },
    ]);
  });
});

describe("csv:create", () => {
  const create = (params: Record<string, unknown>, mapper: Record<string, unknown>, payload: unknown) =>
    runWith({ id: 2, module: "csv:create", version: 1, params, mapper }, payload);
  const rows = [
    { name: "Ada", note: 'says "hi", twice', tags: ["a", "b"] },
    { name: "=cmd()", extra: 1 },
  ];

  it("writes every key in first-seen order with a header, quoting only where needed, CRLF", async () => {
    const result = await create({}, { rows: "{{1.rows}}" }, { rows });
    expect(outputsOf(result, 2)).toEqual([
      { csv: 'name,note,tags,extra\r\nAda,"says ""hi"", twice","[""a"",""b""]",\r\n=cmd(),,,1\r\n' },
    ]);
  });

  it("writes the listed columns only, with the chosen delimiter, line ending, quoting and formula protection", async () => {
    const result = await create(
      { delimiter: "semicolon" },
      { rows: "{{1.rows}}", columns: ["name", "extra"], includeHeader: false, lineEnding: "lf", quoteAll: true, escapeFormulas: true },
      { rows },
    );
    expect(outputsOf(result, 2)).toEqual([{ csv: '"Ada";""\n"\'=cmd()";"1"\n' }]);
  });

  it("refuses a row that is not a collection", async () => {
    const result = await create({}, { rows: "{{1.rows}}" }, { rows: [{ a: 1 }, "oops"] });
    expect(result.error).toMatchObject({ type: "DataError", message: 'Row 2 is not a collection; every row must be one, e.g. { "name": "Ada" }.' });
  });
});
