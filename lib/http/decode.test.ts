import { describe, expect, it } from "vitest";
import { bodyKindOf, decodeBody, parseContentType } from "./decode";

const response = (contentType: string | undefined, body: string | Buffer) => ({
  headers: contentType ? { "content-type": contentType } : ({} as Record<string, string>),
  body: Buffer.isBuffer(body) ? body : Buffer.from(body),
});

describe("decoding responses by content type", () => {
  it("knows which media types hold JSON, XML, text and binary", () => {
    expect(parseContentType('application/problem+json; charset="UTF-8"')).toEqual({
      mediaType: "application/problem+json",
      charset: "utf-8",
      params: { charset: "UTF-8" },
    });
    expect(["application/json", "application/vnd.api+json", "text/xml", "application/soap+xml", "text/csv", "", "image/png"].map(bodyKindOf)).toEqual([
      "json",
      "json",
      "xml",
      "xml",
      "text",
      "text",
      "binary",
    ]);
  });

  it("parses JSON and XML, decodes text in its charset, and keeps binary as bytes", () => {
    expect(decodeBody(response("application/json", '{"a":[1,2]}'))).toEqual({ kind: "json", value: { a: [1, 2] } });
    expect(decodeBody(response("text/xml", '<r id="7"><n>x</n></r>'))).toEqual({ kind: "xml", value: { r: { n: "x", "@_id": "7" } } });
    expect(decodeBody(response("text/plain; charset=iso-8859-1", Buffer.from([0x63, 0x61, 0x66, 0xe9])))).toEqual({ kind: "text", value: "café" });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    expect(decodeBody(response("image/png", png))).toEqual({ kind: "binary", value: png });
    expect(decodeBody(response("application/json", ""))).toEqual({ kind: "text", value: "" });
    expect(decodeBody(response("application/json", '{"a":1}'), { as: "text" })).toEqual({ kind: "text", value: '{"a":1}' });
  });

  it("says what is wrong when a body does not match its type", () => {
    expect(() => decodeBody(response("application/json", "<html>oops</html>"))).toThrow(/^The response is not valid JSON \(.+\): <html>oops<\/html>$/);
    expect(() => decodeBody(response("application/xml", "<a><b></a>"))).toThrow(/^The XML is not well-formed/);
  });
});
