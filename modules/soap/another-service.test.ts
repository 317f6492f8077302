import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EngineModule } from "@/lib/engine/blueprint";
import { blueprint, outputsOf, run } from "@/lib/engine/testing";
import { allowOutbound } from "@/lib/http";
import { startTestServer, type RecordedRequest, type TestServer } from "@/lib/http/testing";
import type { OptionsContext } from "@/lib/modules/define";
import { describeModule } from "@/lib/modules/describe";
import { getModule } from "@/modules";
import { forgetWsdl } from "./wsdl-cache";

/**
 * soap:call against a SOAP service that is not Proof: a library catalogue written the way Axis 1 or PHP
 * services are (RPC/encoded, `soapenc:Array`s, `xsi:type` on every value, `xsd:all`, an enumeration, a
 * `#`-style SOAPAction, its own namespace and faults with a detail). The service reads requests with
 * its own XML parser, not lib/soap's, so the module is checked against an independent implementation.
 */
const NS = "urn:example:library";

const wsdl = (origin: string) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions name="Library" targetNamespace="${NS}" xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="${NS}">
  <types>
    <xsd:schema targetNamespace="${NS}">
      <xsd:import namespace="http://schemas.xmlsoap.org/soap/encoding/"/>
      <xsd:simpleType name="Format">
        <xsd:restriction base="xsd:string"><xsd:enumeration value="hardcover"/><xsd:enumeration value="paperback"/><xsd:enumeration value="ebook"/></xsd:restriction>
      </xsd:simpleType>
      <xsd:complexType name="StringArray">
        <xsd:complexContent><xsd:restriction base="soapenc:Array"><xsd:attribute ref="soapenc:arrayType" wsdl:arrayType="xsd:string[]"/></xsd:restriction></xsd:complexContent>
      </xsd:complexType>
      <xsd:complexType name="Book">
        <xsd:all>
          <xsd:element name="isbn" type="xsd:string"/>
          <xsd:element name="title" type="xsd:string"/>
          <xsd:element name="year" type="xsd:int"/>
          <xsd:element name="available" type="xsd:boolean"/>
          <xsd:element name="price" type="xsd:decimal"/>
          <xsd:element name="tags" type="tns:StringArray"/>
        </xsd:all>
      </xsd:complexType>
      <xsd:complexType name="BookArray">
        <xsd:complexContent><xsd:restriction base="soapenc:Array"><xsd:attribute ref="soapenc:arrayType" wsdl:arrayType="tns:Book[]"/></xsd:restriction></xsd:complexContent>
      </xsd:complexType>
      <xsd:complexType name="Member">
        <xsd:all><xsd:element name="name" type="xsd:string"/><xsd:element name="email" type="xsd:string"/></xsd:all>
      </xsd:complexType>
      <xsd:complexType name="Reservation">
        <xsd:all>
          <xsd:element name="id" type="xsd:long"/>
          <xsd:element name="isbn" type="xsd:string"/>
          <xsd:element name="confirmed" type="xsd:boolean"/>
          <xsd:element name="pickupBy" type="xsd:dateTime"/>
        </xsd:all>
      </xsd:complexType>
    </xsd:schema>
  </types>
  <message name="findBooksRequest"><part name="author" type="xsd:string"/><part name="format" type="tns:Format"/><part name="maxResults" type="xsd:int"/></message>
  <message name="findBooksResponse"><part name="books" type="tns:BookArray"/></message>
  <message name="reserveBookRequest"><part name="isbn" type="xsd:string"/><part name="member" type="tns:Member"/></message>
  <message name="reserveBookResponse"><part name="reservation" type="tns:Reservation"/></message>
  <message name="countBooksRequest"/>
  <message name="countBooksResponse"><part name="total" type="xsd:int"/></message>
  <portType name="LibraryPortType">
    <operation name="findBooks"><documentation>Books by an author, newest first.</documentation><input message="tns:findBooksRequest"/><output message="tns:findBooksResponse"/></operation>
    <operation name="reserveBook"><documentation>Reserves a book for a member.</documentation><input message="tns:reserveBookRequest"/><output message="tns:reserveBookResponse"/></operation>
    <operation name="countBooks"><input message="tns:countBooksRequest"/><output message="tns:countBooksResponse"/></operation>
  </portType>
  <binding name="LibraryBinding" type="tns:LibraryPortType">
    <soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
    ${["findBooks", "reserveBook", "countBooks"]
      .map(
        (op) => `<operation name="${op}"><soap:operation soapAction="${NS}#${op}" style="rpc"/>
      <input><soap:body use="encoded" namespace="${NS}" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></input>
      <output><soap:body use="encoded" namespace="${NS}" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></output></operation>`,
      )
      .join("\n    ")}
  </binding>
  <service name="LibraryService"><port name="LibraryPort" binding="tns:LibraryBinding"><soap:address location="${origin}/library"/></port></service>
</definitions>`;

const BOOKS = [
  { isbn: "978-0-00-000001-1", title: "Tides & <Currents>", author: "O'Brien", year: 2021, available: true, price: "12.50", tags: ["sea", "history"] },
  { isbn: "978-0-00-000002-8", title: "Harbour Lights", author: "O'Brien", year: 2019, available: false, price: "9.99", tags: [] },
  { isbn: "978-0-00-000003-5", title: "Unrelated", author: "Someone Else", year: 2020, available: true, price: "5", tags: ["misc"] },
];

const xmlText = (value: string) => value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
const typed = (name: string, type: string, value: string | number | boolean) => `<${name} xsi:type="xsd:${type}">${xmlText(String(value))}</${name}>`;
const stringArray = (name: string, items: string[]) =>
  `<${name} xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="xsd:string[${items.length}]">${items.map((t) => typed("item", "string", t)).join("")}</${name}>`;
const bookXml = (b: (typeof BOOKS)[number]) =>
  `<item xsi:type="ns1:Book">${typed("isbn", "string", b.isbn)}${typed("title", "string", b.title)}${typed("year", "int", b.year)}${typed("available", "boolean", b.available)}${typed("price", "decimal", b.price)}${stringArray("tags", b.tags)}</item>`;

const envelope = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns1="${NS}" SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;
const fault = (code: string, text: string, detail: string) =>
  envelope(`<SOAP-ENV:Fault><faultcode>${code}</faultcode><faultstring>${xmlText(text)}</faultstring><detail><reason>${detail}</reason></detail></SOAP-ENV:Fault>`);

/** The service's own reading of a request: the operation element under Body and its child values as text. */
const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, processEntities: true });
function readRequest(body: Buffer): { operation: string; args: Record<string, unknown> } {
  const doc = parser.parse(body.toString("utf8")) as { Envelope?: { Body?: Record<string, Record<string, unknown>> } };
  const [operation, args] = Object.entries(doc.Envelope?.Body ?? {})[0] ?? ["", {}];
  return { operation, args: args ?? {} };
}

let service: TestServer;
let takeBack: () => void;
let wsdlUrl: string;
let nextReservation = 9_007_199_254_740_993n; // past 2^53: must stay exact

function answer(request: RecordedRequest): { status: number; body: string } {
  const { operation, args } = readRequest(request.body);
  if (request.headers["soapaction"] !== `"${NS}#${operation}"`) return { status: 500, body: fault("SOAP-ENV:Client", `SOAPAction does not match ${operation}`, "BAD_ACTION") };
  if (operation === "findBooks") {
    const found = BOOKS.filter((b) => b.author === args.author).slice(0, Number(args.maxResults ?? 10));
    return { status: 200, body: envelope(`<ns1:findBooksResponse><books xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="ns1:Book[${found.length}]">${found.map(bookXml).join("")}</books></ns1:findBooksResponse>`) };
  }
  if (operation === "reserveBook") {
    const member = (args.member ?? {}) as { name?: string; email?: string };
    if (!BOOKS.some((b) => b.isbn === args.isbn)) return { status: 500, body: fault("SOAP-ENV:Client.UnknownBook", `No book with ISBN ${String(args.isbn)}`, "UNKNOWN_ISBN") };
    if (!member.email?.includes("@")) return { status: 500, body: fault("SOAP-ENV:Client", "A member needs an e-mail address", "NO_EMAIL") };
    const id = (nextReservation++).toString();
    return {
      status: 200,
      body: envelope(
        `<ns1:reserveBookResponse><reservation xsi:type="ns1:Reservation">${typed("id", "long", id)}${typed("isbn", "string", String(args.isbn))}${typed("confirmed", "boolean", true)}${typed("pickupBy", "dateTime", "2026-12-01T10:00:00Z")}<note xsi:type="xsd:string">for ${xmlText(member.name ?? "")}</note></reservation></ns1:reserveBookResponse>`,
      ),
    };
  }
  if (operation === "countBooks") return { status: 200, body: envelope(`<ns1:countBooksResponse>${typed("total", "int", BOOKS.length)}</ns1:countBooksResponse>`) };
  return { status: 500, body: fault("SOAP-ENV:Server", `Unknown operation ${operation}`, "UNKNOWN_OPERATION") };
}

beforeAll(async () => {
  service = await startTestServer({
    "/library": (request, res) => {
      if (request.method === "GET") {
        res.writeHead(200, { "content-type": "text/xml; charset=utf-8" }).end(wsdl(service.origin));
        return;
      }
      const { status, body } = answer(request);
      res.writeHead(status, { "content-type": "text/xml; charset=utf-8" }).end(body);
    },
  });
  wsdlUrl = `${service.origin}/library?wsdl`;
  takeBack = allowOutbound(`127.0.0.1:${service.port}`);
});
afterAll(async () => {
  takeBack();
  forgetWsdl();
  await service.close();
});
beforeEach(() => forgetWsdl());

const call = getModule("soap:call", 1)!;
const optionsCtx = (params: Record<string, unknown>): OptionsContext => ({ connection: null, params, signal: AbortSignal.timeout(10_000) });
const trigger: EngineModule = { id: 1, module: "flow:manualTrigger", version: 1 };
const step = (id: number, operation: string, input: Record<string, unknown>): EngineModule => ({ id, module: "soap:call", version: 1, params: { wsdlUrl, operation }, mapper: { input } });
const posts = () => service.requests.filter((r) => r.method === "POST");

describe("soap:call against a second, different SOAP service", () => {
  it("offers the service's operations with their documentation, and fields typed by its WSDL", async () => {
    const operations = await call.options.operations(optionsCtx({ wsdlUrl }));
    expect(operations.map((o) => o.value)).toEqual(["findBooks", "reserveBook", "countBooks"]);
    expect(operations[0].label).toMatch(/^findBooks — Books by an author/);

    const [find] = await call.dynamicFields!.load(optionsCtx({ wsdlUrl, operation: "findBooks" }));
    expect(find.type === "collection" && find.fields.map((f) => [f.name, f.type])).toEqual([
      ["author", "text"],
      ["format", "select"],
      ["maxResults", "number"],
    ]);
    const format = find.type === "collection" ? find.fields[1] : undefined;
    expect(format?.type === "select" && "options" in format && format.options.map((o) => o.value)).toEqual(["hardcover", "paperback", "ebook"]);
    const [reserve] = await call.dynamicFields!.load(optionsCtx({ wsdlUrl, operation: "reserveBook" }));
    const member = reserve.type === "collection" ? reserve.fields.find((f) => f.name === "member") : undefined;
    expect(member?.type === "collection" && member.fields.map((f) => f.name)).toEqual(["name", "email"]);
  });

  it("sends an RPC/encoded call the service reads with its own parser, escaped, with its SOAPAction; reads encoded arrays typed", async () => {
    const result = await run(blueprint([trigger, step(2, "findBooks", { author: "O'Brien", format: "paperback", maxResults: "5" })], [[1, 2]]));
    expect(result.error).toBeNull();
    const [request] = posts().slice(-1);
    expect(request.headers["content-type"]).toBe("text/xml; charset=utf-8");
    expect(request.headers["soapaction"]).toBe(`"${NS}#findBooks"`);
    const sent = request.body.toString("utf8");
    expect(sent).toContain("O&apos;Brien");
    expect(readRequest(request.body)).toEqual({ operation: "findBooks", args: { author: "O'Brien", format: "paperback", maxResults: "5" } });
    // One bundle per book; ints, booleans and arrays typed by the WSDL; escaped text decoded.
    expect(outputsOf(result, 2)).toEqual([
      { isbn: BOOKS[0].isbn, title: "Tides & <Currents>", year: 2021, available: true, price: 12.5, tags: ["sea", "history"] },
      { isbn: BOOKS[1].isbn, title: "Harbour Lights", year: 2019, available: false, price: 9.99, tags: [] },
    ]);
  });

  it("maps an earlier call's output into a nested struct; a long past 2^53 stays exact; undeclared members are kept", async () => {
    const result = await run(
      blueprint(
        [
          trigger,
          step(2, "findBooks", { author: "O'Brien", maxResults: 1 }),
          step(3, "reserveBook", { isbn: "{{2.isbn}}", member: { name: "Ada <Lovelace>", email: "ada@example.com" } }),
        ],
        [[1, 2], [2, 3]],
      ),
    );
    expect(result.error).toBeNull();
    const reservation = outputsOf(result, 3)[0] as Record<string, unknown>;
    expect(reservation).toEqual({ id: expect.any(String), isbn: BOOKS[0].isbn, confirmed: true, pickupBy: "2026-12-01T10:00:00Z", note: "for Ada <Lovelace>" });
    expect(BigInt(reservation.id as string) > 2n ** 53n).toBe(true);
    const sent = readRequest(posts().slice(-1)[0].body);
    expect(sent).toEqual({ operation: "reserveBook", args: { isbn: BOOKS[0].isbn, member: { name: "Ada <Lovelace>", email: "ada@example.com" } } });
  });

  it("an operation without inputs answers a plain value as `value`; its declared output comes from the WSDL once read", async () => {
    const result = await run(blueprint([trigger, step(2, "countBooks", {})], [[1, 2]]));
    expect(outputsOf(result, 2)).toEqual([{ value: 3 }]);
    expect(describeModule(call, { wsdlUrl, operation: "findBooks" }).output.spec?.map((f) => f.name)).toEqual(["isbn", "title", "year", "available", "price", "tags"]);
  });

  it("the service's faults are module errors with its faultcode and faultstring; wrong input is refused before sending", async () => {
    const unknown = await run(blueprint([trigger, step(2, "reserveBook", { isbn: "000", member: { name: "Ada", email: "ada@example.com" } })], [[1, 2]]));
    expect(unknown.error).toMatchObject({ type: "DataError", moduleId: 2, message: "SOAP fault SOAP-ENV:Client.UnknownBook: No book with ISBN 000" });
    const before = posts().length;
    const badNumber = await run(blueprint([trigger, step(2, "findBooks", { author: "x", maxResults: "many" })], [[1, 2]]));
    expect(badNumber.error).toMatchObject({ type: "DataError", message: expect.stringContaining("input.maxResults") });
    const badChoice = await run(blueprint([trigger, step(2, "findBooks", { author: "x", format: "scroll" })], [[1, 2]]));
    expect(badChoice.error).toMatchObject({ type: "DataError", message: expect.stringContaining("input.format") });
    expect(posts().length).toBe(before);
  });
});
