import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConnectionTestError } from "@/lib/connections/define";
import type { EngineModule } from "@/lib/engine/blueprint";
import { blueprint, outputsOf, run } from "@/lib/engine/testing";
import { allowOutbound } from "@/lib/http";
import { startTestServer, type TestServer } from "@/lib/http/testing";
import type { OptionsContext } from "@/lib/modules/define";
import { describeModule } from "@/lib/modules/describe";
import { memorySessionCache } from "@/modules/http/session";
import { getModule } from "@/modules";
import { PROOF_SANDBOX_DEMO, startProofSandbox } from "@/modules/proof/sandbox";
import { loadSoapCallOutput, runSoapCall } from "./call";
import { soapBasicV1, soapCredentials } from "./connection";
import { SoapFaultError } from "./errors";
import { forgetWsdl } from "./wsdl-cache";

let sandbox: Awaited<ReturnType<typeof startProofSandbox>>;
let guard: TestServer;
const takeBack: Array<() => void> = [];
let wsdl121: string;
let wsdl1624: string;

const BASIC = `Basic ${Buffer.from("ada:open sesame").toString("base64")}`;
const API_KEY = "k-7f00c0ffee";

beforeAll(async () => {
  sandbox = await startProofSandbox();
  wsdl121 = `${sandbox.url}/soap?wsdl`;
  wsdl1624 = `${sandbox.url}/16_24_0/soap.wsdl`;
  // A service behind credentials: the sandbox's 12.1 WSDL and endpoint, served only with Basic or an API key.
  guard = await startTestServer({
    "/guarded/svc": async (req, res) => {
      if (req.headers.authorization !== BASIC && req.headers["x-api-key"] !== API_KEY) {
        res.writeHead(401, { "content-type": "text/plain", "www-authenticate": 'Basic realm="svc"' }).end("Unauthorized");
        return;
      }
      if (req.method === "GET") {
        const text = await (await fetch(`${sandbox.url}/soap?wsdl`)).text();
        res.writeHead(200, { "content-type": "text/xml; charset=utf-8" }).end(text.replaceAll(`${sandbox.url}/soap`, `${guard.origin}/guarded/svc`));
        return;
      }
      const answer = await fetch(`${sandbox.url}/soap`, { method: "POST", headers: { "content-type": "text/xml; charset=utf-8" }, body: new Uint8Array(req.body) });
      res.writeHead(answer.status, { "content-type": "text/xml; charset=utf-8" }).end(await answer.text());
    },
  });
  takeBack.push(allowOutbound(`127.0.0.1:${new URL(sandbox.url).port}`, `127.0.0.1:${guard.port}`));
});
afterAll(async () => {
  takeBack.forEach((f) => f());
  forgetWsdl();
  await guard.close();
  await sandbox.close();
});
beforeEach(() => forgetWsdl());

const call = getModule("soap:call", 1)!;
const callWithAuth = getModule("soap:callWithAuth", 1)!;
const optionsCtx = (params: Record<string, unknown>, connection: OptionsContext["connection"] = null): OptionsContext => ({ connection, params, signal: AbortSignal.timeout(10_000) });
const trigger: EngineModule = { id: 1, module: "flow:manualTrigger", version: 1 };
const soapStep = (id: number, wsdlUrl: string, operation: string, input: Record<string, unknown>, extra: Record<string, unknown> = {}): EngineModule => ({
  id,
  module: "soap:call",
  version: 1,
  params: { wsdlUrl, operation },
  mapper: { input, ...extra },
});
const login = { Login: PROOF_SANDBOX_DEMO.email, Password: PROOF_SANDBOX_DEMO.password };

describe("soap:call — operation picker and generated fields", () => {
  it("lists the operations of each WSDL: the 12.1 one has no createWorkflowProof, the 16.24.0 one has", async () => {
    const old = (await call.options.operations(optionsCtx({ wsdlUrl: wsdl121 }))).map((o) => o.value);
    const versioned = (await call.options.operations(optionsCtx({ wsdlUrl: wsdl1624 }))).map((o) => o.value);
    expect(old).toEqual(expect.arrayContaining(["doLogin", "getSessionId", "createProof", "getProofDetails", "setProofCallback"]));
    expect(old).not.toContain("createWorkflowProof");
    expect(versioned).toEqual([...old.slice(0, old.indexOf("createProofVersion") + 1), "createWorkflowProof", ...old.slice(old.indexOf("createProofVersion") + 1)]);
    // Labels carry the WSDL's documentation.
    expect((await call.options.operations(optionsCtx({ wsdlUrl: wsdl121 }))).find((o) => o.value === "doLogin")?.label).toMatch(/^doLogin — Logs in/);
  });

  it("generates one field per input part, under “Input”, typed by the WSDL", async () => {
    expect(call.dynamicFields?.dependsOn).toEqual(["wsdlUrl", "operation"]);
    const [loginInput] = await call.dynamicFields!.load(optionsCtx({ wsdlUrl: wsdl121, operation: "doLogin" }));
    expect(loginInput).toEqual({ name: "input", label: "Input", type: "collection", fields: [{ name: "Login", label: "Login", type: "text" }, { name: "Password", label: "Password", type: "text" }] });

    const [reviewers] = await call.dynamicFields!.load(optionsCtx({ wsdlUrl: wsdl1624, operation: "addProofReviewers" }));
    expect(reviewers.type === "collection" && reviewers.fields.map((f) => [f.name, f.type])).toEqual([
      ["SessionID", "text"],
      ["FileID", "number"],
      ["Recipients", "array"],
      ["SuppressNewProofNotification", "boolean"],
    ]);
    const recipients = reviewers.type === "collection" ? reviewers.fields[2] : undefined;
    expect(recipients?.type === "array" && recipients.items.type === "collection" && recipients.items.fields.find((f) => f.name === "email")).toEqual({ name: "email", label: "Email", type: "text", required: true });
  });

  it("an operation the WSDL lacks is a configuration error", async () => {
    await expect(call.dynamicFields!.load(optionsCtx({ wsdlUrl: wsdl121, operation: "createWorkflowProof" }))).rejects.toMatchObject({ type: "InvalidConfigurationError", message: expect.stringContaining("createWorkflowProof") });
  });
});

describe("soap:call — calls", () => {
  it("calls doLogin, then getProofDetails with the session mapped from it; the 16.24.0 WSDL returns the newer members", async () => {
    for (const [wsdlUrl, newer] of [
      [wsdl121, false],
      [wsdl1624, true],
    ] as const) {
      const result = await run(
        blueprint([trigger, soapStep(2, wsdlUrl, "doLogin", login), soapStep(3, wsdlUrl, "getProofDetails", { SessionID: "{{2.session}}", FileID: "280750" })], [[1, 2], [2, 3]]),
      );
      expect(result.status).toBe("success");
      expect(outputsOf(result, 2)[0]).toMatchObject({ user_name: PROOF_SANDBOX_DEMO.userName, session: expect.stringMatching(/^[a-z0-9]{26}$/) });
      const proof = outputsOf(result, 3)[0] as Record<string, unknown>;
      // "280750" was coerced to the WSDL's xsd:int; numbers come back typed.
      expect(proof).toMatchObject({ file_id: 280750, filename: "Spring brochure", status: "locked" });
      expect("owner_email" in proof).toBe(newer);
      expect("stages" in proof).toBe(newer);
    }
  });

  it("a list result is one bundle per item", async () => {
    const result = await run(
      blueprint([trigger, soapStep(2, wsdl121, "doLogin", login), soapStep(3, wsdl121, "getWorkspaces", { SessionID: "{{2.session}}" })], [[1, 2], [2, 3]]),
    );
    expect(outputsOf(result, 3).map((w) => (w as { name: string }).name)).toEqual(["Marketing", "Spring campaign", "Packaging", "My drafts"]);
  });

  it("declares the operation's output once the WSDL has been read; an editor route can load it", async () => {
    const params = { wsdlUrl: wsdl121, operation: "doLogin" };
    expect(describeModule(call, params).output).toEqual({ dynamic: true, spec: null });
    const loaded = await loadSoapCallOutput(optionsCtx(params), () => []);
    expect(loaded?.map((f) => f.name)).toEqual(expect.arrayContaining(["session", "user_id", "user_name", "default_upload_host"]));
    expect(describeModule(call, params).output.spec).toEqual(loaded);
  });

  it("a SOAP fault is a module error carrying faultcode and faultstring", async () => {
    const result = await run(blueprint([trigger, soapStep(2, wsdl121, "doLogin", { Login: "nobody@patchbay.example", Password: "x" })], [[1, 2]]));
    expect(result.error).toMatchObject({ type: "DataError", message: "SOAP fault 303: Login details invalid.", moduleId: 2 });

    const error = await runSoapCall(
      { params: { wsdlUrl: wsdl121, operation: "getProofDetails" }, values: { timeout: 10, input: { SessionID: "no-such-session", FileID: 1 } } as never, signal: AbortSignal.timeout(10_000), connection: null },
      () => [],
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SoapFaultError);
    expect(error).toMatchObject({ faultcode: "305", faultstring: "Invalid Session ID." });
  });

  it("version gating: the 16.24.0 operation sent to the 12.1 endpoint is refused by the service", async () => {
    const result = await run(
      blueprint([trigger, soapStep(2, wsdl1624, "createWorkflowProof", { SessionID: "x", OwnerID: 0 }, { endpoint: `${sandbox.url}/soap` })], [[1, 2]]),
    );
    expect(result.error).toMatchObject({ type: "ConnectionError", message: "SOAP fault SOAP-ENV:Server: Procedure 'createWorkflowProof' not present" });
  });

  it("checks generated fields like declared ones: wrong types name the field; unknown parameters are refused before sending", async () => {
    const before = sandbox.store.sessions.size;
    const bad = await run(blueprint([trigger, soapStep(2, wsdl121, "getProofDetails", { SessionID: "x", FileID: "abc" })], [[1, 2]]));
    expect(bad.error).toMatchObject({ type: "DataError", message: expect.stringContaining("(input.FileID)") });
    const unknown = await run(blueprint([trigger, soapStep(2, wsdl121, "doLogin", { ...login, Remember: true })], [[1, 2]]));
    expect(unknown.error).toMatchObject({ type: "DataError", message: "doLogin has no parameter Remember" });
    expect(sandbox.store.sessions.size).toBe(before);
  });

  it("a URL that is not a WSDL is a configuration error", async () => {
    const result = await run(blueprint([trigger, soapStep(2, `${sandbox.url}/`, "doLogin", login)], [[1, 2]]));
    expect(result.error).toMatchObject({ type: "InvalidConfigurationError", message: expect.stringContaining("is not a WSDL 1.1 description") });
  });
});

describe("soap:callWithAuth and the credential connections", () => {
  const guarded = () => `${guard.origin}/guarded/svc?wsdl`;
  const connections = {
    basic: { id: "c_basic", type: "soap-basic@1", values: { username: "ada", password: "open sesame" } },
    header: { id: "c_header", type: "soap-header@1", values: { headerName: "X-API-Key", headerValue: API_KEY } },
  };

  it("without credentials, a protected WSDL is an access error", async () => {
    const result = await run(blueprint([trigger, soapStep(2, guarded(), "doLogin", login)], [[1, 2]]));
    expect(result.error).toMatchObject({ type: "InvalidAccessTokenError", message: `Could not read the WSDL: 127.0.0.1:${guard.port} answered 401 Unauthorized.` });
  });

  for (const kind of ["basic", "header"] as const) {
    it(`sends ${kind === "basic" ? "HTTP Basic" : "the credential header"} on the WSDL fetch and on the call, and keeps it out of the log`, async () => {
      const connection = connections[kind];
      const operations = await callWithAuth.options.operations(optionsCtx({ wsdlUrl: guarded() }, connection));
      expect(operations.map((o) => o.value)).toContain("doLogin");
      const step: EngineModule = { id: 2, module: "soap:callWithAuth", version: 1, connection: connection.id, params: { wsdlUrl: guarded(), operation: "doLogin" }, mapper: { input: login } };
      const result = await run(blueprint([trigger, step], [[1, 2]]), { services: { connections: async () => connection } });
      expect(result.status).toBe("success");
      expect(outputsOf(result, 2)[0]).toMatchObject({ user_email: PROOF_SANDBOX_DEMO.email });
      // The picker read the WSDL (GET, kept in the cache for the run), the run made the call (POST): both with the credential.
      const seen = guard.requests.filter((r) => r.path === "/guarded/svc").slice(-2);
      const header = kind === "basic" ? "authorization" : "x-api-key";
      expect(seen.map((r) => [r.method, r.headers[header]])).toEqual([
        ["GET", soapCredentials(connection)[0][1]],
        ["POST", soapCredentials(connection)[0][1]],
      ]);
      expect(JSON.stringify(result.log)).not.toContain(kind === "basic" ? "open sesame" : API_KEY);
    });
  }

  it("“Test” reads the WSDL with the credentials and reports a refusal", async () => {
    const test = (values: Record<string, unknown>) => soapBasicV1.verify!({ values, session: memorySessionCache(), signal: AbortSignal.timeout(10_000) });
    await expect(test({ ...connections.basic.values, wsdlUrl: guarded() })).resolves.toEqual({ message: `Read the WSDL of soapService at 127.0.0.1:${guard.port}: ${(await callWithAuth.options.operations(optionsCtx({ wsdlUrl: guarded() }, connections.basic))).length} operations.` });
    const refused = await test({ username: "ada", password: "wrong", wsdlUrl: guarded() }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConnectionTestError);
    expect((refused as Error).message).toMatch(/answered 401/);
    await expect(test({ username: "ada", password: "x" })).resolves.toMatchObject({ message: expect.stringContaining("checked on first use") });
  });
});

describe("the WSDL cache", () => {
  it("reads a WSDL once for the picker, the fields and the runs", async () => {
    const connection = connections();
    const gets = () => guard.requests.filter((r) => r.method === "GET" && r.path === "/guarded/svc").length;
    const before = gets();
    await callWithAuth.options.operations(optionsCtx({ wsdlUrl: `${guard.origin}/guarded/svc?wsdl` }, connection));
    await callWithAuth.dynamicFields!.load(optionsCtx({ wsdlUrl: `${guard.origin}/guarded/svc?wsdl`, operation: "doLogin" }, connection));
    await Promise.all([1, 2, 3].map(() => callWithAuth.options.operations(optionsCtx({ wsdlUrl: `${guard.origin}/guarded/svc?wsdl` }, connection))));
    expect(gets() - before).toBe(1);
    // Other credentials are another entry: a WSDL read with one person's credentials is not served to another's request.
    await expect(call.options.operations(optionsCtx({ wsdlUrl: `${guard.origin}/guarded/svc?wsdl` }))).rejects.toMatchObject({ type: "InvalidAccessTokenError" });
  });

  function connections() {
    return { id: "c_basic", type: "soap-basic@1", values: { username: "ada", password: "open sesame" } };
  }
});
