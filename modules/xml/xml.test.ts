import { describe, expect, it } from "vitest";
import type { EngineModule } from "@/lib/engine/blueprint";
import { blueprint, outputsOf, run } from "@/lib/engine/testing";
import { resolveOutputSpec } from "@/lib/modules/describe";
import parse from "./parse.v1";

const trigger: EngineModule = { id: 1, module: "flow:manualTrigger", version: 1 };
const runWith = (module: EngineModule, payload: unknown) => run(blueprint([trigger, module], [[1, 2]]), { trigger: { payload } });
const parseXml = (mapper: Record<string, unknown>, payload: unknown) => runWith({ id: 2, module: "xml:parse", version: 1, mapper }, payload);

describe("xml:parse", () => {
  const order = '<?xml version="1.0"?><order id="7"><item sku="a">Pen</item><total>0012.50</total></order>';

  it("gives the document as one bundle with attributes, text and numbers", async () => {
    const result = await parseXml({ xml: "{{1.xml}}" }, { xml: order });
    expect(outputsOf(result, 2)).toEqual([{ order: { "@_id": "7", item: { "#text": "Pen", "@_sku": "a" }, total: "0012.50" } }]);
    const numbers = await parseXml({ xml: "{{1.xml}}" }, { xml: "<r><n>12.50</n><code>0012</code></r>" });
    expect(outputsOf(numbers, 2)).toEqual([{ r: { n: 12.5, code: "0012" } }]);
  });

  it("keeps numbers as text and makes named elements arrays when asked", async () => {
    const result = await parseXml({ xml: "{{1.xml}}", numbersAsText: true, alwaysArray: ["item"] }, { xml: "<r><item>1</item></r>" });
    expect(outputsOf(result, 2)).toEqual([{ r: { item: ["1"] } }]);
  });

  it("does not expand entities: a billion-laughs document comes out small, an external entity is refused", async () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join("");
    const bomb = await parseXml({ xml: "{{1.xml}}" }, { xml: `<!DOCTYPE b [<!ENTITY l0 "ha">${levels}]><b>&l9;</b>` });
    expect(outputsOf(bomb, 2)).toEqual([{ b: "&l9;" }]);
    const external = await parseXml({ xml: "{{1.xml}}" }, { xml: '<!DOCTYPE r [<!ENTITY x SYSTEM "http://169.254.169.254/">]><r>&x;</r>' });
    expect(external.error).toMatchObject({ type: "DataError", message: expect.stringMatching(/^The XML is not well-formed/) });
  });

  it("reports malformed XML as a DataError", async () => {
    const result = await parseXml({ xml: "{{1.xml}}" }, { xml: "<a><b></a>" });
    expect(result.error?.type).toBe("DataError");
  });

  it("declares its output from a sample", () => {
    expect(resolveOutputSpec(parse, { sample: order })).toEqual([
      { name: "order", type: "collection", spec: [{ name: "item", type: "collection", spec: [{ name: "#text", type: "text" }, { name: "@_sku", type: "text" }] }, { name: "total", type: "text" }, { name: "@_id", type: "text" }] },
    ]);
    expect(resolveOutputSpec(parse, {})).toBeNull();
  });
});

describe("xml:create", () => {
  const create = (mapper: Record<string, unknown>, payload: unknown = {}) => runWith({ id: 2, module: "xml:create", version: 1, mapper }, payload);

  it("writes a mapped structure under the root, with attributes and escaping", async () => {
    const result = await create(
      { rootName: "order", data: { "@_id": "{{1.id}}", item: "{{1.items}}", note: "a < b & c" } },
      { id: 7, items: [{ "@_sku": "a", "#text": "Pen" }, { "@_sku": "b", "#text": "Ink" }] },
    );
    expect(outputsOf(result, 2)).toEqual([
      { xml: '<?xml version="1.0" encoding="UTF-8"?><order id="7"><item sku="a">Pen</item><item sku="b">Ink</item><note>a &lt; b &amp; c</note></order>' },
    ]);
  });

  it("uses root by default, can leave out the declaration, indent and add a DOCTYPE", async () => {
    const result = await create({ data: { a: 1 }, includeDeclaration: false, indent: true, doctypeSystemId: "r.dtd" });
    expect(outputsOf(result, 2)).toEqual([{ xml: '<!DOCTYPE root SYSTEM "r.dtd">\n<root>\n  <a>1</a>\n</root>' }]);
  });

  it("refuses keys that cannot be element names, naming them", async () => {
    const result = await create({ data: { "first name": "Ada" } });
    expect(result.error).toMatchObject({ type: "DataError", message: "“first name” (at root) is not a valid XML element name." });
  });
});
