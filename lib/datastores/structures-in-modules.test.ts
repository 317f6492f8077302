import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/client";
import { blueprint, outputsOf, run, testRegistry } from "../engine/testing";
import { resolveOutputSpec } from "../modules/describe";
import { blueprintSchema } from "../scenario/blueprint";
import { checkMappings } from "../scenarios/checkers";
import { structureOutputSpec, type DataStoreDirectory } from "./directory";
import { DataStoreService } from "./service";
import { structureMismatch, type StructureField } from "./structure";
import { memoryDb } from "./testing";

let db: Db;
let close: () => Promise<void>;
let service: DataStoreService;
let directory: DataStoreDirectory;
let order: { id: string };
let store: { id: string };
let keyOnly: { id: string };

const orderFields: StructureField[] = [
  { name: "id", type: "number", required: true },
  { name: "customer", type: "collection", fields: [{ name: "email", type: "text", required: true }] },
  { name: "lines", type: "array", items: { type: "collection", fields: [{ name: "sku", type: "text" }] } },
  { name: "tags", type: "array", items: { type: "text" } },
  { name: "placed", label: "Placed at", type: "date" },
];

beforeAll(async () => {
  ({ db, close } = await memoryDb());
  service = new DataStoreService(db);
  order = await service.createStructure({ name: "Order", fields: orderFields });
  store = await service.createStore({ name: "Orders", structureId: order.id, maxBytes: 100_000 });
  keyOnly = await service.createStore({ name: "Seen", structureId: null, maxBytes: 100_000 });
  directory = await service.directory();
}, 60_000);
afterAll(() => close());

const def = (key: string) => testRegistry.getModule(key, 1)!;
const names = (spec: ReturnType<typeof resolveOutputSpec>) => spec?.map((f) => f.name);

describe("a data structure as an output spec", () => {
  it("maps every field type, nested collections and arrays of collections included", () => {
    expect(structureOutputSpec(orderFields)).toEqual([
      { name: "id", type: "number" },
      { name: "customer", type: "collection", spec: [{ name: "email", type: "text" }] },
      { name: "lines", type: "array", spec: [{ name: "sku", type: "text" }] },
      { name: "tags", type: "array", of: "text" },
      { name: "placed", label: "Placed at", type: "date" },
    ]);
  });

  it("gives data-store records, json:parse and the custom webhook the structure's fields", () => {
    const recordData = resolveOutputSpec(def("datastore:getRecord"), { store: store.id }, directory)?.find((f) => f.name === "data");
    expect(recordData).toEqual({ name: "data", label: "Record", type: "collection", spec: structureOutputSpec(orderFields) });
    expect(resolveOutputSpec(def("datastore:searchRecords"), { store: keyOnly.id }, directory)?.[1]).toEqual({ name: "data", label: "Record", type: "collection", spec: [] });
    // An unknown store (or none loaded) leaves the record's shape open rather than guessing.
    expect(resolveOutputSpec(def("datastore:getRecord"), { store: "dts_unknown" }, directory)?.[2]).toMatchObject({ name: "data", type: "any" });
    expect(names(resolveOutputSpec(def("datastore:getRecord"), { store: store.id }))).toEqual(["key", "exists", "data"]);

    expect(names(resolveOutputSpec(def("json:parse"), { structure: order.id, sample: '{"other": 1}' }, directory))).toEqual(["id", "customer", "lines", "tags", "placed"]);
    expect(names(resolveOutputSpec(def("json:parse"), { structure: "dst_gone", sample: '{"other": 1}' }, directory))).toEqual(["other"]);
    expect(names(resolveOutputSpec(def("webhooks:customWebhook"), { webhook: "whk_1", structure: order.id }, directory))).toEqual(["id", "customer", "lines", "tags", "placed"]);
  });

  it("lets the static checker flag mappings of fields the structure does not have", () => {
    const bp = blueprintSchema.parse(
      blueprint(
        [
          { id: 1, module: "webhooks:customWebhook", version: 1, params: { webhook: "whk_1", structure: order.id } },
          { id: 2, module: "datastore:getRecord", version: 1, params: { store: store.id }, mapper: { key: "{{1.id}}-{{1.customer.email}}-{{1.lines[1].sku}}" } },
          { id: 3, module: "json:create", version: 1, mapper: { data: { a: "{{2.data.customer.email}}", b: "{{2.data.custmer}}", c: "{{1.lines[1].price}}" } } },
        ],
        [[1, 2], [2, 3]],
      ),
    );
    const unknown = checkMappings(bp, testRegistry, directory).filter((d) => d.code === "unknown-field");
    expect(unknown.map((d) => [d.moduleId, d.message])).toEqual([
      [3, 'Module 2 has no output "data.custmer"'],
      [3, 'Module 1 has no output "lines[1].price"'],
    ]);
    // Without the directory the shapes are unknown and nothing is flagged.
    expect(checkMappings(bp, testRegistry).filter((d) => d.code === "unknown-field")).toEqual([]);
  });
});

describe("modules that check data against a structure", () => {
  const trigger = { id: 1, module: "flow:manualTrigger", version: 1 };
  const create = (structure: string, data: unknown) =>
    run(blueprint([trigger, { id: 2, module: "json:create", version: 1, params: { structure }, mapper: { data } }], [[1, 2]]), {
      trigger: { payload: {} },
      services: { dataStores: service },
    });

  it("json:create normalises data that fits and refuses data that does not, naming the field", async () => {
    const ok = await create(order.id, { id: "7", customer: { email: "a@b.c" }, placed: "2026-03-04" });
    expect(outputsOf(ok, 2)).toEqual([{ json: '{"id":7,"customer":{"email":"a@b.c"},"placed":"2026-03-04T00:00:00.000Z"}' }]);
    const bad = await create(order.id, { id: 7, customer: {} });
    expect([bad.error?.type, bad.error?.message]).toEqual(["DataError", "The data does not fit the data structure: Field “customer.email” is required."]);
    const gone = await create("dst_gone", { id: 7 });
    expect([gone.error?.type, gone.error?.message]).toEqual(["InvalidConfigurationError", "The data structure dst_gone no longer exists; pick another one."]);
  });

  it("the custom webhook refuses calls that do not fit its structure and lets extra fields through", async () => {
    const hook = (body: unknown) =>
      run(blueprint([{ id: 1, module: "webhooks:customWebhook", version: 1, params: { webhook: "whk_1", structure: order.id } }], []), {
        trigger: { payload: { method: "POST", query: {}, headers: {}, body } },
        services: { dataStores: service },
      });
    expect(outputsOf(await hook({ id: 1, customer: { email: "x@y.z" }, extra: true }), 1)).toEqual([{ id: 1, customer: { email: "x@y.z" }, extra: true }]);
    const bad = await hook({ id: 1, tags: "one" });
    expect(bad.error?.message).toBe("The webhook data does not fit the data structure: Field “tags” must be an array.");
  });

  it("structureMismatch reports the first problem at any depth, or none", () => {
    expect(structureMismatch(orderFields, { id: 1, lines: [{ sku: 5 }], more: {} })).toBeNull();
    expect(structureMismatch(orderFields, { id: 1, lines: [{ sku: {} }] })?.field).toBe("lines[0].sku");
    expect(structureMismatch(orderFields, [1])?.message).toBe("The data must be a collection.");
  });
});
