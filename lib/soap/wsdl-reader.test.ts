import { describe, expect, it } from "vitest";
import { renderWsdl } from "@/modules/proof/sandbox/wsdl";
import { SURFACE_12_1, SURFACE_16_24_0 } from "@/modules/proof/sandbox/versions";
import { findOperation, resolveType, type StructType } from "./description";
import { WsdlError } from "./errors";
import { ENCODED_WSDL } from "./test-fixtures";
import { readWsdl } from "./wsdl-reader";

const XSD = "{http://www.w3.org/2001/XMLSchema}";

describe("readWsdl on a PHP-style RPC/encoded WSDL", () => {
  const description = readWsdl(ENCODED_WSDL);

  it("picks the SOAP 1.1 port and lists every service, port and skipped import", () => {
    expect(description).toMatchObject({ targetNamespace: "urn:shop", service: "ShopService", port: "Shop", endpoint: "https://shop.example/soap" });
    expect(description.services[0].ports.map((p) => [p.name, p.soapVersion])).toEqual([["Shop12", "1.2"], ["Shop", "1.1"]]);
    expect(description.warnings.join("\n")).toMatch(/other\.wsdl was not fetched/);
    expect(description.warnings.join("\n")).toMatch(/x\.xsd was not fetched/);
    expect(description.warnings.join("\n")).toMatch(/SOAP 1\.2 only/);
  });

  it("reads operations: soapAction, style, use, body namespace, parts in order, documentation", () => {
    const addItems = findOperation(description, "addItems");
    expect(addItems).toEqual({
      name: "addItems",
      soapAction: "urn:shop#addItems",
      style: "rpc",
      use: "encoded",
      namespace: "urn:shop-ops",
      documentation: "Adds items.",
      input: [
        { name: "Token", type: `${XSD}string` },
        { name: "Items", type: "{urn:shop}ItemArray" },
        { name: "Gift", type: "{urn:shop}GiftItem" },
      ],
      output: [{ name: "return", type: `${XSD}boolean` }],
    });
    // No soap:body namespace: the target namespace.
    expect(findOperation(description, "stats")).toMatchObject({ namespace: "urn:shop", use: "literal", input: [], output: [{ name: "count" }, { name: "ok" }] });
  });

  it("reads SOAP-encoded arrays, extensions (base fields first), refs, enumerations and repeated fields", () => {
    expect(description.types["{urn:shop}ItemArray"]).toEqual({ kind: "array", name: "{urn:shop}ItemArray", itemName: "item", itemType: "{urn:shop}Item" });
    const gift = description.types["{urn:shop}GiftItem"] as StructType;
    expect(gift.fields.map((f) => f.name)).toEqual(["sku", "qty", "price", "colour", "tags", "message"]);
    expect(gift.fields.find((f) => f.name === "sku")?.type).toBe(`${XSD}string`);
    expect(gift.fields.find((f) => f.name === "tags")).toMatchObject({ minOccurs: 0, maxOccurs: "unbounded" });
    expect(gift.fields.find((f) => f.name === "message")).toMatchObject({ nillable: true, minOccurs: 1 });
    expect(resolveType(description, "{urn:shop}Colour")).toEqual({ kind: "primitive", primitive: "string", enumeration: ["red", "green"] });
  });

  it("produces plain JSON", () => {
    expect(JSON.parse(JSON.stringify(description))).toEqual(description);
  });
});

describe("readWsdl on the Proof sandbox WSDLs", () => {
  const v12 = readWsdl(renderWsdl(SURFACE_12_1, "http://host/sandbox/proof/soap"));
  const v16 = readWsdl(renderWsdl(SURFACE_16_24_0, "http://host/sandbox/proof/16_24_0/soap"));

  it("reads the 12.1 surface: urn:proofhqapi, RPC/literal, SOAPAction https://soap.proofhq.com/<method>", () => {
    expect(v12).toMatchObject({ targetNamespace: "urn:proofhqapi", service: "soapService", endpoint: "http://host/sandbox/proof/soap", warnings: [] });
    expect(findOperation(v12, "doLogin")).toMatchObject({
      soapAction: "https://soap.proofhq.com/doLogin",
      style: "rpc",
      use: "literal",
      namespace: "urn:proofhqapi",
      input: [{ name: "Login" }, { name: "Password" }],
      output: [{ name: "return", type: "{urn:proofhqapi}SOAPLoginObject" }],
    });
  });

  it("reads the 16.24.0 surface in https://soap.proofhq.com/ with the newer method and members", () => {
    expect(v16.targetNamespace).toBe("https://soap.proofhq.com/");
    expect(findOperation(v16, "createWorkflowProof")?.output[0].type).toBe("{https://soap.proofhq.com/}SOAPWorkflowProofObjectArray");
    expect(findOperation(v12, "createWorkflowProof")).toBeUndefined();
    const recipient16 = v16.types["{https://soap.proofhq.com/}SOAPRecipientObject"] as StructType;
    const recipient12 = v12.types["{urn:proofhqapi}SOAPRecipientObject"] as StructType;
    expect(recipient16.fields.map((f) => f.name)).toEqual(expect.arrayContaining(["stage_id", "progress", "wf_decision", "dowload_url"]));
    expect(recipient12.fields.map((f) => f.name)).not.toEqual(expect.arrayContaining(["stage_id"]));
    const file12 = (v12.types["{urn:proofhqapi}SOAPFileObject"] as StructType).fields.map((f) => f.name);
    expect(file12).not.toContain("owner_email");
    expect(file12).not.toContain("sourcename");
    expect(file12).toContain("file_id");
  });

  it("reads the list types as arrays of <item>", () => {
    expect(v16.types["{https://soap.proofhq.com/}SOAPFileRecipientObjectArray"]).toMatchObject({ kind: "array", itemName: "item", itemType: "{https://soap.proofhq.com/}SOAPFileRecipientObject" });
  });

  it("keeps createProof's parameters in the reference's order", () => {
    const names = findOperation(v12, "createProof")?.input.map((p) => p.name) ?? [];
    expect(names.slice(0, 9)).toEqual(["SessionID", "OwnerID", "Hash", "Name", "SourceName", "Subject", "Message", "Deadline", "Recipients"]);
    expect(names.at(-1)).toBe("ReferenceID");
  });
});

describe("readWsdl refuses what it cannot use", () => {
  it.each([
    ["not XML", "hello"],
    ["not WSDL", `<definitions xmlns="urn:other"/>`],
    ["no SOAP 1.1 binding", `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:x"/>`],
    [
      "a missing message",
      `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:x" targetNamespace="urn:x">
        <portType name="P"><operation name="op"><input message="tns:nope"/></operation></portType>
        <binding name="B" type="tns:P"><soap:binding style="rpc"/><operation name="op"/></binding></definitions>`,
    ],
  ])("%s → WsdlError", (_label, text) => {
    expect(() => readWsdl(text)).toThrow(WsdlError);
  });
});
