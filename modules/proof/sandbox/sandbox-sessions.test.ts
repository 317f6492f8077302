import { describe, expect, it } from "vitest";
import { PROOF_SANDBOX_DEMO } from "./index";
import { LOCKOUT_AFTER_FAILURES } from "./sessions";
import { envelope, faultOf, loginDemo, postRaw, soapClient, sandboxForThisFile } from "./test-helpers";

/** A clock the tests move by hand, so expiry is tested without waiting. */
let clock = Date.parse("2026-11-22T10:00:00Z");
const TTL = 60_000;
const sandbox = sandboxForThisFile({ seed: false, sessionTtlMs: TTL, now: () => new Date(clock) });

describe("sessions", () => {
  it("doLogin answers a SOAPLoginObject whose session works for later calls", async () => {
    const client = await soapClient(sandbox.current);
    const login = await client.call("doLogin", { Login: PROOF_SANDBOX_DEMO.email, Password: PROOF_SANDBOX_DEMO.password });
    expect(login).toMatchObject({ user_email: PROOF_SANDBOX_DEMO.email, user_name: PROOF_SANDBOX_DEMO.userName, organisation_name: PROOF_SANDBOX_DEMO.organisation, default_enable_team_url: true });
    const session = (login as { session: string }).session;
    expect(session).toMatch(/^[a-z0-9]{26}$/);
    await expect(client.call("getWorkspaces", { SessionID: session })).resolves.toEqual([]);
  });

  it("getSessionId logs in with the e-mail and API token; a wrong token is 303", async () => {
    const client = await soapClient(sandbox.current);
    await expect(client.call("getSessionId", { EmailAddress: PROOF_SANDBOX_DEMO.email, AuthToken: PROOF_SANDBOX_DEMO.authToken })).resolves.toMatchObject({ user_email: PROOF_SANDBOX_DEMO.email });
    const fault = await faultOf(client.call("getSessionId", { EmailAddress: PROOF_SANDBOX_DEMO.email, AuthToken: "wrong" }));
    expect([fault.faultcode, fault.faultstring, fault.httpStatus]).toEqual(["303", "Login details invalid.", 500]);
  });

  it("a wrong password is 303; e-mail case does not matter", async () => {
    const client = await soapClient(sandbox.current);
    expect((await faultOf(client.call("doLogin", { Login: PROOF_SANDBOX_DEMO.email, Password: "nope" }))).faultcode).toBe("303");
    await expect(client.call("doLogin", { Login: PROOF_SANDBOX_DEMO.email.toUpperCase(), Password: PROOF_SANDBOX_DEMO.password })).resolves.toMatchObject({ user_id: expect.any(Number) });
  });

  it("expires after the TTL without calls, and every call renews it (sliding window)", async () => {
    const client = await soapClient(sandbox.current);
    const session = await loginDemo(client);
    clock += TTL - 1_000;
    await expect(client.call("checkSession", { SessionID: session })).resolves.toBe(true); // renews
    clock += TTL - 1_000;
    await expect(client.call("getWorkspaces", { SessionID: session })).resolves.toEqual([]); // renews again
    clock += TTL;
    const fault = await faultOf(client.call("getWorkspaces", { SessionID: session }));
    expect([fault.faultcode, fault.faultstring]).toEqual(["305", "Invalid Session ID."]);
    await expect(client.call("checkSession", { SessionID: session })).resolves.toBe(false);
  });

  it("checkSession is false for unknown or missing sessions; doLogout ends a session", async () => {
    const client = await soapClient(sandbox.current);
    await expect(client.call("checkSession", { SessionID: "nope" })).resolves.toBe(false);
    await expect(client.call("checkSession", {})).resolves.toBe(false);
    const session = await loginDemo(client);
    await expect(client.call("doLogout", { SessionID: session })).resolves.toBe(true);
    expect((await faultOf(client.call("getWorkspaces", { SessionID: session }))).faultcode).toBe("305");
    expect((await faultOf(client.call("doLogout", { SessionID: session }))).faultcode).toBe("305");
  });

  it("a missing SessionID is 305, checked before other parameters", async () => {
    const client = await soapClient(sandbox.current);
    expect((await faultOf(client.call("getProofDetails", {}))).faultcode).toBe("305");
  });

  it("locks an account out with 307 after repeated failures, even for the right password, until the lock passes", async () => {
    const client = await soapClient(sandbox.current);
    const attempt = (password: string) => client.call("doLogin", { Login: PROOF_SANDBOX_DEMO.email, Password: password });
    for (let i = 1; i < LOCKOUT_AFTER_FAILURES; i++) expect((await faultOf(attempt("bad"))).faultcode).toBe("303");
    expect((await faultOf(attempt("bad"))).faultcode).toBe("307");
    expect((await faultOf(attempt(PROOF_SANDBOX_DEMO.password))).faultcode).toBe("307");
    clock += 16 * 60_000;
    await expect(attempt(PROOF_SANDBOX_DEMO.password)).resolves.toMatchObject({ user_email: PROOF_SANDBOX_DEMO.email });
  });
});

describe("faults a client meets before any method runs", () => {
  it("a missing required parameter is 400 naming it", async () => {
    const client = await soapClient(sandbox.current);
    const fault = await faultOf(client.call("doLogin", { Login: PROOF_SANDBOX_DEMO.email }));
    expect([fault.faultcode, fault.faultstring]).toEqual(["400", "Required parameter Password is missing."]);
    const session = await loginDemo(client);
    expect((await faultOf(client.call("createWorkspace", { SessionID: session, Name: "" }))).faultstring).toBe("Required parameter Name is missing.");
  });

  it("an unknown method is PHP's Procedure 'X' not present", async () => {
    const response = await postRaw(`${sandbox.current.url}/soap`, envelope("urn:proofhqapi", "getProofs", "<SessionID>x</SessionID>"));
    expect(response.status).toBe(500);
    expect(response.text).toContain("<faultcode>SOAP-ENV:Server</faultcode><faultstring>Procedure &apos;getProofs&apos; not present</faultstring>");
  });

  it("a body that is not a SOAP envelope is a SOAP-ENV:Client fault", async () => {
    for (const body of ["not xml", "<a/>", `<!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>`]) {
      const response = await postRaw(`${sandbox.current.url}/soap`, body);
      expect(response.status).toBe(500);
      expect(response.text).toContain("<faultcode>SOAP-ENV:Client</faultcode>");
    }
  });

  it("accepts the operation element in urn:proofhqapi or https://soap.proofhq.com/, without a SOAPAction header", async () => {
    for (const namespace of ["urn:proofhqapi", "https://soap.proofhq.com/"]) {
      const body = envelope(namespace, "doLogin", `<Login>${PROOF_SANDBOX_DEMO.email}</Login><Password>${PROOF_SANDBOX_DEMO.password}</Password>`);
      for (const path of ["/soap", "/16_24_0/soap"]) {
        const response = await postRaw(`${sandbox.current.url}${path}`, body);
        expect(response.status).toBe(200);
        expect(response.text).toMatch(/<ns1:doLoginResponse><return><session>[a-z0-9]{26}<\/session>/);
      }
    }
  });

  it("checks the session on 12.1 before anything else, also on the versioned endpoint", async () => {
    const client = await soapClient(sandbox.current, "16.24.0");
    expect((await faultOf(client.call("getAllProofs", { SessionID: "expired-or-not" }))).faultcode).toBe("305");
  });
});
