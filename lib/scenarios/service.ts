import { and, asc, count, desc, eq, ilike } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../auth/roles";
import type { Db, DbOrTx } from "../db/client";
import { scenarioRevisions, scenarios, users } from "../db/schema";
import { AppError, notFound } from "../errors";
import { newId } from "../ids";
import { emptyBlueprint, type Blueprint } from "../scenario/blueprint";
import { canonicalJson } from "../scenario/canonical";
import { EXPORT_FORMAT, scenarioExportSchema, type ScenarioExport } from "../scenario/export";
import {
  BLUEPRINT_SCHEMA,
  SchemaMigrationError,
  isOlderSchema,
  migrateDocument,
  schemaMigrationMessage,
  type SchemaChain,
  type SchemaMigration,
} from "../scenario/schema-migrations";
import { validateBlueprint, type BlueprintCheckers, type BlueprintWarning } from "../scenario/validate";
import type { ModuleRegistry } from "../modules/registry";
import { countVersions, sunsetToday } from "../modules/sunset";
import { readMeta, type RevisionMeta } from "../upgrades/meta";
import type { RevisionDetail, RevisionSummary, ScenarioDetail, ScenarioSummary } from "../api/views";

export const scenarioNameSchema = z.string().trim().min(1, "Give the scenario a name.").max(200);

export const listScenariosQuery = z.object({
  query: z.string().trim().max(200).default(""),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const createScenarioInput = z.object({
  name: scenarioNameSchema,
  description: z.string().max(5000).default(""),
  blueprint: z.unknown().optional(),
  message: z.string().max(500).optional(),
});

/** An unsaved blueprint to run the save-time checks on. */
export const checkScenarioInput = z.object({ blueprint: z.unknown() });

export const checkResultSchema = z.object({
  errors: z.array(z.object({ moduleId: z.number().optional(), code: z.string(), message: z.string(), fieldPath: z.string().optional(), position: z.number().optional() })),
  warnings: z.array(z.object({ moduleId: z.number().optional(), code: z.string(), message: z.string(), fieldPath: z.string().optional(), position: z.number().optional() })),
});

export const updateScenarioInput = z.object({
  /** The revision the edit was based on; if someone saved since, the edit is refused (409). */
  baseRevision: z.number().int().positive(),
  name: scenarioNameSchema.optional(),
  description: z.string().max(5000).optional(),
  blueprint: z.unknown().optional(),
  message: z.string().max(500).optional(),
});

export const restoreInput = z.object({ baseRevision: z.number().int().positive().optional() }).default({});

/** Async save-time check of what a blueprint references (connections, webhooks); errors refuse the save with 422. */
export type ReferenceCheck = (actor: Actor, scenarioId: string | null, next: Blueprint, previous: Blueprint | null) => Promise<BlueprintWarning[]>;

export interface ScenarioHooks {
  check?: ReferenceCheck;
  /** Runs inside the transaction of every revision write, e.g. to link webhooks to their scenario. */
  afterWrite?: (tx: DbOrTx, scenarioId: string, blueprint: Blueprint) => Promise<void>;
  /**
   * Runs after a new revision of an existing scenario is committed, with the blueprint it replaced: an
   * active scenario's remote registrations (event subscriptions, callbacks) follow its new trigger.
   */
  afterRevision?: (actor: Actor, scenarioId: string, previous: Blueprint, next: Blueprint) => Promise<void>;
  /** Runs before a scenario is deleted, e.g. to remove what its trigger registered at a remote service. */
  beforeRemove?: (actor: Actor, scenarioId: string) => Promise<void>;
  /** For the outdated / deprecated / sunset counts of each scenario; without it the counts are zero. */
  registry?: ModuleRegistry;
  /** The blueprint document's format migrations; default the shipped chain. */
  schema?: SchemaChain;
}

/** Internal callers (upgrades, replacements, reverts) record what wrote the revision. */
export interface WriteOptions {
  meta?: RevisionMeta;
  message?: string;
}

export class ScenarioService {
  constructor(
    private readonly db: Db,
    private readonly checkers: BlueprintCheckers = {},
    private readonly hooks: ScenarioHooks = {},
  ) {}

  /** An older document is brought to the current format first; a newer or unreadable one is a 400. */
  private migrate(raw: unknown): SchemaMigration {
    try {
      return migrateDocument(raw, this.hooks.schema ?? BLUEPRINT_SCHEMA);
    } catch (error) {
      if (error instanceof SchemaMigrationError) throw new AppError("bad_request", error.message);
      throw error;
    }
  }

  private async validate(actor: Actor, scenarioId: string | null, raw: unknown, previous: Blueprint | null) {
    const validated = validateBlueprint(raw, this.checkers);
    const errors = (await this.hooks.check?.(actor, scenarioId, validated.blueprint, previous)) ?? [];
    if (errors.length > 0) {
      const first = errors[0];
      throw new AppError("validation_failed", `Module ${first.moduleId}, field ${first.fieldPath ?? "?"}: ${first.message}`, { errors, warnings: validated.warnings });
    }
    return validated;
  }

  /**
   * Every save-time check, without saving: what the editor shows on modules and next to fields while a
   * person edits. Document and graph problems come back as errors instead of being thrown.
   */
  async check(actor: Actor, scenarioId: string, raw: unknown): Promise<{ errors: BlueprintWarning[]; warnings: BlueprintWarning[] }> {
    const previous = (await this.get(scenarioId)).blueprint;
    try {
      const validated = await this.validate(actor, scenarioId, this.migrate(raw).document, previous);
      return { errors: [], warnings: validated.warnings };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const details = (error.details ?? {}) as { errors?: BlueprintWarning[]; warnings?: BlueprintWarning[]; violations?: Array<{ moduleIds: number[]; message: string; code?: string }> };
      const errors =
        details.errors ??
        // A graph rule can concern several modules (two without an incoming link): each of them shows it.
        details.violations?.flatMap((v) => (v.moduleIds.length > 0 ? v.moduleIds : [undefined]).map((moduleId) => ({ moduleId, code: v.code ?? "graph", message: v.message }))) ??
        [{ code: "invalid", message: error.message }];
      return { errors, warnings: details.warnings ?? [] };
    }
  }

  async list(q: z.infer<typeof listScenariosQuery>): Promise<{ items: ScenarioSummary[]; page: number; pageSize: number; total: number }> {
    const where = q.query ? ilike(scenarios.name, `%${escapeLike(q.query)}%`) : undefined;
    const [{ total }] = await this.db.select({ total: count() }).from(scenarios).where(where);
    const rows = await this.db
      .select({ s: scenarios, blueprint: scenarioRevisions.blueprint })
      .from(scenarios)
      .innerJoin(
        scenarioRevisions,
        and(eq(scenarioRevisions.scenarioId, scenarios.id), eq(scenarioRevisions.number, scenarios.currentRevision)),
      )
      .where(where)
      .orderBy(desc(scenarios.updatedAt), asc(scenarios.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    return {
      items: rows.map((r) => this.summary(r.s, r.blueprint as Blueprint)),
      page: q.page,
      pageSize: q.pageSize,
      total,
    };
  }

  async get(id: string): Promise<ScenarioDetail> {
    const [row] = await this.db
      .select({ s: scenarios, r: scenarioRevisions })
      .from(scenarios)
      .innerJoin(
        scenarioRevisions,
        and(eq(scenarioRevisions.scenarioId, scenarios.id), eq(scenarioRevisions.number, scenarios.currentRevision)),
      )
      .where(eq(scenarios.id, id));
    if (!row) throw notFound("Scenario");
    if (isOlderSchema(row.r.blueprint, this.hooks.schema ?? BLUEPRINT_SCHEMA)) {
      await this.migrateStored(id, row.s.currentRevision);
      return this.get(id);
    }
    const blueprint = row.r.blueprint as Blueprint;
    return { ...this.summary(row.s, blueprint), blueprint, warnings: row.r.warnings as BlueprintWarning[] };
  }

  /**
   * The current revision holds a document in an older format: the migrated document becomes a new
   * revision, and the old one stays in the history as the backup. Someone else's migration (or save) in
   * between wins; reading again finds their result.
   */
  private async migrateStored(id: string, revision: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const current = await lockCurrent(tx, id);
      if (current.s.currentRevision !== revision) return;
      const migration = this.migrate(current.r.blueprint);
      const validated = validateBlueprint(migration.document, this.checkers);
      await writeRevision(
        tx,
        null,
        id,
        revision + 1,
        { name: current.r.name, description: current.r.description, blueprint: validated.blueprint, warnings: validated.warnings },
        schemaMigrationMessage(migration, revision),
        { kind: "schema-migration", runId: null, baseRevision: revision, modules: [], attention: [] },
      );
      await this.hooks.afterWrite?.(tx, id, validated.blueprint);
    });
  }

  /**
   * A document in an older format is stored twice: as sent (revision 1, the backup) and migrated
   * (revision 2, current), so nothing a person brought in is lost to a migration.
   */
  async create(actor: Actor, input: z.infer<typeof createScenarioInput>): Promise<ScenarioDetail> {
    const migration = input.blueprint === undefined ? null : this.migrate(input.blueprint);
    const { blueprint, warnings } =
      migration === null ? { blueprint: emptyBlueprint(), warnings: [] } : await this.validate(actor, null, migration.document, null);
    const migrated = migration !== null && migration.applied.length > 0;
    const id = newId("scn");
    await this.db.transaction(async (tx) => {
      await tx.insert(scenarios).values({ id, name: input.name, description: input.description, currentRevision: migrated ? 2 : 1, createdBy: actor.id });
      const base = { scenarioId: id, name: input.name, description: input.description, authorId: actor.id };
      if (migrated) {
        await tx.insert(scenarioRevisions).values({ ...base, number: 1, blueprint: input.blueprint, warnings: [], message: `${input.message ?? "Created"} (original, schema ${migration.from})` });
      }
      await tx.insert(scenarioRevisions).values({
        ...base,
        number: migrated ? 2 : 1,
        blueprint,
        warnings,
        message: migrated ? schemaMigrationMessage(migration, 1) : (input.message ?? "Created"),
        meta: migrated ? ({ kind: "schema-migration", runId: null, baseRevision: 1, modules: [], attention: [] } satisfies RevisionMeta) : null,
      });
      await this.hooks.afterWrite?.(tx, id, blueprint);
    });
    return this.get(id);
  }

  async update(actor: Actor, id: string, input: z.infer<typeof updateScenarioInput>, options: WriteOptions = {}): Promise<ScenarioDetail> {
    const before = input.blueprint === undefined ? undefined : await this.get(id);
    const migration = input.blueprint === undefined ? undefined : this.migrate(input.blueprint);
    const validated = migration === undefined ? undefined : await this.validate(actor, id, migration.document, before?.blueprint ?? null);
    const written = await this.db.transaction(async (tx) => {
      const current = await lockCurrent(tx, id);
      if (current.s.currentRevision !== input.baseRevision) {
        throw staleRevision(input.baseRevision, current.s.currentRevision);
      }
      const next = {
        name: input.name ?? current.r.name,
        description: input.description ?? current.r.description,
        blueprint: validated?.blueprint ?? (current.r.blueprint as Blueprint),
        warnings: validated?.warnings ?? (current.r.warnings as BlueprintWarning[]),
      };
      const unchanged =
        next.name === current.r.name &&
        next.description === current.r.description &&
        canonicalJson(next.blueprint) === canonicalJson(current.r.blueprint);
      if (unchanged) return null;
      const message = input.message ?? (migration && migration.applied.length > 0 ? `Saved (sent as schema ${migration.from}, migrated to ${migration.to})` : defaultMessage(current.r, next));
      await writeRevision(tx, actor, id, current.s.currentRevision + 1, next, message, options.meta);
      await this.hooks.afterWrite?.(tx, id, next.blueprint);
      return { previous: current.r.blueprint as Blueprint, next: next.blueprint };
    });
    if (written) await this.hooks.afterRevision?.(actor, id, written.previous, written.next);
    return this.get(id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.hooks.beforeRemove?.(actor, id);
    const rows = await this.db.delete(scenarios).where(eq(scenarios.id, id)).returning({ id: scenarios.id });
    if (rows.length === 0) throw notFound("Scenario");
  }

  async revisions(id: string): Promise<RevisionSummary[]> {
    await this.assertExists(id);
    const rows = await this.db
      .select({ r: scenarioRevisions, author: { id: users.id, email: users.email, name: users.name } })
      .from(scenarioRevisions)
      .leftJoin(users, eq(users.id, scenarioRevisions.authorId))
      .where(eq(scenarioRevisions.scenarioId, id))
      .orderBy(desc(scenarioRevisions.number));
    return rows.map((row) => revisionSummary(row.r, row.author));
  }

  async revision(id: string, number: number): Promise<RevisionDetail> {
    await this.assertExists(id);
    const [row] = await this.db
      .select({ r: scenarioRevisions, author: { id: users.id, email: users.email, name: users.name } })
      .from(scenarioRevisions)
      .leftJoin(users, eq(users.id, scenarioRevisions.authorId))
      .where(and(eq(scenarioRevisions.scenarioId, id), eq(scenarioRevisions.number, number)));
    if (!row) throw notFound(`Revision ${number}`);
    return {
      ...revisionSummary(row.r, row.author),
      description: row.r.description,
      // A revision kept as the backup of a migration is shown in today's format; the stored one is untouched.
      blueprint: this.migrate(row.r.blueprint).document as Blueprint,
      warnings: row.r.warnings as BlueprintWarning[],
    };
  }

  /** Restoring never rewrites history: the old content becomes a new revision on top. */
  async restore(actor: Actor, id: string, number: number, baseRevision?: number, options: WriteOptions = {}): Promise<ScenarioDetail> {
    const written = await this.db.transaction(async (tx) => {
      const current = await lockCurrent(tx, id);
      if (baseRevision !== undefined && current.s.currentRevision !== baseRevision) {
        throw staleRevision(baseRevision, current.s.currentRevision);
      }
      const [old] = await tx
        .select()
        .from(scenarioRevisions)
        .where(and(eq(scenarioRevisions.scenarioId, id), eq(scenarioRevisions.number, number)));
      if (!old) throw notFound(`Revision ${number}`);
      // A backup kept in an older format comes back in today's.
      const older = isOlderSchema(old.blueprint, this.hooks.schema ?? BLUEPRINT_SCHEMA);
      const content = older
        ? { ...validateBlueprint(this.migrate(old.blueprint).document, this.checkers) }
        : { blueprint: old.blueprint as Blueprint, warnings: old.warnings as BlueprintWarning[] };
      await writeRevision(
        tx,
        actor,
        id,
        current.s.currentRevision + 1,
        { name: old.name, description: old.description, ...content },
        options.message ?? `Restored revision ${number}`,
        options.meta,
      );
      await this.hooks.afterWrite?.(tx, id, content.blueprint);
      return { previous: current.r.blueprint as Blueprint, next: content.blueprint };
    });
    await this.hooks.afterRevision?.(actor, id, written.previous, written.next);
    return this.get(id);
  }

  async duplicate(actor: Actor, id: string, name?: string): Promise<ScenarioDetail> {
    const source = await this.get(id);
    return this.create(actor, {
      name: name ?? `${source.name} (copy)`.slice(0, 200),
      description: source.description,
      blueprint: source.blueprint,
      message: `Duplicated from ${source.name} (revision ${source.revision})`,
    });
  }

  async exportFile(id: string): Promise<ScenarioExport> {
    const s = await this.get(id);
    return {
      format: EXPORT_FORMAT,
      formatVersion: 1,
      name: s.name,
      description: s.description,
      exportedAt: new Date().toISOString(),
      blueprint: s.blueprint,
    };
  }

  /** A bad file is refused whole: nothing is stored unless the file and its blueprint are valid. */
  async importFile(actor: Actor, file: unknown, nameOverride?: string): Promise<ScenarioDetail> {
    const parsed = scenarioExportSchema.safeParse(file);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new AppError(
        "bad_request",
        `This is not a Patchbay scenario export: ${first.path.join(".") || "(root)"}: ${first.message}`,
        { issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) },
      );
    }
    return this.create(actor, {
      name: nameOverride ?? parsed.data.name,
      description: parsed.data.description,
      blueprint: parsed.data.blueprint,
      message: "Imported from a blueprint file",
    });
  }

  private summary(s: typeof scenarios.$inferSelect, blueprint: Blueprint): ScenarioSummary {
    const registry = this.hooks.registry;
    // A document in an older format has no modules to count until it is migrated on its first read.
    const modules = Array.isArray(blueprint.modules) ? blueprint.modules : [];
    return {
      id: s.id,
      name: s.name,
      description: s.description,
      revision: s.currentRevision,
      moduleCount: modules.length,
      versions: registry ? countVersions(modules, registry, sunsetToday()) : { outdated: 0, deprecated: 0, sunset: 0 },
      active: s.active,
      deactivatedReason: s.deactivatedReason,
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
    };
  }

  private async assertExists(id: string): Promise<void> {
    const [row] = await this.db.select({ id: scenarios.id }).from(scenarios).where(eq(scenarios.id, id));
    if (!row) throw notFound("Scenario");
  }
}

async function lockCurrent(tx: DbOrTx, id: string) {
  const [s] = await tx.select().from(scenarios).where(eq(scenarios.id, id)).for("update");
  if (!s) throw notFound("Scenario");
  const [r] = await tx
    .select()
    .from(scenarioRevisions)
    .where(and(eq(scenarioRevisions.scenarioId, id), eq(scenarioRevisions.number, s.currentRevision)));
  return { s, r };
}

async function writeRevision(
  tx: DbOrTx,
  actor: Actor | null,
  id: string,
  number: number,
  content: { name: string; description: string; blueprint: Blueprint; warnings: BlueprintWarning[] },
  message: string,
  meta?: RevisionMeta,
): Promise<void> {
  await tx.insert(scenarioRevisions).values({ scenarioId: id, number, ...content, message, authorId: actor?.id ?? null, meta: meta ?? null });
  await tx
    .update(scenarios)
    .set({ name: content.name, description: content.description, currentRevision: number, updatedAt: new Date() })
    .where(eq(scenarios.id, id));
}

function staleRevision(based: number, current: number): AppError {
  return new AppError(
    "conflict",
    `This scenario was saved by someone else since you opened it (you edited revision ${based}; the current one is ${current}). Reload it, or save your version as a copy.`,
    { baseRevision: based, currentRevision: current },
  );
}

function defaultMessage(before: { name: string; description: string }, after: { name: string; description: string }): string {
  if (before.name !== after.name) return `Renamed to “${after.name}”`;
  if (before.description !== after.description) return "Edited the description";
  return "Edited";
}

function revisionSummary(
  r: typeof scenarioRevisions.$inferSelect,
  author: { id: string | null; email: string | null; name: string | null } | null,
): RevisionSummary {
  return {
    number: r.number,
    name: r.name,
    message: r.message,
    meta: readMeta(r.meta),
    author: author?.id ? { id: author.id, email: author.email ?? "", name: author.name ?? "" } : null,
    createdAt: r.createdAt.toISOString(),
  };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

