import { describe, expect, it } from "vitest";
import { InProcessQueue } from "./index";

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe("InProcessQueue", () => {
  it("runs jobs in order, at most `concurrency` at a time, and keeps going after a failing job", async () => {
    const errors: string[] = [];
    const q = new InProcessQueue(2, (_e, job) => errors.push(job.executionId));
    const started: string[] = [];
    let active = 0;
    let maxActive = 0;
    q.process(async ({ executionId }) => {
      started.push(executionId);
      active++;
      maxActive = Math.max(maxActive, active);
      await tick();
      active--;
      if (executionId === "b") throw new Error("boom");
    });
    for (const id of ["a", "b", "c", "d", "e"]) await q.enqueue({ executionId: id });
    expect(await q.depth()).toBe(5);
    await q.idle();
    expect(started).toEqual(["a", "b", "c", "d", "e"]);
    expect(maxActive).toBe(2);
    expect(errors).toEqual(["b"]);
    expect(await q.depth()).toBe(0);
  });

  it("offers a busy job again a little later", async () => {
    const q = new InProcessQueue(1);
    let calls = 0;
    q.process(async () => (++calls < 3 ? "busy" : undefined));
    await q.enqueue({ executionId: "seq" });
    await new Promise((r) => setTimeout(r, 900));
    expect(calls).toBe(3);
    await q.close();
  });

  it("does not start waiting jobs once closed", async () => {
    const q = new InProcessQueue(1);
    const seen: string[] = [];
    q.process(async (job) => {
      seen.push(job.executionId);
      await tick(20);
    });
    await q.enqueue({ executionId: "running" });
    await q.enqueue({ executionId: "waiting" });
    await q.close();
    expect(seen).toEqual(["running"]);
  });

  it("holds jobs until a handler is attached, and refuses jobs after close", async () => {
    const q = new InProcessQueue(1);
    await q.enqueue({ executionId: "early" });
    const seen: string[] = [];
    q.process(async (job) => void seen.push(job.executionId));
    await tick();
    expect(seen).toEqual(["early"]);
    await q.close();
    await expect(q.enqueue({ executionId: "late" })).rejects.toThrow(/shut down/);
  });
});
