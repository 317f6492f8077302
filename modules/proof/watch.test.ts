import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineModule } from "@/lib/engine/blueprint";
import { blueprint, outputsOf, run } from "@/lib/engine/testing";
import { createMemoryStore, type EngineServices } from "@/lib/engine/services";
import { allowOutbound } from "@/lib/http";
import { getModule } from "@/modules";
import { demoConnection, outputOf, proofSandboxForFile, resolved, runModule, type TestConnection } from "./testing";
import { watchStateKey } from "./watch-proofs";

const sandbox = proofSandboxForFile({ callbackRetryDelaysMs: [50] });
let connection: TestConnection;
beforeAll(() => {
  connection = demoConnection(sandbox.current);
});

const webProof = async (name: string, recipients = "") =>
  outputOf(await runModule(connection, "proof:createProof", 1, { url: `https://example.com/${encodeURIComponent(name)}`, name, recipients }, { source: "web" }))[0];

describe("Watch proofs (polling)", () => {
  function watcher(version: 1 | 2, params: Record<string, unknown>, after: EngineModule[] = []) {
    const modules: EngineModule[] = [{ id: 1, module: "proof:watchProofs", version, connection: connection.id, params, mapper: { itemsPerPage: 2 } }, ...after];
    return blueprint(modules, after.map((m) => [1, m.id] as [number, number]));
  }
  const services = (store: EngineServices["store"]): EngineServices => ({ connections: async () => resolved(connection), store });
  const names = (result: Awaited<ReturnType<typeof run>>) => outputsOf(result, 1).map((p) => (p as { filename: string }).filename);

  it("new proofs: the first run notes where “now” is; later runs emit what is new, oldest first, once", async () => {
    const store = createMemoryStore();
    const bp = watcher(1, { watch: "new" });
    expect(names(await run(bp, { services: services(store) }))).toEqual([]);
    await webProof("Watch N1");
    await webProof("Watch N2");
    await webProof("Watch N3");
    expect(names(await run(bp, { services: services(store) }))).toEqual(["Watch N1", "Watch N2", "Watch N3"]);
    expect(names(await run(bp, { services: services(store) }))).toEqual([]);

    // More than a run may take: the rest waits for the next run.
    await webProof("Watch N4");
    await webProof("Watch N5");
    await webProof("Watch N6");
    expect(names(await run(bp, { services: services(store), limits: { maxResults: 2 } }))).toEqual(["Watch N4", "Watch N5"]);
    expect(names(await run(bp, { services: services(store) }))).toEqual(["Watch N6"]);
  });

  it("the position advances only when the run ends well: a failing run sees the same proofs again", async () => {
    const store = createMemoryStore();
    const failing: EngineModule = { id: 2, module: "proof:getProof", version: 1, connection: connection.id, mapper: { proofId: "{{1.file_id + 1000000}}" } };
    const passing: EngineModule = { id: 2, module: "proof:getProof", version: 1, connection: connection.id, mapper: { proofId: "{{1.file_id}}" } };
    await run(watcher(1, { watch: "new" }), { services: services(store) });
    const before = await store.get(watchStateKey(1));
    const proof = await webProof("Watch F1");
    const failed = await run(watcher(1, { watch: "new" }, [failing]), { services: services(store) });
    expect(failed.status).toBe("error");
    expect(names(failed)).toEqual(["Watch F1"]);
    expect(await store.get(watchStateKey(1))).toEqual(before);
    const retried = await run(watcher(1, { watch: "new" }, [passing]), { services: services(store) });
    expect(retried.status).toBe("success");
    expect(names(retried)).toEqual(["Watch F1"]);
    expect(await store.get(watchStateKey(1))).toEqual({ mode: "new", lastId: proof.file_id });
  });

  it("“All existing proofs” emits the backlog on the first run", async () => {
    const result = await run(watcher(1, { watch: "new", startFrom: "all" }), { services: services(createMemoryStore()) });
    const ids = outputsOf(result, 1).map((p) => (p as { file_id: number }).file_id);
    expect(ids.slice(0, 4)).toEqual([280750, 280751, 280752, 280753]);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids).not.toContain(280754); // the other account's
  });

  it("status changes: decisions and locks since the last run, with what they were", async () => {
    const store = createMemoryStore();
    const decided = await webProof("Watch S1", "sam@patchbay.example");
    const locked = await webProof("Watch S2");
    const bp = watcher(1, { watch: "status" });
    expect(names(await run(bp, { services: services(store) }))).toEqual([]);
    const [sam] = outputOf(await runModule(connection, "proof:listReviewers", 1, { proofId: decided.file_id }));
    outputOf(await runModule(connection, "proof:updateReviewerDecision", 1, { reviewerId: sam.id, decision: "1" }));
    outputOf(await runModule(connection, "proof:lockProof", 1, { proofId: locked.file_id }));
    const changed = outputsOf(await run(bp, { services: services(store) }), 1);
    expect(changed).toEqual([
      expect.objectContaining({ file_id: decided.file_id, decision: "changes required", previous_decision: "pending", status: "unlocked", previous_status: "unlocked" }),
      expect.objectContaining({ file_id: locked.file_id, status: "locked", previous_status: "unlocked" }),
    ]);
    expect(names(await run(bp, { services: services(store) }))).toEqual([]);
  });

  it("v2 keeps v1's position (an upgraded scenario emits nothing twice) and outputs the newer members", async () => {
    const store = createMemoryStore();
    await run(watcher(1, { watch: "new" }), { services: services(store) });
    await webProof("Watch V2");
    const result = await run(watcher(2, { watch: "new" }), { services: services(store) });
    expect(outputsOf(result, 1)).toEqual([expect.objectContaining({ filename: "Watch V2", owner_email: "demo@patchbay.example", stages: [] })]);
  });

  it("declares previous_decision and previous_status only when watching status changes", () => {
    const def = getModule("proof:watchProofs", 1)!;
    const fields = (watch: string) => (typeof def.output === "function" ? def.output({ watch }) : def.output)?.map((f) => f.name) ?? [];
    expect(fields("status").slice(-2)).toEqual(["previous_decision", "previous_status"]);
    expect(fields("new")).not.toContain("previous_decision");
  });
});

describe("Watch decisions (instant)", () => {
  let receiver: Server;
  let receiverUrl: string;
  let disallow: () => void;
  const received: Array<{ method: string; query: Record<string, unknown>; headers: Record<string, string>; body: string }> = [];

  beforeAll(async () => {
    // Stands in for the app's /hooks/{token}: keeps each call as the intake would ({ method, query, headers, body }).
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
        received.push({ method: req.method ?? "POST", query: Object.fromEntries(new URL(req.url ?? "/", "http://x").searchParams), headers, body });
        res.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    disallow = allowOutbound(`127.0.0.1:${(receiver.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    disallow();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  const def = () => getModule("proof:watchDecisions", 1)!;
  const lifecycle = (params: Record<string, unknown>, url: string) => ({ moduleId: 1, params, connection: resolved(connection), url, signal: AbortSignal.timeout(10_000) });
  const waitFor = async (count: number) => {
    for (let i = 0; i < 200 && received.length < count; i++) await new Promise((r) => setTimeout(r, 10));
    expect(received).toHaveLength(count);
  };
  /** A reviewer decides on their personal review page, as a person would. */
  const decideOnPage = async (proofUrl: string, decision: number) => {
    const url = new URL(proofUrl);
    const response = await fetch(`${url.origin}${url.pathname}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ r: url.searchParams.get("r")!, action: "decide", decision: String(decision) }),
      redirect: "manual",
    });
    expect(response.status).toBe(303);
  };

  it("activation registers the callback; a reviewer's decision reaches the webhook; the run turns it into a bundle; deactivation removes it", async () => {
    received.length = 0;
    const proof = await webProof("Watched poster", "rae@patchbay.example");
    const params = { webhook: "wh_1", proofId: proof.file_id, event: "decisions" };
    const hookUrl = `${receiverUrl}/hooks/tok-123`;

    const state = await def().webhookLifecycle!.register(lifecycle(params, hookUrl));
    expect(state).toEqual({ proofId: proof.file_id, type: "decisions", url: hookUrl });
    expect(sandbox.current.store.callbacks.filter((c) => c.proofId === proof.file_id)).toEqual([expect.objectContaining({ type: "decisions", url: hookUrl })]);

    const [rae] = outputOf(await runModule(connection, "proof:listReviewers", 1, { proofId: proof.file_id }));
    await decideOnPage(rae.proof_url, 3);
    await waitFor(1);
    expect(received[0]).toMatchObject({ method: "POST", headers: { "content-type": "text/xml; charset=utf-8" } });

    const trigger: EngineModule = { id: 1, module: "proof:watchDecisions", version: 1, connection: connection.id, params };
    const result = await run(blueprint([trigger], []), { services: { connections: async () => resolved(connection) }, trigger: { payload: received[0] } });
    expect(outputsOf(result, 1)).toEqual([
      {
        type: "decisions",
        file_id: proof.file_id,
        proof_name: "Watched poster",
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
        reviewer_id: rae.id,
        reviewer_name: "",
        reviewer_email: "rae@patchbay.example",
        decision: "approved",
        decision_id: 3,
      },
    ]);

    await def().webhookLifecycle!.unregister({ ...lifecycle(params, hookUrl), state });
    expect(sandbox.current.store.callbacks.filter((c) => c.proofId === proof.file_id)).toEqual([]);
    await decideOnPage(rae.proof_url, 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(1);
  });

  it("registering for a proof that is not the account's fails with Proof's fault", async () => {
    await expect(def().webhookLifecycle!.register(lifecycle({ webhook: "wh", proofId: 280754 }, `${receiverUrl}/hooks/x`))).rejects.toMatchObject({ faultcode: "403" });
  });

  it("unregistering after the proof was deleted succeeds: its callbacks went with it", async () => {
    const proof = await webProof("Short-lived");
    const state = await def().webhookLifecycle!.register(lifecycle({ webhook: "wh", proofId: proof.file_id, event: "overall_decision" }, `${receiverUrl}/hooks/y`));
    outputOf(await runModule(connection, "proof:deleteProof", 1, { proofId: proof.file_id }));
    await expect(def().webhookLifecycle!.unregister({ ...lifecycle({ webhook: "wh", proofId: proof.file_id }, `${receiverUrl}/hooks/y`), state })).resolves.toBeUndefined();
  });

  it("a callback for another proof or event starts no bundle; a payload that is not a callback is a data error", async () => {
    const trigger: EngineModule = { id: 1, module: "proof:watchDecisions", version: 1, connection: connection.id, params: { webhook: "wh", proofId: 280750 } };
    const other = { method: "POST", query: {}, headers: {}, body: "<callback><type>decisions</type><file_id>280751</file_id></callback>" };
    const withConnection = { connections: async () => resolved(connection) };
    const ignored = await run(blueprint([trigger], []), { services: withConnection, trigger: { payload: other } });
    expect(ignored.status).toBe("success");
    expect(outputsOf(ignored, 1)).toEqual([]);
    const bad = await run(blueprint([trigger], []), { services: withConnection, trigger: { payload: { method: "POST", query: {}, headers: {}, body: "<html>nope</html>" } } });
    expect(bad.error).toMatchObject({ type: "DataError", message: "The callback's XML has <html> where <callback> was expected." });
    // "Run once" with the fields written by hand.
    const manual = await run(blueprint([trigger], []), { services: withConnection, trigger: { payload: { type: "decisions", file_id: 280750, decision: "approved" } } });
    expect(outputsOf(manual, 1)).toEqual([{ type: "decisions", file_id: 280750, decision: "approved" }]);
  });
});
