import { describe, expect, it } from "vitest";
import { buildXml, parseXml } from "./xml";

describe("parseXml", () => {
  it("keeps attributes as @_name and text beside them as #text; repeated elements become arrays", () => {
    const xml = `<?xml version="1.0"?><order id="42"><item sku="a">Pen</item><item sku="b">Ink</item><total currency="EUR">3.50</total><code>007</code></order>`;
    expect(parseXml(xml)).toEqual({
      order: {
        "@_id": "42",
        item: [
          { "#text": "Pen", "@_sku": "a" },
          { "#text": "Ink", "@_sku": "b" },
        ],
        total: { "#text": 3.5, "@_currency": "EUR" },
        code: "007",
      },
    });
    expect(parseXml("<r><n>3.50</n></r>", { numbersAsText: true })).toEqual({ r: { n: "3.50" } });
    expect(parseXml("<r><item>1</item></r>", { alwaysArray: ["item"] })).toEqual({ r: { item: [1] } });
  });

  it("decodes the predefined entities and character references, and nothing a DTD declares", () => {
    const xml = `<!DOCTYPE r [<!ENTITY who "World">]><r a="x &amp; y">Tom &amp; Jerry &lt;3 &#65;&#x42; &who;</r>`;
    expect(parseXml(xml)).toEqual({ r: { "#text": "Tom & Jerry <3 AB &who;", "@_a": "x & y" } });
  });

  it("survives a billion-laughs document quickly and without expanding it", () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("");
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]><lolz>&lol9;</lolz>`;
    const started = Date.now();
    const parsed = parseXml(bomb);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(parsed).toEqual({ lolz: "&lol9;" });
  });

  it("refuses external entities and malformed documents with a readable message", () => {
    expect(() => parseXml(`<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`)).toThrow(/^The XML is not well-formed: /);
    expect(() => parseXml("<a><b></a>")).toThrow(/^The XML is not well-formed: .*b/);
  });

  it("refuses nesting deeper than the limit instead of recursing without end", () => {
    const deep = (n: number) => "<a>".repeat(n) + "</a>".repeat(n);
    expect(() => parseXml(deep(50))).not.toThrow();
    expect(() => parseXml(deep(150))).toThrow(/^The XML is not well-formed/);
    expect(() => parseXml(deep(50), { maxDepth: 20 })).toThrow(/^The XML is not well-formed/);
  });
});

describe("buildXml", () => {
  it("writes elements, attributes and escaped text, and reads back the same", () => {
    const data = { "@_id": "42", item: [{ "@_sku": "a", "#text": "Pen & <Ink>" }, { "@_sku": "b", "#text": "Paper" }], note: "ok" };
    const xml = buildXml(data, { rootName: "order" });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><order id="42"><item sku="a">Pen &amp; &lt;Ink&gt;</item><item sku="b">Paper</item><note>ok</note></order>',
    );
    expect(parseXml(xml)).toEqual({ order: data });
  });

  it("adds a DOCTYPE when asked, leaves the declaration out when asked, and refuses invalid names", () => {
    expect(buildXml({ a: 1 }, { rootName: "root", declaration: false, doctype: { publicId: "-//X//DTD Y//EN", systemId: "y.dtd" } })).toBe(
      '<!DOCTYPE root PUBLIC "-//X//DTD Y//EN" "y.dtd"><root><a>1</a></root>',
    );
    expect(() => buildXml({ "first name": "Ada" }, { rootName: "person" })).toThrow("“first name” (at person) is not a valid XML element name.");
    expect(() => buildXml({}, { rootName: "1root" })).toThrow("“1root” is not a valid XML element name.");
    expect(() => buildXml({}, { rootName: "r", doctype: { systemId: 'a"b' } })).toThrow(/quotes/);
  });
});
