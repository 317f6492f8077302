import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore } from "@/lib/engine/services";
import { blueprint, outputsOf, run } from "@/lib/engine/testing";
import { webhookStateKey } from "@/lib/modules/define";
import type { JsonValue } from "@/lib/modules/json";
import { getModule } from "@/modules";
import { DEMO_API_KEY, SEED_IDS } from "./sandbox";
import { startReceiver, waitFor, type Received } from "./sandbox/testkit";
import { allConnections, resolver, startTestSandbox, type TestConnection, type TestSandbox } from "./testing";

/**
 * Watch events end to end: activation registers an event subscription at the sandbox pointing at a
 * small receiver; a change in Workfront makes the sandbox POST a real delivery there; that delivery,
 * shaped as the app's webhook intake stores it, runs the trigger.
 */
let sb: TestSandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let connections: Record<string, TestConnection>;

beforeAll(async () => {
  sb = await startTestSandbox({ removedVersions: [], delivery: { retryDelaysMs: [], timeoutMs: 2_000 } });
  receiver = await startReceiver();
  connections = await allConnections(sb);
});
afterAll(async () => {
  await receiver.close();
  await sb.close();
});
afterEach(() => {
  receiver.received.length = 0;
});

/** What lib/webhooks/intake.ts stores for a received call (authorization included; see the docs). */
function intakePayload(delivery: Received, headers: Record<string, string> = {}) {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(delivery.headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  return { method: "POST", query: {}, headers: { ...flat, ...headers }, body: delivery.body };
}

async function subscription(id: string): Promise<Record<string, any> | null> {
  const response = await fetch(`${sb.url}/attask/eventsubscription/api/v1/subscriptions/${id}`, { headers: { apiKey: DEMO_API_KEY } });
  return response.status === 404 ? null : ((await response.json()) as Record<string, any>);
}

const cases = [
  { name: "version 1, username/password", version: 1, connection: "password", payload: "v1" },
  { name: "version 2, API key", version: 2, connection: "apiKey", payload: "v2" },
  { name: "version 2, OAuth2", version: 2, connection: "oauth", payload: "v2" },
] as const;

describe.each(cases)("Watch events, $name", ({ version, connection, payload }) => {
  const def = getModule("workfront:watchEvents", version)!;
  const params = { webhook: "hook_1", objCode: "TASK", eventType: "UPDATE", filters: [{ fieldName: "name", comparison: "changed" }], filterConnector: "AND", excludeOwnEvents: false };
  const lifecycle = async (extra: Record<string, unknown> = {}) => ({
    moduleId: 1,
    params: { ...params, ...extra },
    connection: await resolver({ c: connections[connection] })("c"),
    url: receiver.url,
    signal: AbortSignal.timeout(5_000),
  });
  const trigger = (state: JsonValue | undefined, delivery: unknown, extra: Record<string, unknown> = {}) =>
    run(blueprint([{ id: 1, module: "workfront:watchEvents", version, connection: "c", params: { ...params, ...extra } }], []), {
      trigger: { payload: delivery },
      services: { store: createMemoryStore(state === undefined ? {} : { [webhookStateKey(1)]: state }), connections: resolver({ c: connections[connection] }) },
    });

  it("register → delivery → bundle; unregister deletes the subscription", async () => {
    const state = await def.webhookLifecycle!.register(await lifecycle());
    const { subscriptionId, authToken } = state as { subscriptionId: string; authToken: string };
    expect(authToken.length).toBeGreaterThanOrEqual(32);
    expect(await subscription(subscriptionId)).toMatchObject({ objCode: "TASK", eventType: "UPDATE", url: receiver.url, version: payload, authToken: `****${authToken.slice(-4)}` });

    const task = sb.store.create("TASK", { name: `Watched (${connection})`, projectID: SEED_IDS.website, "DE:Channels": ["Email"] }).ID;
    sb.store.edit("TASK", task, { percentComplete: 5 }); // filtered out: the name did not change
    sb.store.edit("TASK", task, { name: `Renamed (${connection})` });
    await waitFor(() => receiver.received.some((r) => r.body.subscriptionVersion === payload));
    const delivery = receiver.received.find((r) => r.body.subscriptionVersion === payload)!;
    expect(delivery.headers.authorization).toBe(`Bearer ${authToken}`);

    const result = await trigger(state, intakePayload(delivery));
    expect(result.error).toBeNull();
    const [bundle] = outputsOf(result, 1) as Record<string, any>[];
    expect(bundle).toMatchObject({
      eventType: "UPDATE",
      objCode: "TASK",
      ID: task,
      subscriptionId,
      subscriptionVersion: payload,
      newState: { ID: task, name: `Renamed (${connection})`, percentComplete: 5 },
      oldState: { name: `Watched (${connection})` },
    });
    if (payload === "v1") {
      // v1: a multi-select with one value is text; dates as the payload wrote them, the time as delivered.
      expect(bundle.newState.parameterValues["DE:Channels"]).toBe("Email");
      expect(bundle.newState.lastUpdateDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/);
      expect(bundle.eventTime).toEqual({ epochSecond: expect.any(Number), nano: expect.any(Number) });
    } else {
      expect(bundle.newState.parameterValues["DE:Channels"]).toEqual(["Email"]);
      expect(bundle.newState.lastUpdateDate).toMatch(/Z$/);
      expect(Date.parse(bundle.eventTime)).toBeGreaterThan(Date.now() - 60_000);
    }

    await def.webhookLifecycle!.unregister({ ...(await lifecycle()), state });
    expect(await subscription(subscriptionId)).toBeNull();
    receiver.received.length = 0;
    sb.store.edit("TASK", task, { name: `Renamed again (${connection})` });
    await sb.deliveries.idle();
    expect(receiver.received).toEqual([]);
  });

  it("activating again replaces a subscription an earlier activation left behind", async () => {
    const ctx = await lifecycle({ objId: SEED_IDS.inventoryTask });
    const orphan = (await def.webhookLifecycle!.register(ctx)) as { subscriptionId: string };
    const state = (await def.webhookLifecycle!.register(ctx)) as { subscriptionId: string }; // no unregister in between
    try {
      expect(await subscription(orphan.subscriptionId)).toBeNull();
      expect(await subscription(state.subscriptionId)).toMatchObject({ url: receiver.url, objId: SEED_IDS.inventoryTask });
    } finally {
      await def.webhookLifecycle!.unregister({ ...ctx, state });
    }
  });

  it("refuses deliveries with a wrong or missing authToken, and deliveries before activation", async () => {
    const state = await def.webhookLifecycle!.register(await lifecycle({ objId: SEED_IDS.launchTask }));
    try {
      sb.store.edit("TASK", SEED_IDS.launchTask, { name: `Launch (${connection} ${Date.now()})` });
      await waitFor(() => receiver.received.length > 0);
      const delivery = receiver.received[0];
      const forged = await trigger(state, intakePayload(delivery, { authorization: "Bearer guessed" }));
      expect(forged.error).toMatchObject({ type: "DataError", message: "Refused a delivery whose authToken does not match this module's event subscription." });
      expect(outputsOf(forged, 1)).toEqual([]);
      const { authorization: _dropped, ...headers } = intakePayload(delivery).headers;
      const bare = await trigger(state, { ...intakePayload(delivery), headers });
      expect(bare.error?.message).toContain("authToken does not match");
      const inactive = await trigger(undefined, intakePayload(delivery));
      expect(inactive.error?.message).toContain("has no event subscription");
    } finally {
      await def.webhookLifecycle!.unregister({ ...(await lifecycle()), state });
    }
  });

  it("optionally ignores events caused by the connection's own user", async () => {
    const state = await def.webhookLifecycle!.register(await lifecycle({ objId: SEED_IDS.archiveTask, excludeOwnEvents: true }));
    try {
      sb.store.edit("TASK", SEED_IDS.archiveTask, { name: `By the admin (${connection})` }); // the connections act as the admin
      sb.store.edit("TASK", SEED_IDS.archiveTask, { name: `By Jane (${connection})` }, { asUserID: SEED_IDS.jane });
      await waitFor(() => receiver.received.filter((r) => r.body.subscriptionVersion === payload).length >= 2);
      const mine = receiver.received.filter((r) => r.body.subscriptionVersion === payload);
      const own = await trigger(state, intakePayload(mine[0]), { objId: SEED_IDS.archiveTask, excludeOwnEvents: true });
      expect(own.error).toBeNull();
      expect(outputsOf(own, 1)).toEqual([]);
      const janes = await trigger(state, intakePayload(mine[1]), { objId: SEED_IDS.archiveTask, excludeOwnEvents: true });
      expect(outputsOf(janes, 1)).toMatchObject([{ newState: { name: `By Jane (${connection})`, lastUpdatedByID: SEED_IDS.jane } }]);
    } finally {
      await def.webhookLifecycle!.unregister({ ...(await lifecycle()), state });
    }
  });
});

describe("payload versions", () => {
  it("version 1 ignores the v2 copies Workfront sends while a subscription's version changes", async () => {
    const connection = await resolver({ c: connections.password })("c");
    const def = getModule("workfront:watchEvents", 1)!;
    const ctx = { moduleId: 1, params: { webhook: "h", objCode: "OPTASK", eventType: "UPDATE", objId: SEED_IDS.rackIssue }, connection, url: receiver.url, signal: AbortSignal.timeout(5_000) };
    const state = await def.webhookLifecycle!.register(ctx);
    try {
      sb.store.edit("OPTASK", SEED_IDS.rackIssue, { priority: 2 });
      // The subscription was created in v2 (the default) and switched to v1: both formats arrive for a while.
      await waitFor(() => receiver.received.length >= 2);
      const byVersion = (v: string) => receiver.received.find((r) => r.body.subscriptionVersion === v)!;
      const store = createMemoryStore({ [webhookStateKey(1)]: state });
      const go = (delivery: Received) =>
        run(blueprint([{ id: 1, module: "workfront:watchEvents", version: 1, connection: "c", params: ctx.params }], []), {
          trigger: { payload: intakePayload(delivery) },
          services: { store, connections: resolver({ c: connections.password }) },
        });
      expect(outputsOf(await go(byVersion("v2")), 1)).toEqual([]);
      expect(outputsOf(await go(byVersion("v1")), 1)).toMatchObject([{ ID: SEED_IDS.rackIssue, newState: { priority: 2 } }]);
    } finally {
      await def.webhookLifecycle!.unregister({ ...ctx, state });
    }
  });

  it("version 2 on a subscription still in v1 (upgraded without re-activating) fails loudly instead of dropping events", async () => {
    const connection = await resolver({ c: connections.apiKey })("c");
    const ctx = { moduleId: 1, params: { webhook: "h", objCode: "OPTASK", eventType: "UPDATE", objId: SEED_IDS.fontIssue }, connection, url: receiver.url, signal: AbortSignal.timeout(5_000) };
    const state = await getModule("workfront:watchEvents", 1)!.webhookLifecycle!.register(ctx);
    try {
      sb.store.edit("OPTASK", SEED_IDS.fontIssue, { priority: 3 });
      await waitFor(() => receiver.received.some((r) => r.body.subscriptionVersion === "v1"));
      const result = await run(blueprint([{ id: 1, module: "workfront:watchEvents", version: 2, connection: "c", params: ctx.params }], []), {
        trigger: { payload: intakePayload(receiver.received.find((r) => r.body.subscriptionVersion === "v1")!) },
        services: { store: createMemoryStore({ [webhookStateKey(1)]: state }), connections: resolver({ c: connections.apiKey }) },
      });
      expect(result.error).toMatchObject({ type: "DataError", message: expect.stringContaining("Deactivate and activate the scenario") });
    } finally {
      await getModule("workfront:watchEvents", 1)!.webhookLifecycle!.unregister({ ...ctx, state });
    }
  });

  it("decodes states sent base64-encoded (base64Encoding subscriptions)", async () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");
    const result = await run(blueprint([{ id: 1, module: "workfront:watchEvents", version: 2, connection: "c", params: { webhook: "h", objCode: "NOTE", eventType: "DELETE" } }], []), {
      trigger: { payload: { eventType: "DELETE", subscriptionVersion: "v2", newState: encode({}), oldState: encode({ ID: "n1", objCode: "NOTE", noteText: "gone" }) } },
      services: { connections: resolver({ c: connections.apiKey }) },
    });
    expect(outputsOf(result, 1)).toMatchObject([{ eventType: "DELETE", ID: "n1", objCode: "NOTE", newState: {}, oldState: { noteText: "gone" } }]);
  });

  it("Run once with a hand-written event needs no delivery token; without any payload it says how to start", async () => {
    const params = { webhook: "h", objCode: "PROJ", eventType: "CREATE" };
    const go = (payload?: unknown) =>
      run(blueprint([{ id: 1, module: "workfront:watchEvents", version: 2, connection: "c", params }], []), {
        ...(payload === undefined ? {} : { trigger: { payload } }),
        services: { connections: resolver({ c: connections.apiKey }) },
      });
    const sample = { eventType: "CREATE", subscriptionVersion: "v2", eventTime: { epochSecond: 1_507_319_336, nano: 998_000_000 }, newState: { ID: "p1", objCode: "PROJ", entryDate: "2017-10-06T13:48:07.776-0600" }, oldState: {} };
    expect(outputsOf(await go(sample), 1)).toEqual([
      {
        eventType: "CREATE",
        objCode: "PROJ",
        ID: "p1",
        subscriptionId: null,
        eventTime: "2017-10-06T19:48:56.998Z",
        eventVersion: null,
        subscriptionVersion: "v2",
        newState: { ID: "p1", objCode: "PROJ", entryDate: "2017-10-06T19:48:07.776Z" },
        oldState: {},
      },
    ]);
    expect((await go()).error?.message).toContain("starts with an event delivered by Workfront");
  });
});
