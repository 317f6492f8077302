import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseXml } from "@/lib/soap";
import { PROOF_SANDBOX_DEMO_FILE } from "./index";
import { faultOf, loginDemo, soapClient, until, sandboxForThisFile, type SoapClient } from "./test-helpers";

/** A callback receiver: records every POST and answers the next status in `plan` (then 200). */
let receiver: Server;
let receiverUrl: string;
const received: { path: string; contentType: string | undefined; body: string }[] = [];
let plan: number[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ path: req.url ?? "", contentType: req.headers["content-type"], body });
      res.writeHead(plan.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
  received.length = 0;
  plan = [];
});

const sandbox = sandboxForThisFile({ callbackRetryDelaysMs: [30, 30] });
let client: SoapClient;
let session: string;
let proofId: number;

beforeAll(async () => {
  client = await soapClient(sandbox.current);
  session = await loginDemo(client);
  const proof = (await client.call("createProof", { SessionID: session, OwnerID: 0, Hash: PROOF_SANDBOX_DEMO_FILE.hash, Name: "Called back", SourceName: "c.pdf", Recipients: "a@x.com" })) as { file_id: number };
  proofId = proof.file_id;
});

/** The callback's fields, read as the XML they are. */
function fields(body: string): Record<string, string> {
  const root = parseXml(body);
  expect(root.localName).toBe("callback");
  return Object.fromEntries(root.children.flatMap((c) => ("localName" in c ? [[c.localName, c.children.map((t) => ("text" in t ? t.text : "")).join("")]] : [])));
}

describe("callbacks", () => {
  it("setProofCallback registers one URL per type; getProofCallbacks lists; removeProofCallback removes", async () => {
    const set = await client.call("setProofCallback", { SessionID: session, FileID: proofId, Type: "decisions", Url: `${receiverUrl}/old`, RetryInterval: 5 });
    expect(set).toEqual({ type: "decisions", url: `${receiverUrl}/old`, interval: 5, proof_name: "Called back" });
    await client.call("setProofCallback", { SessionID: session, FileID: proofId, Type: "decisions", Url: `${receiverUrl}/decisions` });
    await client.call("setProofCallback", { SessionID: session, FileID: proofId, Type: "comment_updated", Url: `${receiverUrl}/x` });
    expect(await client.call("getProofCallbacks", { SessionID: session, FileID: proofId })).toEqual([
      { type: "decisions", url: `${receiverUrl}/decisions`, interval: 0, proof_name: "Called back" },
      { type: "comment_updated", url: `${receiverUrl}/x`, interval: 0, proof_name: "Called back" },
    ]);
    await expect(client.call("removeProofCallback", { SessionID: session, Type: "comment_updated", FileID: proofId })).resolves.toBe(true);
    await expect(client.call("removeProofCallback", { SessionID: session, Type: "comment_updated", FileID: proofId })).resolves.toBe(false);
    expect((await faultOf(client.call("setProofCallback", { SessionID: session, FileID: proofId, Type: "sometimes", Url: receiverUrl }))).faultcode).toBe("400");
    expect((await faultOf(client.call("setProofCallback", { SessionID: session, FileID: proofId, Type: "state", Url: "ftp://x/" }))).faultcode).toBe("400");
  });

  it("POSTs XML to the URL when a reviewer decides, and for the proof's overall decision", async () => {
    await client.call("setProofCallback", { SessionID: session, FileID: proofId, Type: "overall_decision", Url: `${receiverUrl}/overall` });
    const [reviewer] = sandbox.current.store.reviewersOf(proofId);
    await client.call("updateProofReviewer", { SessionID: session, RecipientID: reviewer.id, RecipientDecision: "3" });
    await until(() => received.length === 2);
    const byPath = Object.fromEntries(received.map((r) => [r.path, r]));
    expect(byPath["/decisions"].contentType).toBe("text/xml; charset=utf-8");
    expect(fields(byPath["/decisions"].body)).toMatchObject({ type: "decisions", file_id: String(proofId), proof_name: "Called back", reviewer_id: String(reviewer.id), reviewer_email: "a@x.com", decision: "approved", decision_id: "3" });
    expect(fields(byPath["/overall"].body)).toMatchObject({ type: "overall_decision", file_id: String(proofId), decision: "approved" });
    expect(fields(byPath["/overall"].body).timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it("POSTs a comments callback when a person comments on the review page", async () => {
    await client.call("setProofCallback", { SessionID: session, FileID: proofId, Type: "comments", Url: `${receiverUrl}/comments` });
    const [reviewer] = sandbox.current.store.reviewersOf(proofId);
    const form = new URLSearchParams({ r: reviewer.token, action: "comment", comment: `Bigger logo <please> & "thanks"` });
    const response = await fetch(`${sandbox.current.url}/review/${proofId}`, { method: "POST", body: form, redirect: "manual" });
    expect(response.status).toBe(303);
    await until(() => received.length === 1);
    expect(fields(received[0].body)).toMatchObject({ type: "comments", file_id: String(proofId), author: "a@x.com", comment: `Bigger logo <please> & "thanks"`, comment_id: expect.stringMatching(/^\d+$/) });
  });

  it("POSTs a state callback when the proof is locked and unlocked", async () => {
    await client.call("setProofCallback", { SessionID: session, FileID: proofId, Type: "state", Url: `${receiverUrl}/state` });
    await client.call("lockProof", { SessionID: session, FileID: proofId });
    await client.call("lockProof", { SessionID: session, FileID: proofId }); // no change, no callback
    await client.call("unlockProof", { SessionID: session, FileID: proofId });
    await until(() => received.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received.map((r) => fields(r.body).state)).toEqual(["locked", "unlocked"]);
  });

  it("retries a failing receiver on the configured schedule until it answers 2xx", async () => {
    plan = [500, 503];
    await client.call("lockProof", { SessionID: session, FileID: proofId });
    await until(() => received.length === 3);
    const delivery = sandbox.current.store.deliveries.at(-1)!;
    await until(() => delivery.status !== "pending");
    expect(delivery).toMatchObject({ type: "state", status: "delivered", attempts: 3 });
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
  });

  it("gives up after the last retry and records why", async () => {
    plan = [500, 500, 500, 500];
    await client.call("unlockProof", { SessionID: session, FileID: proofId });
    const delivery = sandbox.current.store.deliveries.at(-1)!;
    await until(() => delivery.status === "failed");
    expect(delivery).toMatchObject({ attempts: 3, lastError: "HTTP 500" });
    expect(received).toHaveLength(3);
  });

  it("retries when the receiver cannot be reached at all", async () => {
    await client.call("setProofCallback", { SessionID: session, FileID: proofId, Type: "archived", Url: "http://127.0.0.1:1/unreachable" });
    await client.call("archiveProof", { SessionID: session, FileID: proofId });
    const delivery = sandbox.current.store.deliveries.at(-1)!;
    await until(() => delivery.status === "failed");
    expect(delivery.attempts).toBe(3);
    expect(delivery.lastError).not.toBeNull();
  });
});
