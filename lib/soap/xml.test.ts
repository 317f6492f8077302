import { describe, expect, it } from "vitest";
import { SoapArgumentError, XmlParseError } from "./errors";
import { childElements, parseXml, textOf } from "./xml";
import { decodeXmlText, escapeXml } from "./xml-text";

describe("parseXml", () => {
  it("resolves prefixed and default namespaces, and leaves unprefixed attributes in no namespace", () => {
    const root = parseXml(`<?xml version="1.0"?><a:root xmlns:a="urn:a" xmlns="urn:default" id="1"><child a:flag="x"/></a:root>`);
    expect(root).toMatchObject({ localName: "root", namespace: "urn:a" });
    const [child] = childElements(root);
    expect(child).toMatchObject({ localName: "child", namespace: "urn:default" });
    expect(child.attributes[0]).toMatchObject({ localName: "flag", namespace: "urn:a", value: "x" });
    expect(root.attributes.find((a) => a.name === "id")?.namespace).toBeNull();
  });

  it("decodes the predefined entities and character references, keeps CDATA literal", () => {
    const root = parseXml(`<t>&lt;&amp;&gt;&quot;&apos; &#233;&#x1F600;<![CDATA[<raw> &amp;]]></t>`);
    expect(textOf(root)).toBe(`<&>"' é😀<raw> &amp;`);
  });

  it("keeps surrounding whitespace of text", () => {
    expect(textOf(parseXml("<t>  two  spaces  </t>"))).toBe("  two  spaces  ");
  });

  it("reads elements named like Object.prototype members as ordinary names", () => {
    const root = parseXml(`<r><constructor>1</constructor><__proto__>2</__proto__><toString/></r>`);
    expect(childElements(root).map((c) => c.localName)).toEqual(["constructor", "__proto__", "toString"]);
  });

  it.each([
    ["a DTD", `<!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>`],
    ["a billion-laughs DTD", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`],
    ["an external entity", `<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>`],
    ["an undeclared entity", `<r>&nbsp;</r>`],
    ["an undeclared prefix", `<p:r/>`],
    ["two roots", `<a/><b/>`],
    ["text after the root", `<a/>tail`],
    ["mismatched tags", `<a><b></a></b>`],
    ["an invalid character reference", `<a>&#0;</a>`],
    ["a control character", "<a>\u0001</a>"],
    ["empty input", ""],
  ])("refuses %s with XmlParseError", (_label, text) => {
    expect(() => parseXml(text)).toThrow(XmlParseError);
  });

  it("does not mistake a DOCTYPE inside CDATA for a DTD", () => {
    expect(textOf(parseXml("<a><![CDATA[<!DOCTYPE html>]]></a>"))).toBe("<!DOCTYPE html>");
  });
});

describe("escapeXml", () => {
  it("escapes all five special characters and CR, and nothing else", () => {
    expect(escapeXml(`<&>"' \r\n\té`)).toBe("&lt;&amp;&gt;&quot;&apos; &#13;\n\té");
  });

  it.each([`<&>"'`, "ünïcödé 日本語 😀", "line\r\nbreaks", "&amp; already escaped", "]]>"])("round-trips %j through a document", (value) => {
    expect(textOf(parseXml(`<v>${escapeXml(value)}</v>`))).toBe(value);
    expect(decodeXmlText(escapeXml(value))).toBe(value);
  });

  it("refuses characters XML cannot carry, naming where they were", () => {
    expect(() => escapeXml("bell\u0007", "Name")).toThrow(SoapArgumentError);
    expect(() => escapeXml("lone \ud800 surrogate", "Name")).toThrow(/Name: contains U\+D800/);
  });
});
