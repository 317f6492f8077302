import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit";

describe("GroupCommit", () => {
  it("writes items submitted together as one batch, and those arriving meanwhile as the next", async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const firstWrite = new Promise<void>((r) => (release = r));
    const commit = new GroupCommit<number, string>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await firstWrite;
      return items.map((i) => `stored ${i}`);
    });
    const first = [1, 2, 3].map((i) => commit.submit(i));
    await new Promise((r) => setImmediate(r));
    // The first batch is still being written: these wait and go together.
    const second = [4, 5].map((i) => commit.submit(i));
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1, 2, 3]]);
    release();
    expect(await Promise.all([...first, ...second])).toEqual(["stored 1", "stored 2", "stored 3", "stored 4", "stored 5"]);
    expect(batches).toEqual([[1, 2, 3], [4, 5]]);
  });

  it("settles a caller only after its own batch is written, and fails only that batch", async () => {
    const written: number[] = [];
    const commit = new GroupCommit<number, number>(async (items) => {
      if (items.includes(13)) throw new Error("disk full");
      written.push(...items);
      return items;
    }, { maxBatch: 2 });
    const results = await Promise.allSettled([10, 11, 12, 13].map((i) => commit.submit(i)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "rejected"]);
    expect(written).toEqual([10, 11]);
    expect(await commit.submit(14)).toBe(14);
  });
});
