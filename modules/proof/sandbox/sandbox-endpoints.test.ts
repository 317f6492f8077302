import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { readWsdl } from "@/lib/soap";
import { createProofSandbox } from "./index";
import { OPERATIONS } from "./operations";
import { implementedMethods } from "./soap-endpoint";
import { sandboxForThisFile } from "./test-helpers";

const sandbox = sandboxForThisFile();

describe("endpoints and WSDLs", () => {
  it("serves the 12.1 WSDL at /soap?wsdl with this host's endpoint, readable by lib/soap", async () => {
    const response = await fetch(`${sandbox.current.url}/soap?wsdl`);
    expect(response.headers.get("content-type")).toBe("text/xml; charset=utf-8");
    const description = readWsdl(await response.text());
    expect(description.endpoint).toBe(`${sandbox.current.url}/soap`);
    expect(description.targetNamespace).toBe("urn:proofhqapi");
    expect(description.operations.map((op) => op.name)).toEqual(OPERATIONS.filter((op) => op.since === undefined).map((op) => op.name));
  });

  it("serves the 16.24.0 WSDL at /16_24_0/soap.wsdl (and ?wsdl) with the versioned endpoint", async () => {
    for (const path of ["/16_24_0/soap.wsdl", "/16_24_0/soap?wsdl"]) {
      const description = readWsdl(await (await fetch(`${sandbox.current.url}${path}`)).text());
      expect(description.endpoint).toBe(`${sandbox.current.url}/16_24_0/soap`);
      expect(description.operations.map((op) => op.name)).toEqual(OPERATIONS.map((op) => op.name));
    }
  });

  it("answers every method its WSDLs list", () => {
    expect(new Set(implementedMethods())).toEqual(new Set(OPERATIONS.map((op) => op.name)));
  });

  it("refuses a GET on the endpoint without ?wsdl, and answers 404 for unknown paths and versions", async () => {
    expect((await fetch(`${sandbox.current.url}/soap`)).status).toBe(405);
    expect((await fetch(`${sandbox.current.url}/nope`)).status).toBe(404);
    expect((await fetch(`${sandbox.current.url}/12_7_0/soap?wsdl`)).status).toBe(404);
    expect((await fetch(`${sandbox.current.url}/upload.php`)).status).toBe(405);
  });

  it("leaves requests outside its base path to the host app", async () => {
    const mounted = createProofSandbox({ basePath: "/sandbox/proof/", seed: false });
    const server = createServer((req, res) => {
      void mounted.handle(req, res).then((handled) => {
        if (!handled) res.writeHead(418).end("app");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/sandbox/proofs`)).status).toBe(418);
      expect((await fetch(`${base}/other`)).status).toBe(418);
      expect((await fetch(`${base}/sandbox/proof/soap?wsdl`)).status).toBe(200);
      expect((await fetch(`${base}/sandbox/proof`)).status).toBe(200);
    } finally {
      await mounted.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
