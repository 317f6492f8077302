import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isJsonValue } from "@/lib/modules/json";
import { findOperation } from "./description";
import { buildRequestEnvelope, parseRequestEnvelope, parseResponseEnvelope } from "./envelope";
import { SoapError } from "./errors";
import { ENCODED_WSDL } from "./test-fixtures";
import { readWsdl } from "./wsdl-reader";
import { parseXml } from "./xml";
import { findInvalidXmlChar } from "./xml-text";

const shop = readWsdl(ENCODED_WSDL);
const addItems = findOperation(shop, "addItems")!;
const getCategory = findOperation(shop, "getCategory")!;

/** Either a value or one of our typed errors: anything else (a TypeError, a stack overflow) is a bug. */
function valueOrTypedError(run: () => unknown): void {
  try {
    const value = run();
    expect(value).toBeDefined();
  } catch (error) {
    if (!(error instanceof SoapError)) throw error;
  }
}

const fragments = fc.constantFrom(
  "<", ">", "/", "a", "b:c", "=", '"', "'", "&", ";", "amp", "#", "x41", " ", "\n", "<a>", "</a>", "<a/>", "<b:c xmlns:b='urn:b'>", "</b:c>",
  "<![CDATA[", "]]>", "<!--", "-->", "<?pi x?>", "<?xml version='1.0'?>", "<!DOCTYPE a>", "<!ENTITY e 'x'>", "&lt;", "&#x41;", "&#0;", "&e;",
  "xmlns", "xmlns:p='urn:p'", "p:", "__proto__", "constructor", "toString", "\u0000", "\u0085", "😀", "\ud800", "<item>", "</item>", "xsi:nil='true'",
);
const xmlish = fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join(""));

/** Well-formed trees with awkward names, attributes, entities, CDATA and xsi:type/xsi:nil, to reach the decoders. */
const name = fc.constantFrom("a", "item", "return", "name", "parent", "qty", "tags", "__proto__", "constructor", "p:x", "xsi:type");
const attribute = fc.constantFrom("", ` xsi:nil="true"`, ` xsi:type="xsd:int"`, ` xsi:type="tns:Category"`, ` xsi:type="nope:x"`, ` s:arrayType="x[2]"`, ` id="&lt;1&gt;"`);
const text = fc.constantFrom("", "1", "-7", "true", "0", "text", "&amp;&#233;", "<![CDATA[<raw>]]>", " 12 ", "9007199254740993", "1e400");
const tree = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.tuple(name, attribute, text).map(([n, a, t]) => `<${n}${a}>${t}</${n}>`),
    fc.tuple(name, attribute, fc.array(tie("node"), { maxLength: 4 })).map(([n, a, children]) => `<${n}${a}>${children.join("")}</${n}>`),
  ),
})).node;
const namespaces = `xmlns:p="urn:p" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:shop" xmlns:s="http://schemas.xmlsoap.org/soap/encoding/"`;
/** A well-formed tree, sometimes with one character removed or inserted. */
const mutated = fc.tuple(tree, fc.nat(), fc.constantFrom("", "<", ">", "&", '"', "/")).map(([xml, at, insert]) => {
  const position = at % (xml.length + 1);
  return insert === "" ? xml.slice(0, position) + xml.slice(position + 1) : xml.slice(0, position) + insert + xml.slice(position);
});
const envelopeAround = (inner: string) =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><s:Body>${inner}</s:Body></s:Envelope>`;
/** Text XML can carry: the round trip is only promised for that (the rest is refused up front). */
const xmlText = fc.string({ unit: "binary", maxLength: 40 }).filter((s) => findInvalidXmlChar(s) === null);

describe("the XML and envelope parsers on arbitrary input", () => {
  it("parseXml gives an element or an XmlParseError for any string", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => valueOrTypedError(() => parseXml(text))), { numRuns: 500 });
  });

  it("parseXml gives an element or an XmlParseError for XML-ish strings", () => {
    fc.assert(fc.property(xmlish, (text) => valueOrTypedError(() => parseXml(text))), { numRuns: 2000 });
  });

  it("parseXml reads generated well-formed documents, and refuses or reads them once mutated", () => {
    fc.assert(
      fc.property(tree, (xml) => {
        expect(parseXml(`<root ${namespaces}>${xml}</root>`).localName).toBe("root");
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(mutated, (xml) => valueOrTypedError(() => parseXml(`<root ${namespaces}>${xml}</root>`))), { numRuns: 1000 });
  });

  it("parseResponseEnvelope decodes generated responses to JSON values, typed by the WSDL or not", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(tree, mutated), { maxLength: 4 }), (children) => {
        valueOrTypedError(() => {
          const value = parseResponseEnvelope(shop, getCategory, envelopeAround(`<r:getCategoryResponse xmlns:r="urn:r" ${namespaces}>${children.join("")}</r:getCategoryResponse>`));
          expect(isJsonValue(value)).toBe(true);
          expect(JSON.parse(JSON.stringify(value))).toEqual(value);
          return value;
        });
      }),
      { numRuns: 1000 },
    );
  });

  it("parseResponseEnvelope gives a JSON value, a SoapFault or another typed error for any body", () => {
    fc.assert(
      fc.property(xmlish, fc.boolean(), (inner, wrap) => {
        valueOrTypedError(() => {
          const value = parseResponseEnvelope(shop, getCategory, wrap ? envelopeAround(`<r:x xmlns:r="urn:r">${inner}</r:x>`) : inner);
          expect(isJsonValue(value)).toBe(true);
          return value;
        });
      }),
      { numRuns: 2000 },
    );
  });

  it("parseRequestEnvelope gives arguments or a typed error for any body", () => {
    fc.assert(fc.property(xmlish, (inner) => valueOrTypedError(() => parseRequestEnvelope(shop, envelopeAround(inner)))), { numRuns: 1000 });
  });

  it("deep nesting is refused, not a stack overflow", () => {
    valueOrTypedError(() => parseXml("<a>".repeat(50_000) + "</a>".repeat(50_000)));
  });
});

describe("round trips", () => {
  it("any text and typed values survive buildRequestEnvelope → parseRequestEnvelope", () => {
    const item = fc.record(
      { sku: xmlText, qty: fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }), tags: fc.array(xmlText, { maxLength: 3 }) },
      { requiredKeys: ["sku", "qty"] },
    );
    fc.assert(
      fc.property(xmlText, fc.array(item, { maxLength: 4 }), (token, items) => {
        const parsed = parseRequestEnvelope(shop, buildRequestEnvelope(shop, addItems, { Token: token, Items: items }));
        // Repeated members always come back as lists, present or not.
        expect(parsed.args).toEqual({ Token: token, Items: items.map((i) => ({ tags: [], ...i })) });
      }),
      { numRuns: 500 },
    );
  });

  it("text XML cannot carry is refused with a typed error, never sent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 20 }), (token) => {
        valueOrTypedError(() => buildRequestEnvelope(shop, addItems, { Token: token }));
      }),
      { numRuns: 500 },
    );
  });
});
