import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { importRows } from "./api";
import { DataStoreService, MAX_RECORD_BYTES } from "./service";
import { inferStructure } from "./structure";
import { memoryDb } from "./testing";
import { recordsToCsv } from "./transfer";

let db: Db;
let close: () => Promise<void>;
let service: DataStoreService;

beforeAll(async () => {
  ({ db, close } = await memoryDb());
  service = new DataStoreService(db);
}, 60_000);
afterAll(() => close());

async function refused(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const people = () =>
  service.createStructure({
    name: "People",
    fields: [
      { name: "name", type: "text", required: true },
      { name: "age", type: "number" },
      { name: "born", type: "date" },
      { name: "tags", type: "array", items: { type: "text" } },
      { name: "address", type: "collection", fields: [{ name: "city", type: "text", required: true }] },
    ],
  });

describe("data structures", () => {
  it("generates fields from a sample", () => {
    expect(inferStructure({ name: "a", n: 1, ok: true, at: "2026-01-02T03:04:05Z", tags: ["x"], addr: { city: "c" }, rows: [{ id: 1 }] })).toEqual([
      { name: "name", type: "text" },
      { name: "n", type: "number" },
      { name: "ok", type: "boolean" },
      { name: "at", type: "date" },
      { name: "tags", type: "array", items: { type: "text" } },
      { name: "addr", type: "collection", fields: [{ name: "city", type: "text" }] },
      { name: "rows", type: "array", items: { type: "collection", fields: [{ name: "id", type: "number" }] } },
    ]);
  });

  it("validates records, naming the field, and normalises values", async () => {
    const s = await people();
    const store = await service.createStore({ name: "p", structureId: s.id, maxBytes: 100_000 });
    const ok = await service.writeRecord(store.id, "a", { name: "Ann", age: "42", born: "2000-01-02", address: { city: "Oslo" } }, { mode: "insert" });
    expect(ok?.after).toEqual({ name: "Ann", age: 42, born: "2000-01-02T00:00:00.000Z", address: { city: "Oslo" } });
    const bad = await refused(service.writeRecord(store.id, "b", { name: "B", address: {} }, { mode: "insert" }));
    expect([bad.status, bad.message, bad.details]).toEqual([422, "Field “address.city” is required.", { field: "address.city" }]);
    expect((await refused(service.writeRecord(store.id, "b", { name: "B", shoe: 1 }, { mode: "insert" }))).details).toEqual({ field: "shoe" });
    expect((await refused(service.writeRecord(store.id, "b", { name: "B", tags: [{}] }, { mode: "insert" }))).details).toEqual({ field: "tags[0]" });
  });

  it("refuses edits that would invalidate stored records, unless they only add optional fields", async () => {
    const s = await people();
    const store = await service.createStore({ name: "p2", structureId: s.id, maxBytes: 100_000 });
    await service.writeRecord(store.id, "a", { name: "Ann", age: 3 }, { mode: "insert" });
    const added = await service.updateStructure(s.id, { fields: [...s.fields, { name: "email", type: "text" }] });
    expect(added.fields).toHaveLength(6);
    const e = await refused(service.updateStructure(s.id, { fields: s.fields.map((f) => (f.name === "age" ? { ...f, type: "boolean" as const } : f)) }));
    expect(e.status).toBe(409);
    expect(e.message).toContain("record “a”");
    // A stricter change that every stored record still satisfies is allowed.
    await service.updateStructure(s.id, { fields: added.fields.map((f) => (f.name === "age" ? { ...f, required: true } : f)) });
    expect((await refused(service.deleteStructure(s.id))).status).toBe(409);
  });
});

describe("reading records", () => {
  it("gives fields in the structure's order, not the database's", async () => {
    const s = await service.createStructure({
      name: "Ordered",
      fields: [
        { name: "zebra", type: "text" },
        { name: "a", type: "collection", fields: [{ name: "longer_name", type: "text" }, { name: "b", type: "number" }] },
        { name: "rows", type: "array", items: { type: "collection", fields: [{ name: "yy", type: "text" }, { name: "x", type: "text" }] } },
      ],
    });
    const store = await service.createStore({ name: "ordered", structureId: s.id, maxBytes: 100_000 });
    await service.writeRecord(store.id, "k", { rows: [{ x: "1", yy: "2" }], a: { b: 1, longer_name: "n" }, zebra: "z" }, { mode: "insert" });
    const expected = '{"zebra":"z","a":{"longer_name":"n","b":1},"rows":[{"yy":"2","x":"1"}]}';
    expect(JSON.stringify((await service.getRecord(store.id, "k"))?.data)).toBe(expected);
    expect(JSON.stringify((await service.searchRecords(store.id, {})).records[0].data)).toBe(expected);
  });
});

describe("limits and usage", () => {
  it("reports usage and refuses records and stores over their limits with the limit", async () => {
    const store = await service.createStore({ name: "small", structureId: null, maxBytes: 1024 });
    expect((await refused(service.writeRecord(store.id, "a", { x: 1 }, { mode: "insert" }))).details).toEqual({ field: "x" });
    for (let i = 0; i < 80; i++) {
      const r = await service.writeRecord(store.id, `key-${i}`, {}, { mode: "insert" }).catch((e: unknown) => e);
      if (r instanceof AppError) {
        expect(r.status).toBe(413);
        expect(r.details).toMatchObject({ limit: 1024 });
        break;
      }
    }
    const view = await service.getStore(store.id);
    expect(view.usedBytes).toBeLessThanOrEqual(1024);
    expect(view.usedBytes).toBe(view.records * (Buffer.byteLength("key-0") + 2) + (view.records > 10 ? view.records - 10 : 0));
    const big = await service.createStore({ name: "big", structureId: (await service.createStructure({ name: "t", fields: [{ name: "t", type: "text" }] })).id, maxBytes: 1024 * 1024 });
    const e = await refused(service.writeRecord(big.id, "a", { t: "x".repeat(MAX_RECORD_BYTES) }, { mode: "insert" }));
    expect([e.status, (e.details as { limit: number }).limit]).toEqual([413, MAX_RECORD_BYTES]);
  });
});

describe("import and export", () => {
  it("imports all rows or none, reporting bad rows one by one", async () => {
    const s = await people();
    const store = await service.createStore({ name: "imp", structureId: s.id, maxBytes: 100_000 });
    const csv = 'key,name,age,tags\r\na,Ann,4,"[""x""]"\r\nb,,5,\r\nc,Cy,old,\r\n';
    const rows = await importRows(service, store.id, { format: "csv", csv, replace: false });
    const e = await refused(service.importRecords(store.id, rows, false));
    expect(e.status).toBe(422);
    expect(e.details).toEqual({
      rows: [
        { row: 2, key: "b", field: "name", message: "Field “name” is required." },
        { row: 3, key: "c", field: "age", message: "Field “age” must be a number." },
      ],
    });
    expect(await service.countRecords(store.id)).toBe(0);
    const good = await importRows(service, store.id, { format: "csv", csv: 'key,name,age,tags\r\na,Ann,4,"[""x""]"\r\nb,=Bob,5,\r\n', replace: false });
    expect(await service.importRecords(store.id, good, false)).toEqual({ imported: 2 });
    const { records } = await service.searchRecords(store.id, {});
    expect(recordsToCsv(s.fields, records)).toBe('key,name,age,born,tags,address\r\na,Ann,4,,"[""x""]",\r\nb,\'=Bob,5,,,\r\n');
  });
});
