import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/roles";
import { closeDb, getDb, type Db } from "../db/client";
import { scenarioRevisions, scenarios, users } from "../db/schema";
import type { SchemaChain } from "../scenario/schema-migrations";
import { blueprintCheckers } from "./checkers";
import { ScenarioService } from "./service";

/**
 * A fixture "schema 0", older than the first released format: modules name themselves "app:name@version"
 * and sit at `position`, and links are [from, to] pairs. The fixture step brings it to schema 1; the
 * service must migrate such documents when it reads or imports them and keep each original as a backup.
 */
const schema0 = {
  schemaVersion: 0,
  modules: [
    { id: 1, type: "flow:manualTrigger@1", position: { x: 0, y: 0 } },
    { id: 2, type: "flow:composeText@1", position: { x: 260, y: 0 }, mapper: { text: "hi {{1.name}}" } },
  ],
  links: [[1, 2]],
};

const fixtureChain: SchemaChain = {
  current: 1,
  steps: [
    {
      from: 0,
      to: 1,
      summary: "module keys and versions split; positions under ui; links as objects",
      migrate: (doc) => ({
        ...doc,
        modules: (doc.modules as Array<Record<string, unknown>>).map(({ type, position, ...rest }) => {
          const [module, version] = String(type).split("@");
          return { ...rest, module, version: Number(version), ui: position };
        }),
        links: (doc.links as Array<[number, number]>).map(([from, to]) => ({ from, to })),
      }),
    },
  ],
};

let db: Db;
let dataDir: string;
let service: ScenarioService;
const actor: Actor = { id: "usr_schema", email: "schema@example.com", name: "", role: "builder", via: "token" };
const env = { dir: process.env.PATCHBAY_DATA_DIR, url: process.env.DATABASE_URL };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "patchbay-schema-"));
  process.env.PATCHBAY_DATA_DIR = dataDir;
  process.env.DATABASE_URL = "";
  db = await getDb();
  await db.insert(users).values({ id: actor.id, email: actor.email, role: "builder" });
  service = new ScenarioService(db, blueprintCheckers(), { schema: fixtureChain });
}, 120_000);
afterAll(async () => {
  await closeDb();
  process.env.PATCHBAY_DATA_DIR = env.dir;
  process.env.DATABASE_URL = env.url;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("document migrations in the scenario service", () => {
  it("imports an older document as two revisions: the original as sent, and the migrated one", async () => {
    const created = await service.importFile(actor, { format: "patchbay.scenario", formatVersion: 1, name: "Old file", blueprint: schema0 });
    expect(created.revision).toBe(2);
    expect(created.blueprint.modules[1]).toMatchObject({ id: 2, module: "flow:composeText", version: 1, ui: { x: 260, y: 0 }, mapper: { text: "hi {{1.name}}" } });
    expect(created.blueprint.links).toEqual([{ from: 1, to: 2 }]);
    const revisions = await service.revisions(created.id);
    expect(revisions.map((r) => [r.number, r.message, r.meta?.kind ?? null])).toEqual([
      [2, "Migrated the document from schema 0 to 1; revision 1 keeps the original", "schema-migration"],
      [1, "Imported from a blueprint file (original, schema 0)", null],
    ]);
    const [stored] = await db.select({ blueprint: scenarioRevisions.blueprint }).from(scenarioRevisions).where(and(eq(scenarioRevisions.scenarioId, created.id), eq(scenarioRevisions.number, 1)));
    expect(stored.blueprint).toEqual(schema0);
    // The backup reads in today's format, and restoring it brings back the migrated content.
    expect((await service.revision(created.id, 1)).blueprint.modules[0]).toMatchObject({ module: "flow:manualTrigger", version: 1 });
    const restored = await service.restore(actor, created.id, 1, 2);
    expect(restored).toMatchObject({ revision: 3, blueprint: { links: [{ from: 1, to: 2 }] } });
  });

  it("migrates a stored older current revision on its first read, keeping it as the backup", async () => {
    const created = await service.create(actor, { name: "Stored long ago", description: "", blueprint: undefined });
    // As if written by an older Patchbay: the current revision holds a schema-0 document.
    await db.insert(scenarioRevisions).values({ scenarioId: created.id, number: 2, name: created.name, blueprint: schema0, message: "Saved" });
    await db.update(scenarios).set({ currentRevision: 2 }).where(eq(scenarios.id, created.id));

    const read = await service.get(created.id);
    expect(read.revision).toBe(3);
    expect(read.blueprint.modules.map((m) => m.module)).toEqual(["flow:manualTrigger", "flow:composeText"]);
    expect((await service.revisions(created.id))[0]).toMatchObject({ number: 3, message: "Migrated the document from schema 0 to 1; revision 2 keeps the original", meta: { kind: "schema-migration", baseRevision: 2 } });
    expect((await service.get(created.id)).revision).toBe(3);
  });

  it("refuses a document newer than it understands, storing nothing", async () => {
    await expect(service.create(actor, { name: "From the future", description: "", blueprint: { schemaVersion: 2, modules: [], links: [] } })).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringContaining("newer than this Patchbay understands"),
    });
  });
});
