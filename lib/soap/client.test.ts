import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callOperation, createFetchPoster, type SoapHttpRequest, type SoapPoster } from "./client";
import { buildFaultEnvelope } from "./envelope";
import { SoapArgumentError, SoapFault, SoapHttpError, XmlParseError } from "./errors";
import { ENCODED_WSDL } from "./test-fixtures";
import { readWsdl } from "./wsdl-reader";

const shop = readWsdl(ENCODED_WSDL);
const ok = `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><r:addItemsResponse xmlns:r="urn:shop-ops"><return>true</return></r:addItemsResponse></e:Body></e:Envelope>`;

/** A poster that records what it was asked and answers as told. */
function fakePoster(status: number, body: string): SoapPoster & { calls: { url: string; request: SoapHttpRequest }[] } {
  const calls: { url: string; request: SoapHttpRequest }[] = [];
  const poster = async (url: string, request: SoapHttpRequest) => {
    calls.push({ url, request });
    return { status, headers: { "content-type": "text/xml" }, body };
  };
  return Object.assign(poster, { calls });
}

describe("callOperation", () => {
  it("posts the envelope to the WSDL's address with Content-Type and a quoted SOAPAction, and returns the typed result", async () => {
    const post = fakePoster(200, ok);
    await expect(callOperation(shop, "addItems", { Token: "t", Items: [{ sku: "A-1", qty: 2 }] }, { post })).resolves.toBe(true);
    expect(post.calls).toHaveLength(1);
    expect(post.calls[0].url).toBe("https://shop.example/soap");
    expect(post.calls[0].request.headers).toEqual({ "Content-Type": "text/xml; charset=utf-8", SOAPAction: `"urn:shop#addItems"` });
    expect(post.calls[0].request.body).toContain(`<urn:addItems><Token>t</Token><Items><item><sku>A-1</sku><qty>2</qty></item></Items></urn:addItems>`);
  });

  it("sends to the endpoint given instead (a connection's base URL) and passes the signal on", async () => {
    const post = fakePoster(200, ok);
    const controller = new AbortController();
    await callOperation(shop, "addItems", {}, { post, endpoint: "http://127.0.0.1:9/soap", signal: controller.signal });
    expect(post.calls[0].url).toBe("http://127.0.0.1:9/soap");
    expect(post.calls[0].request.signal).toBe(controller.signal);
  });

  it("throws SoapFault for a fault, with its HTTP status", async () => {
    const post = fakePoster(500, buildFaultEnvelope({ faultcode: "400", faultstring: "Required parameter Hash is missing." }));
    await expect(callOperation(shop, "addItems", {}, { post })).rejects.toMatchObject({ name: "SoapFault", faultcode: "400", faultstring: "Required parameter Hash is missing.", httpStatus: 500 });
  });

  it("throws SoapHttpError for an error status without a fault, even if the body is an ordinary envelope", async () => {
    await expect(callOperation(shop, "addItems", {}, { post: fakePoster(502, "<html>Bad gateway</html>") })).rejects.toBeInstanceOf(SoapHttpError);
    await expect(callOperation(shop, "addItems", {}, { post: fakePoster(500, ok) })).rejects.toMatchObject({ status: 500 });
  });

  it("throws XmlParseError for a 200 that is not XML", async () => {
    await expect(callOperation(shop, "addItems", {}, { post: fakePoster(200, "OK") })).rejects.toBeInstanceOf(XmlParseError);
  });

  it("refuses an unknown operation or a bad argument before posting anything", async () => {
    const post = fakePoster(200, ok);
    await expect(callOperation(shop, "removeItems", {}, { post })).rejects.toBeInstanceOf(SoapArgumentError);
    await expect(callOperation(shop, "addItems", { Items: [{ qty: "two" }] }, { post })).rejects.toThrow(/Items\[1\]\.qty: expected an integer/);
    expect(post.calls).toHaveLength(0);
  });

  it("lets the poster's own errors through unchanged", async () => {
    const failure = new Error("connect ECONNREFUSED");
    await expect(callOperation(shop, "addItems", {}, { post: async () => Promise.reject(failure) })).rejects.toBe(failure);
  });
});

describe("createFetchPoster over real HTTP", () => {
  let server: Server;
  let url: string;
  const seen: { headers: Record<string, unknown>; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => {
        seen.push({ headers: req.headers, body });
        const fault = body.includes("<Token>fault</Token>");
        res.writeHead(fault ? 500 : 200, { "Content-Type": "text/xml; charset=utf-8" });
        res.end(fault ? buildFaultEnvelope({ faultcode: "305", faultstring: "Invalid Session ID." }) : ok);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/soap`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("posts UTF-8 XML with the SOAP headers and reads results and faults", async () => {
    const post = createFetchPoster();
    await expect(callOperation(shop, "addItems", { Token: "日本語 & <tags>" }, { post, endpoint: url })).resolves.toBe(true);
    expect(seen.at(-1)?.headers).toMatchObject({ "content-type": "text/xml; charset=utf-8", soapaction: `"urn:shop#addItems"` });
    expect(seen.at(-1)?.body).toContain("<Token>日本語 &amp; &lt;tags&gt;</Token>");
    await expect(callOperation(shop, "addItems", { Token: "fault" }, { post, endpoint: url })).rejects.toBeInstanceOf(SoapFault);
  });
});
