import { describe, expect, it } from "vitest";
import type { SoapServiceDescription } from "./description";
import { buildFaultEnvelope, buildRequestEnvelope, buildResponseEnvelope, parseRequestEnvelope, parseResponseEnvelope } from "./envelope";
import { SoapArgumentError, SoapFault, SoapProtocolError, XmlParseError } from "./errors";
import { ENCODED_WSDL } from "./test-fixtures";
import { readWsdl } from "./wsdl-reader";

const XSD = "{http://www.w3.org/2001/XMLSchema}";
const NS = "urn:proofhqapi";

/** A small hand-written description: what readWsdl would give for a Proof-like service. */
const description: SoapServiceDescription = {
  targetNamespace: NS,
  service: "soapService",
  port: "soapServicePort",
  endpoint: "https://soap.example/soap",
  services: [],
  warnings: [],
  types: {
    [`{${NS}}Recipient`]: {
      kind: "struct",
      name: `{${NS}}Recipient`,
      fields: [
        { name: "email", type: `${XSD}string`, minOccurs: 1, maxOccurs: 1, nillable: false },
        { name: "role", type: `${XSD}int`, minOccurs: 0, maxOccurs: 1, nillable: false },
        { name: "primary_decision_maker", type: `${XSD}boolean`, minOccurs: 0, maxOccurs: 1, nillable: false },
      ],
    },
    [`{${NS}}RecipientArray`]: { kind: "array", name: `{${NS}}RecipientArray`, itemName: "item", itemType: `{${NS}}Recipient` },
    [`{${NS}}Proof`]: {
      kind: "struct",
      name: `{${NS}}Proof`,
      fields: [
        { name: "file_id", type: `${XSD}int`, minOccurs: 0, maxOccurs: 1, nillable: false },
        { name: "filename", type: `${XSD}string`, minOccurs: 0, maxOccurs: 1, nillable: false },
        { name: "locked", type: `${XSD}boolean`, minOccurs: 0, maxOccurs: 1, nillable: false },
        { name: "size", type: `${XSD}long`, minOccurs: 0, maxOccurs: 1, nillable: false },
        { name: "deadline", type: `${XSD}string`, minOccurs: 0, maxOccurs: 1, nillable: true },
        { name: "score", type: `${XSD}double`, minOccurs: 0, maxOccurs: 1, nillable: false },
      ],
    },
  },
  operations: [
    {
      name: "addProofReviewers",
      soapAction: "https://soap.proofhq.com/addProofReviewers",
      style: "rpc",
      use: "literal",
      namespace: NS,
      input: [
        { name: "SessionID", type: `${XSD}string` },
        { name: "FileID", type: `${XSD}int` },
        { name: "Recipients", type: `{${NS}}RecipientArray` },
        { name: "SuppressNewProofNotification", type: `${XSD}boolean` },
      ],
      output: [{ name: "return", type: `${XSD}boolean` }],
    },
    {
      name: "getProofDetails",
      soapAction: "",
      style: "rpc",
      use: "literal",
      namespace: "https://soap.proofhq.com/",
      input: [{ name: "FileID", type: `${XSD}int` }],
      output: [{ name: "return", type: `{${NS}}Proof` }],
    },
  ],
};
const [addReviewers, getDetails] = description.operations;

describe("buildRequestEnvelope", () => {
  it("writes the documented soapenv envelope with unqualified parts in WSDL order and arrays as repeated <item>", () => {
    const xml = buildRequestEnvelope(description, addReviewers, {
      Recipients: [{ role: 5, email: "a@x.com" }, { email: "b@x.com", primary_decision_maker: false }],
      FileID: 280755,
      SessionID: "7viklshodc6cnsh4s5vu75mqk0",
    });
    expect(xml).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>` +
        `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:proofhqapi">` +
        `<soapenv:Header/><soapenv:Body><urn:addProofReviewers>` +
        `<SessionID>7viklshodc6cnsh4s5vu75mqk0</SessionID><FileID>280755</FileID>` +
        `<Recipients><item><email>a@x.com</email><role>5</role></item><item><email>b@x.com</email><primary_decision_maker>false</primary_decision_maker></item></Recipients>` +
        `</urn:addProofReviewers></soapenv:Body></soapenv:Envelope>`,
    );
  });

  it("uses the soap prefix for an https namespace, as Adobe's examples do", () => {
    expect(buildRequestEnvelope(description, getDetails, { FileID: 1 })).toContain(`xmlns:soap="https://soap.proofhq.com/"><soapenv:Header/><soapenv:Body><soap:getProofDetails><FileID>1</FileID>`);
  });

  it("escapes values and sends null as xsi:nil", () => {
    const xml = buildRequestEnvelope(description, addReviewers, { SessionID: `<&>"' ünï 😀`, FileID: null });
    expect(xml).toContain(`<SessionID>&lt;&amp;&gt;&quot;&apos; ünï 😀</SessionID>`);
    expect(xml).toContain(`<FileID xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>`);
  });

  it.each([
    [{ Nope: 1 }, /has no parameter Nope/],
    [{ FileID: "12a" }, /FileID: expected an integer/],
    [{ FileID: 1.5 }, /FileID: expected an integer/],
    [{ SuppressNewProofNotification: "maybe" }, /expected true or false/],
    [{ Recipients: { email: "a@x.com" } }, /Recipients: expected an array/],
    [{ Recipients: [{ email: "a@x.com", stage_id: 3 }] }, /Recipients\[1\]: unknown member stage_id/],
    [{ Recipients: [{ email: ["a"] }] }, /Recipients\[1\]\.email: expected text/],
  ])("refuses %j with a SoapArgumentError naming the place", (args, message) => {
    expect(() => buildRequestEnvelope(description, addReviewers, args)).toThrow(SoapArgumentError);
    expect(() => buildRequestEnvelope(description, addReviewers, args)).toThrow(message);
  });
});

const envelope = (body: string) => `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="${NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;

describe("parseResponseEnvelope", () => {
  it("types numbers and booleans by the WSDL, keeps text as text, reads xsi:nil as null", () => {
    const xml = envelope(
      `<ns1:getProofDetailsResponse><return><file_id> 42 </file_id><filename>007</filename><locked>1</locked>` +
        `<size>9007199254740993</size><deadline xsi:nil="true"/><score>2.5e1</score><extra><a>1</a></extra></return></ns1:getProofDetailsResponse>`,
    );
    expect(parseResponseEnvelope(description, getDetails, xml)).toEqual({
      file_id: 42,
      filename: "007",
      locked: true,
      size: "9007199254740993", // beyond 2^53: kept exact as text
      deadline: null,
      score: 25,
      extra: { a: "1" }, // not in the WSDL: kept, untyped
    });
  });

  it("is lenient with values that do not parse: empty numbers are null, odd text stays text", () => {
    const xml = envelope(`<ns1:getProofDetailsResponse><return><file_id></file_id><locked>maybe</locked><score>NaN</score></return></ns1:getProofDetailsResponse>`);
    expect(parseResponseEnvelope(description, getDetails, xml)).toEqual({ file_id: null, locked: "maybe", score: "NaN" });
  });

  it("takes the only child when the server names the return part differently", () => {
    expect(parseResponseEnvelope(description, addReviewers, envelope(`<ns1:x><result>true</result></ns1:x>`))).toBe(true);
  });

  it("reads SOAP-encoded responses (xsi:type, SOAP-ENC arrays) against an encoded WSDL", () => {
    const shop = readWsdl(ENCODED_WSDL);
    const op = shop.operations.find((o) => o.name === "stats");
    const xml = envelope(`<ns1:statsResponse><count xsi:type="xsd:int" xmlns:xsd="http://www.w3.org/2001/XMLSchema">3</count><ok>false</ok></ns1:statsResponse>`);
    expect(parseResponseEnvelope(shop, op!, xml)).toEqual({ count: 3, ok: false });
  });

  it("turns a fault into a SoapFault with faultcode, faultstring and detail", () => {
    const xml = envelope(`<SOAP-ENV:Fault><faultcode>305</faultcode><faultstring>Invalid Session ID.</faultstring><detail><reason>expired</reason></detail></SOAP-ENV:Fault>`);
    let caught: unknown;
    try {
      parseResponseEnvelope(description, getDetails, xml, 500);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SoapFault);
    expect(caught).toMatchObject({ faultcode: "305", faultstring: "Invalid Session ID.", detail: { reason: "expired" }, httpStatus: 500 });
  });

  it("reads the fault it builds, with special characters intact", () => {
    const xml = buildFaultEnvelope({ faultcode: "SOAP-ENV:Server", faultstring: `Procedure '<x>' not present` });
    expect(() => parseResponseEnvelope(description, getDetails, xml)).toThrow(expect.objectContaining({ faultcode: "SOAP-ENV:Server", faultstring: `Procedure '<x>' not present` }));
  });

  it.each([
    ["HTML", "<html><body>502 Bad Gateway</body></html>", SoapProtocolError],
    ["a SOAP 1.2 envelope", `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body/></env:Envelope>`, SoapProtocolError],
    ["an empty Body", envelope(""), SoapProtocolError],
    ["not XML", "Internal Server Error", XmlParseError],
  ])("refuses %s with a typed error", (_label, xml, type) => {
    expect(() => parseResponseEnvelope(description, getDetails, xml)).toThrow(type);
  });
});

describe("the server side: parseRequestEnvelope and buildResponseEnvelope", () => {
  it("reads what buildRequestEnvelope writes, whatever prefix and namespace the operation element has", () => {
    const args = { SessionID: `s<&>"'😀\r\n`, FileID: 7, Recipients: [{ email: "a@x.com", role: 5, primary_decision_maker: true }], SuppressNewProofNotification: false };
    expect(parseRequestEnvelope(description, buildRequestEnvelope(description, addReviewers, args))).toMatchObject({ operationName: "addProofReviewers", namespace: NS, args });
    const other = `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><q:addProofReviewers xmlns:q="https://soap.proofhq.com/"><FileID>9</FileID><Unknown>x</Unknown></q:addProofReviewers></e:Body></e:Envelope>`;
    expect(parseRequestEnvelope(description, other)).toMatchObject({ namespace: "https://soap.proofhq.com/", args: { FileID: 9 } });
  });

  it("reports an operation the description lacks by name, with its arguments read untyped", () => {
    const xml = buildRequestEnvelope(description, { ...getDetails, name: "getProofs" }, { FileID: 1 });
    expect(parseRequestEnvelope(description, xml)).toMatchObject({ operationName: "getProofs", operation: undefined, args: { FileID: "1" } });
  });

  it("answers in PHP SoapServer's shape and drops members its WSDL does not declare", () => {
    const xml = buildResponseEnvelope(description, getDetails, { file_id: 5, filename: "a&b", owner_email: "newer@member", deadline: null });
    expect(xml).toContain(`<ns1:getProofDetailsResponse><return><file_id>5</file_id><filename>a&amp;b</filename><deadline xsi:nil="true"`);
    expect(xml).not.toContain("owner_email");
    expect(parseResponseEnvelope(description, getDetails, xml)).toEqual({ file_id: 5, filename: "a&b", deadline: null });
  });
});
