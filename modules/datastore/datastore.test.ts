import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { DataStoreService } from "@/lib/datastores/service";
import { memoryDb } from "@/lib/datastores/testing";
import { blueprint, outputsOf, run, trace } from "@/lib/engine/testing";

let db: Db;
let close: () => Promise<void>;
let service: DataStoreService;
let storeId: string;

beforeAll(async () => {
  ({ db, close } = await memoryDb());
  service = new DataStoreService(db);
}, 60_000);
afterAll(() => close());

beforeEach(async () => {
  const structure = await service.createStructure({
    name: "Counter",
    fields: [
      { name: "name", type: "text", required: true },
      { name: "n", type: "number", default: 0 },
      { name: "tags", type: "array", items: { type: "text" } },
    ],
  });
  storeId = (await service.createStore({ name: `s-${Math.random()}`, structureId: structure.id, maxBytes: 10_000 })).id;
});

const trigger = { id: 1, module: "flow:manualTrigger", version: 1, params: {} };
const add = (id: number, key: string, record: string, overwrite = false) => ({
  id,
  module: "datastore:addRecord",
  version: 1,
  params: { store: storeId, overwrite },
  mapper: { key, record },
});
const fail = (id: number, when: string, onError: null | { directive: "rollback" | "commit" } = null) => ({
  id,
  module: "test:maybeFail",
  version: 1,
  mapper: { fail: when },
  onError,
});
const keys = async () => (await service.searchRecords(storeId, {})).records.map((r) => [r.key, r.data]);

describe("datastore modules in a run's transaction", () => {
  it("commit keeps the records a run wrote", async () => {
    const result = await run(blueprint([trigger, add(2, "{{1.k}}", '{"name": "{{1.k}}"}')], [[1, 2]]), {
      trigger: { payload: [{ k: "a" }, { k: "b" }] },
      services: { dataStores: service },
    });
    expect(result.status).toBe("success");
    expect(await keys()).toEqual([
      ["a", { name: "a", n: 0 }],
      ["b", { name: "b", n: 0 }],
    ]);
  });

  it("a run that fails undoes its adds, replaces and deletes; earlier data is untouched", async () => {
    await service.writeRecord(storeId, "keep", { name: "before" }, { mode: "insert" });
    await service.writeRecord(storeId, "gone", { name: "gone" }, { mode: "insert" });
    const bp = blueprint(
      [
        trigger,
        add(2, "{{1.k}}", '{"name": "new {{1.k}}"}', true),
        { id: 3, module: "datastore:deleteRecord", version: 1, params: { store: storeId }, mapper: { key: "gone" } },
        fail(4, "{{1.k = \"x\"}}"),
      ],
      [[1, 2], [2, 3], [3, 4]],
    );
    const result = await run(bp, { trigger: { payload: [{ k: "keep" }, { k: "x" }] }, services: { dataStores: service } });
    expect(result.status).toBe("error");
    expect(await keys()).toEqual([
      ["gone", { name: "gone", n: 0 }],
      ["keep", { name: "before", n: 0 }],
    ]);
    expect((await service.getStore(storeId)).usedBytes).toBe(
      Buffer.byteLength("gone" + JSON.stringify({ name: "gone", n: 0 })) + Buffer.byteLength("keep" + JSON.stringify({ name: "before", n: 0 })),
    );
  });

  it("the rollback directive undoes writes; the commit directive keeps them", async () => {
    const bp = (directive: "rollback" | "commit") =>
      blueprint([trigger, add(2, "{{1.k}}", '{"name": "x"}'), fail(3, "true", { directive })], [[1, 2], [2, 3]]);
    await run(bp("rollback"), { trigger: { payload: [{ k: "r" }] }, services: { dataStores: service } });
    expect(await keys()).toEqual([]);
    await run(bp("commit"), { trigger: { payload: [{ k: "c" }] }, services: { dataStores: service } });
    expect(await keys()).toEqual([["c", { name: "x", n: 0 }]]);
  });

  it("deleteAllRecords is undone by a rollback", async () => {
    await service.writeRecord(storeId, "a", { name: "a" }, { mode: "insert" });
    const bp = blueprint([trigger, { id: 2, module: "datastore:deleteAllRecords", version: 1, params: { store: storeId } }, fail(3, "true")], [[1, 2], [2, 3]]);
    await run(bp, { trigger: { payload: [{}] }, services: { dataStores: service } });
    expect(await keys()).toEqual([["a", { name: "a", n: 0 }]]);
  });

  it("20 concurrent runs incrementing one key never lose an update, and a rolled-back increment is subtracted", async () => {
    await service.writeRecord(storeId, "hits", { name: "hits" }, { mode: "insert" });
    const inc = (extra: ReturnType<typeof fail>[] = []) =>
      blueprint(
        [trigger, { id: 2, module: "datastore:updateRecord", version: 1, params: { store: storeId }, mapper: { key: "hits", increment: '{"n": 1}' } }, ...extra],
        extra.length ? [[1, 2], [2, 3]] : [[1, 2]],
      );
    const runs = await Promise.all(Array.from({ length: 20 }, () => run(inc(), { trigger: { payload: [{}] }, services: { dataStores: service } })));
    expect(runs.map((r) => r.status)).toEqual(Array(20).fill("success"));
    expect((await service.getRecord(storeId, "hits"))?.data.n).toBe(20);

    // 10 that commit and 10 that fail, interleaved: only the 10 survive, whatever the order of undo.
    const mixed = await Promise.all(
      Array.from({ length: 20 }, (_, i) => run(inc([fail(3, i % 2 ? "true" : "false")]), { trigger: { payload: [{}] }, services: { dataStores: service } })),
    );
    expect(mixed.filter((r) => r.status === "error")).toHaveLength(10);
    expect((await service.getRecord(storeId, "hits"))?.data.n).toBe(30);
  });

  it("updateRecord merges, inserts when asked, and validation errors name the field", async () => {
    await service.writeRecord(storeId, "a", { name: "a", tags: ["x"] }, { mode: "insert" });
    const upd = (key: string, record: string, insertMissing = false) => ({
      id: 2,
      module: "datastore:updateRecord",
      version: 1,
      params: { store: storeId, insertMissing },
      mapper: { key, record },
    });
    await run(blueprint([trigger, upd("a", '{"n": 5}')], [[1, 2]]), { trigger: { payload: [{}] }, services: { dataStores: service } });
    expect((await service.getRecord(storeId, "a"))?.data).toEqual({ name: "a", n: 5, tags: ["x"] });
    const missing = await run(blueprint([trigger, upd("b", '{"name": "b"}')], [[1, 2]]), { trigger: { payload: [{}] }, services: { dataStores: service } });
    expect(outputsOf(missing, 2)).toEqual([]);
    await run(blueprint([trigger, upd("b", '{"name": "b"}', true)], [[1, 2]]), { trigger: { payload: [{}] }, services: { dataStores: service } });
    expect((await service.getRecord(storeId, "b"))?.data).toEqual({ name: "b", n: 0 });
    const bad = await run(blueprint([trigger, upd("a", '{"n": "many"}')], [[1, 2]]), { trigger: { payload: [{}] }, services: { dataStores: service } });
    expect(bad.error?.message).toContain("Field “n” must be a number");
  });

  it("addRecord without overwrite refuses an existing key with a duplicate error", async () => {
    await service.writeRecord(storeId, "a", { name: "a" }, { mode: "insert" });
    const result = await run(blueprint([trigger, add(2, "a", '{"name": "b"}')], [[1, 2]]), { trigger: { payload: [{}] }, services: { dataStores: service } });
    expect(result.error?.type).toBe("DuplicateDataError");
  });

  it("get, exists, search (filter, sort, limit) and count", async () => {
    for (const [k, n] of [["a", 3], ["b", 1], ["c", 2], ["d", 9]] as const) await service.writeRecord(storeId, k, { name: k, n }, { mode: "insert" });
    const bp = blueprint(
      [
        trigger,
        { id: 2, module: "datastore:getRecord", version: 1, params: { store: storeId }, mapper: { key: "c" } },
        { id: 3, module: "datastore:recordExists", version: 1, params: { store: storeId }, mapper: { key: "zz" } },
        {
          id: 4,
          module: "datastore:searchRecords",
          version: 1,
          params: { store: storeId },
          mapper: { filter: '[[{"field": "n", "operator": "number:less", "value": 5}]]', sortField: "n", sortDirection: "desc", limit: 2 },
        },
        { id: 5, module: "datastore:countRecords", version: 1, params: { store: storeId } },
      ],
      [[1, 2], [2, 3], [3, 4], [4, 5]],
    );
    const result = await run(bp, { trigger: { payload: [{}] }, services: { dataStores: service } });
    expect(result.status).toBe("success");
    expect(outputsOf(result, 2)).toEqual([{ key: "c", exists: true, data: { name: "c", n: 2 } }]);
    expect(outputsOf(result, 3)).toEqual([{ exists: false }]);
    expect(outputsOf(result, 4).map((b) => (b as { key: string }).key)).toEqual(["a", "c"]);
    expect(outputsOf(result, 5)).toEqual([{ count: 4 }, { count: 4 }]);
    expect(trace(result)[0]).toBe("1 ok 1");
  });

  it("getRecord emits nothing for a missing key, or {key, exists: false} when told to continue", async () => {
    await service.writeRecord(storeId, "here", { name: "here" }, { mode: "insert" });
    const get = (continueWhenMissing: boolean) =>
      blueprint([trigger, { id: 2, module: "datastore:getRecord", version: 1, params: { store: storeId, continueWhenMissing }, mapper: { key: "{{1.k}}" } }], [[1, 2]]);
    const payload = [{ k: "here" }, { k: "gone" }];
    expect(outputsOf(await run(get(false), { trigger: { payload }, services: { dataStores: service } }), 2)).toEqual([
      { key: "here", exists: true, data: { name: "here", n: 0 } },
    ]);
    expect(outputsOf(await run(get(true), { trigger: { payload }, services: { dataStores: service } }), 2)).toEqual([
      { key: "here", exists: true, data: { name: "here", n: 0 } },
      { key: "gone", exists: false },
    ]);
  });
});

