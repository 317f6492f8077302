import { describe, expect, it } from "vitest";
import { isOlderSchema, migrateDocument, SchemaMigrationError, type SchemaChain } from "./schema-migrations";

/** A fixture chain 1 → 2 → 3: 2 renames `links` to `edges`, 3 wraps settings; unknown keys must survive. */
const chain: SchemaChain = {
  current: 3,
  steps: [
    {
      from: 1,
      to: 2,
      summary: "links → edges",
      migrate: ({ links, ...rest }) => ({ ...rest, edges: links }),
    },
    {
      from: 2,
      to: 3,
      summary: "settings under options",
      migrate: ({ settings, ...rest }) => ({ ...rest, options: { settings } }),
    },
  ],
};

describe("blueprint schema migrations", () => {
  it("brings an older document to the current version step by step, keeping unknown keys and the input", () => {
    const old = { schemaVersion: 1, modules: [], links: [{ from: 1, to: 2 }], settings: { timezone: "UTC" }, custom: { mine: true } };
    const copy = structuredClone(old);
    const result = migrateDocument(old, chain);
    expect(result).toEqual({
      from: 1,
      to: 3,
      applied: ["links → edges", "settings under options"],
      document: { schemaVersion: 3, modules: [], edges: [{ from: 1, to: 2 }], options: { settings: { timezone: "UTC" } }, custom: { mine: true } },
    });
    expect(old).toEqual(copy);
    expect(isOlderSchema(old, chain)).toBe(true);
  });

  it("leaves a current document, or one that declares no version, as it is", () => {
    const current = { schemaVersion: 3, modules: [] };
    expect(migrateDocument(current, chain)).toEqual({ document: current, from: 3, to: 3, applied: [] });
    expect(migrateDocument("not a document", chain).applied).toEqual([]);
    expect(migrateDocument({ modules: [] }, chain).applied).toEqual([]);
  });

  it("refuses a newer version, a gap in the chain, and a step that fails, saying which", () => {
    expect(() => migrateDocument({ schemaVersion: 4 }, chain)).toThrow(/schema 4, newer than this Patchbay understands \(up to 3\)/);
    expect(() => migrateDocument({ schemaVersion: 0 }, chain)).toThrow(/No migration leads from blueprint schema 0/);
    const failing: SchemaChain = { current: 2, steps: [{ from: 1, to: 2, summary: "x", migrate: () => { throw new Error("bad modules"); } }] };
    expect(() => migrateDocument({ schemaVersion: 1 }, failing)).toThrow(SchemaMigrationError);
    expect(() => migrateDocument({ schemaVersion: 1 }, failing)).toThrow(/from schema 1 to 2 failed: bad modules/);
  });
});
