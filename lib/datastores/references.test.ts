import { describe, expect, it } from "vitest";
import { testRegistry } from "../engine/testing";
import type { DataStoreDirectory } from "./directory";
import { exportReferences, resolveImportReferences } from "./references";

const source: DataStoreDirectory = {
  stores: [{ id: "dts_src", name: "Seen orders", structureId: "dst_src" }],
  structures: [{ id: "dst_src", name: "Order", fields: [] }],
};

const blueprint = {
  schemaVersion: 1,
  modules: [
    { id: 1, module: "webhooks:customWebhook", version: 1, params: { webhook: "whk_1", structure: "dst_src" } },
    { id: 2, module: "datastore:getRecord", version: 1, params: { store: "dts_src" }, mapper: { key: "{{1.id}}" } },
    { id: 3, module: "datastore:addRecord", version: 1, params: { store: "dts_deleted" }, mapper: { key: "{{1.id}}" } },
  ],
  links: [
    { from: 1, to: 2 },
    { from: 2, to: 3 },
  ],
};

const file = (references = exportReferences(blueprint, testRegistry, source)) => ({
  format: "patchbay.scenario",
  formatVersion: 1,
  name: "Dedupe",
  blueprint,
  references,
});

const paramsOf = (resolved: unknown) => (resolved as { blueprint: typeof blueprint }).blueprint.modules.map((m) => m.params);

describe("data store references in blueprint files", () => {
  it("export names every store and structure the blueprint uses, once each", () => {
    expect(exportReferences(blueprint, testRegistry, source)).toEqual({
      dataStores: [
        { id: "dts_src", name: "Seen orders" },
        { id: "dts_deleted", name: null },
      ],
      dataStructures: [{ id: "dst_src", name: "Order" }],
    });
  });

  it("import matches names to this instance's ids and clears, and reports, what is missing", () => {
    const target: DataStoreDirectory = {
      stores: [{ id: "dts_tgt", name: "Seen orders", structureId: null }],
      structures: [{ id: "dst_other", name: "Invoice", fields: [] }],
    };
    const { file: resolved, report } = resolveImportReferences(file(), testRegistry, target);
    expect(paramsOf(resolved)).toEqual([{ webhook: "whk_1" }, { store: "dts_tgt" }, {}]);
    expect(report.matched).toEqual([{ moduleId: 2, param: "store", kind: "dataStore", name: "Seen orders", id: "dts_tgt" }]);
    expect(report.missing.map((m) => [m.moduleId, m.kind, m.name, m.id])).toEqual([
      [1, "dataStructure", "Order", "dst_src"],
      [3, "dataStore", null, "dts_deleted"],
    ]);
    expect(report.missing[0].message).toBe(
      "Module 1 (Custom webhook): there is no data structure “Order” here; its “Data structure” setting was cleared. Create it and pick it in the editor.",
    );
  });

  it("import into the instance it came from keeps the ids, even of a store renamed since", () => {
    const renamed: DataStoreDirectory = { ...source, stores: [{ id: "dts_src", name: "Orders seen", structureId: "dst_src" }] };
    const { file: resolved, report } = resolveImportReferences(file(), testRegistry, renamed);
    expect(paramsOf(resolved).slice(0, 2)).toEqual([{ webhook: "whk_1", structure: "dst_src" }, { store: "dts_src" }]);
    expect(report.missing.map((m) => m.id)).toEqual(["dts_deleted"]);
  });

  it("a file without names (older exports) matches by id only, and a file that is not an export passes through", () => {
    const { report } = resolveImportReferences({ ...file(), references: undefined }, testRegistry, { stores: [], structures: [] });
    expect(report.missing.map((m) => m.name)).toEqual([null, null, null]);
    const junk = { hello: "world" };
    expect(resolveImportReferences(junk, testRegistry, source)).toEqual({ file: junk, report: { matched: [], missing: [] } });
  });
});
