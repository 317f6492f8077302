import { EventEmitter, once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bridgeEvents } from "../../lib/queue/event-bus";
import type { QueueBackend } from "../../lib/queue/bullmq";
import { createDatabase, REDIS_URL } from "../support/server";

/**
 * The bus that carries webhook answers and live run progress from worker processes to web processes:
 * Redis pub/sub, or LISTEN/NOTIFY when the queue runs on PostgreSQL. Real servers, both ends in this process.
 */
describe("run events across processes", () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  beforeAll(async () => {
    database = await createDatabase();
  });
  afterAll(async () => database?.drop());

  const backends = (): Array<[string, QueueBackend]> => [
    ["redis", { kind: "redis", url: REDIS_URL, prefix: `pbtest-bus-${process.pid}-${Date.now().toString(36)}` }],
    ["postgres", { kind: "postgres", url: database.url }],
  ];

  it.each(["redis", "postgres"])("delivers every event in order over %s, a response far larger than one NOTIFY included", async (name) => {
    const backend = backends().find(([n]) => n === name)![1];
    const worker = new EventEmitter();
    const web = new EventEmitter();
    const stopSubscriber = bridgeEvents(web, backend, "subscribe");
    const stopPublisher = bridgeEvents(worker, backend, "publish");
    try {
      // The subscriber connects asynchronously: offer a probe until it arrives.
      const probe = once(web, "finished");
      const prober = setInterval(() => worker.emit("finished", { executionId: "probe", status: "success", error: null }), 100);
      await probe;
      clearInterval(prober);

      const received: string[] = [];
      web.on("execution", (e: { executionId: string }) => received.push(e.executionId));
      const body = "é".repeat(30_000) + "end";
      const answered = new Promise<{ executionId: string; response: { body: string } }>((resolve) => web.on("respond", resolve));
      for (let i = 0; i < 500; i++) worker.emit("execution", { executionId: `exe_${i}`, event: { type: "module:start", moduleId: 1, bundleIndex: 0 } });
      worker.emit("respond", { executionId: "exe_big", response: { status: 200, headers: {}, body } });
      const response = await answered;
      expect(response.executionId).toBe("exe_big");
      expect(response.response.body).toBe(body);
      expect(received).toEqual(Array.from({ length: 500 }, (_, i) => `exe_${i}`));

      // A run answers, then is recorded a moment later: its "finished" must never overtake its "respond",
      // or the waiting caller would get "Accepted" instead of the scenario's answer.
      const order: string[] = [];
      web.on("respond", (e: { executionId: string }) => order.push(`respond ${e.executionId}`));
      const allFinished = new Promise<void>((resolve) =>
        web.on("finished", (e: { executionId: string }) => {
          order.push(`finished ${e.executionId}`);
          if (e.executionId === "exe_pair_99") resolve();
        }),
      );
      for (let i = 0; i < 100; i++) {
        worker.emit("respond", { executionId: `exe_pair_${i}`, response: { status: 200, headers: {}, body: "ok" } });
        await new Promise((r) => setImmediate(r));
        worker.emit("finished", { executionId: `exe_pair_${i}`, status: "success", error: null });
      }
      await allFinished;
      for (let i = 0; i < 100; i++) expect(order.indexOf(`respond exe_pair_${i}`)).toBeLessThan(order.indexOf(`finished exe_pair_${i}`));
      expect(order.filter((o) => o.startsWith("respond")).length).toBe(100);
    } finally {
      await stopPublisher();
      await stopSubscriber();
    }
  });
});
