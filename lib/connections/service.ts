import { and, eq, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../audit";
import { hasRole, type Actor } from "../auth/roles";
import type { Db } from "../db/client";
import { connectionShares, connectionSessions, connections, scenarioRevisions, scenarios, type ConnectionRow } from "../db/schema";
import { AppError, notFound } from "../errors";
import { newId } from "../ids";
import { formatPath, sectionSchema } from "../modules/validators";
import type { Blueprint } from "../scenario/blueprint";
import { decrypt, encrypt } from "../secrets/crypto";
import type { ResolvedConnection } from "../modules/context";
import type { ConnectionTypeDefinition } from "./define";
import type { ConnectionTypeRegistry } from "./registry";
import { databaseSessionCache } from "./session-cache";

export const connectionNameSchema = z.string().trim().min(1, "Give the connection a name.").max(200);

export const createConnectionInput = z.object({
  name: connectionNameSchema,
  /** "app@version", e.g. "http-apikey@1". */
  type: z.string().regex(/^[a-z][a-z0-9-]*@[1-9][0-9]*$/, 'Connection types look like "http-apikey@1".'),
  values: z.record(z.string(), z.unknown()).default({}),
  sharedWithAll: z.boolean().default(true),
  sharedWith: z.array(z.string()).max(1000).default([]),
});

export const updateConnectionInput = z
  .object({
    name: connectionNameSchema.optional(),
    /** Non-secret fields to change; sensitive fields are refused here (use `secrets`). */
    values: z.record(z.string(), z.unknown()).optional(),
    /** Sensitive fields to replace. */
    secrets: z.record(z.string(), z.unknown()).optional(),
    sharedWithAll: z.boolean().optional(),
    sharedWith: z.array(z.string()).max(1000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Nothing to change.");

export const deleteConnectionQuery = z.object({
  /** Confirms that modules using the connection become unconfigured. */
  force: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
});

/** What builders and viewers may see; admins get `ConnectionAdminView`. Never a secret either way. */
export interface ConnectionView {
  id: string;
  name: string;
  type: string;
  app: string | null;
  typeTitle: string | null;
  status: ConnectionRow["status"];
}

export interface ConnectionAdminView extends ConnectionView {
  values: Record<string, unknown>;
  /** Last four characters of each stored secret, to tell them apart. */
  secretHints: Record<string, string>;
  lastVerifiedAt: string | null;
  lastError: string | null;
  sharedWithAll: boolean;
  sharedWith: string[];
  usedBy: Array<{ id: string; name: string }>;
  oauth2: boolean;
  createdAt: string;
  updatedAt: string;
}

export class ConnectionService {
  constructor(
    private readonly db: Db,
    private readonly types: ConnectionTypeRegistry,
    private readonly key: Buffer,
  ) {}

  async list(actor: Actor, filter: { type?: string } = {}): Promise<Array<ConnectionView | Pick<ConnectionView, "id" | "name">>> {
    const rows = await this.db
      .select()
      .from(connections)
      .where(and(this.visibleTo(actor), filter.type ? typeIs(filter.type) : undefined))
      .orderBy(connections.name);
    if (actor.role === "admin") return Promise.all(rows.map((r) => this.adminView(r)));
    if (actor.role === "builder") return rows.map((r) => this.view(r));
    return rows.map((r) => ({ id: r.id, name: r.name }));
  }

  /** The connections `actor` may pick, as a blueprint file's references need them: no secrets read. */
  async choices(actor: Actor): Promise<Array<{ id: string; name: string; type: string }>> {
    const rows = await this.db
      .select({ id: connections.id, name: connections.name, type: connections.type, typeVersion: connections.typeVersion })
      .from(connections)
      .where(this.visibleTo(actor));
    return rows.map((r) => ({ id: r.id, name: r.name, type: `${r.type}@${r.typeVersion}` }));
  }

  async get(actor: Actor, id: string): Promise<ConnectionView | ConnectionAdminView | Pick<ConnectionView, "id" | "name">> {
    const row = await this.row(id);
    if (actor.role === "admin") return this.adminView(row);
    const [visible] = await this.db.select({ id: connections.id }).from(connections).where(and(eq(connections.id, id), this.visibleTo(actor)));
    if (!visible) throw notFound("Connection");
    return actor.role === "builder" ? this.view(row) : { id: row.id, name: row.name };
  }

  async create(actor: Actor, input: z.infer<typeof createConnectionInput>): Promise<ConnectionAdminView> {
    const type = this.type(input.type);
    const { publicValues, secretValues } = this.split(type, this.validate(type, input.values));
    const id = newId("conn");
    await this.db.transaction(async (tx) => {
      await tx.insert(connections).values({
        id,
        name: input.name,
        type: type.key,
        typeVersion: type.version,
        values: publicValues,
        secrets: encrypt(this.key, JSON.stringify(secretValues)),
        sharedWithAll: input.sharedWithAll,
        createdBy: actor.id,
      });
      if (!input.sharedWithAll && input.sharedWith.length > 0) {
        await tx.insert(connectionShares).values(input.sharedWith.map((userId) => ({ connectionId: id, userId })));
      }
      await audit(tx, { actorId: actor.id, action: "connection.create", targetType: "connection", targetId: id, details: { name: input.name, type: type.id } });
    });
    return this.adminView(await this.row(id));
  }

  async update(actor: Actor, id: string, input: z.infer<typeof updateConnectionInput>): Promise<ConnectionAdminView> {
    const row = await this.row(id);
    const type = this.type(typeId(row));
    const sensitive = new Set(type.fields.filter((f) => f.sensitive).map((f) => f.name));
    for (const name of Object.keys(input.values ?? {})) {
      if (sensitive.has(name)) throw new AppError("bad_request", `"${name}" is a secret; replace it through \`secrets\`.`, { field: name });
    }
    for (const name of Object.keys(input.secrets ?? {})) {
      if (!sensitive.has(name)) throw new AppError("bad_request", `"${name}" is not a secret field of ${type.id}.`, { field: name });
    }
    const currentSecrets = this.secretsOf(row);
    const merged = this.validate(type, { ...(row.values as Record<string, unknown>), ...currentSecrets, ...input.values, ...input.secrets });
    const { publicValues, secretValues } = this.split(type, merged);
    const credentialsChanged = input.values !== undefined || input.secrets !== undefined;
    await this.db.transaction(async (tx) => {
      await tx
        .update(connections)
        .set({
          name: input.name ?? row.name,
          values: publicValues,
          secrets: encrypt(this.key, JSON.stringify(secretValues)),
          sharedWithAll: input.sharedWithAll ?? row.sharedWithAll,
          ...(credentialsChanged ? { status: "unverified" as const, lastError: null } : {}),
          updatedAt: new Date(),
        })
        .where(eq(connections.id, id));
      if (credentialsChanged) await tx.delete(connectionSessions).where(eq(connectionSessions.connectionId, id));
      if (input.sharedWith !== undefined) {
        await tx.delete(connectionShares).where(eq(connectionShares.connectionId, id));
        if (input.sharedWith.length > 0) await tx.insert(connectionShares).values(input.sharedWith.map((userId) => ({ connectionId: id, userId })));
      }
      await audit(tx, {
        actorId: actor.id,
        action: input.secrets ? "connection.replace-secret" : "connection.update",
        targetType: "connection",
        targetId: id,
        // Names of what changed, never values: secrets must not reach the audit log.
        details: { name: input.name ?? row.name, changedFields: [...Object.keys(input.values ?? {}), ...Object.keys(input.secrets ?? {})] },
      });
    });
    return this.adminView(await this.row(id));
  }

  /** Refused while scenarios use it, unless `force`: then their modules are unconfigured in a new revision. */
  async remove(actor: Actor, id: string, force: boolean): Promise<{ unconfigured: Array<{ id: string; name: string }> }> {
    const row = await this.row(id);
    const usedBy = await this.usage(id);
    if (usedBy.length > 0 && !force) {
      throw new AppError(
        "conflict",
        `“${row.name}” is used by ${usedBy.length} scenario${usedBy.length === 1 ? "" : "s"}: ${usedBy.map((s) => s.name).join(", ")}. Confirm to delete it anyway; those modules will need a new connection.`,
        { scenarios: usedBy },
      );
    }
    await this.db.transaction(async (tx) => {
      for (const s of usedBy) {
        const [current] = await tx
          .select({ scenario: scenarios, revision: scenarioRevisions })
          .from(scenarios)
          .innerJoin(scenarioRevisions, and(eq(scenarioRevisions.scenarioId, scenarios.id), eq(scenarioRevisions.number, scenarios.currentRevision)))
          .where(eq(scenarios.id, s.id))
          .for("update");
        const blueprint = current.revision.blueprint as Blueprint;
        const next = { ...blueprint, modules: blueprint.modules.map((m) => (m.connection === id ? { ...m, connection: null } : m)) };
        const number = current.scenario.currentRevision + 1;
        await tx.insert(scenarioRevisions).values({
          scenarioId: s.id,
          number,
          name: current.revision.name,
          description: current.revision.description,
          blueprint: next,
          warnings: current.revision.warnings,
          message: `Connection “${row.name}” was deleted; its modules need a new connection`,
          authorId: actor.id,
        });
        await tx.update(scenarios).set({ currentRevision: number, updatedAt: new Date() }).where(eq(scenarios.id, s.id));
      }
      await tx.delete(connections).where(eq(connections.id, id));
      await audit(tx, { actorId: actor.id, action: "connection.delete", targetType: "connection", targetId: id, details: { name: row.name, unconfigured: usedBy.map((s) => s.id) } });
    });
    return { unconfigured: usedBy };
  }

  /** Calls the type's verification request; the remote error is returned verbatim when it fails. */
  async test(actor: Actor, id: string): Promise<{ ok: boolean; message: string }> {
    const row = await this.row(id);
    const type = this.type(typeId(row));
    if (!type.verify) throw new AppError("bad_request", `${type.title} connections have no verification request.`);
    let outcome: { ok: boolean; message: string };
    try {
      const resolved = await this.resolve(id);
      const result = await type.verify({ values: resolved.values, session: resolved.session!, signal: AbortSignal.timeout(30_000) });
      outcome = { ok: true, message: result.message };
    } catch (error) {
      const remote = (error as { remote?: unknown }).remote;
      outcome = { ok: false, message: typeof remote === "string" && remote ? remote : error instanceof Error ? error.message : String(error) };
    }
    await this.db
      .update(connections)
      .set(outcome.ok ? { status: "verified", lastVerifiedAt: new Date(), lastError: null } : { status: "failing", lastError: outcome.message })
      .where(eq(connections.id, id));
    await audit(this.db, { actorId: actor.id, action: "connection.test", targetType: "connection", targetId: id, details: { name: row.name, ok: outcome.ok } });
    return outcome;
  }

  /** Decrypted values for a run, with the connection's run-time token cache. Server-side only. */
  async resolve(id: string): Promise<ResolvedConnection> {
    const row = await this.row(id);
    const secrets = this.secretsOf(row);
    return {
      id,
      type: typeId(row),
      values: { ...(row.values as Record<string, unknown>), ...secrets },
      session: databaseSessionCache(this.db, this.key, id),
      secretFields: Object.keys(secrets),
    };
  }

  /** Stores tokens obtained by the OAuth2 redirect flow as secrets. */
  async storeTokens(actor: Actor, id: string, tokens: Record<string, unknown>): Promise<void> {
    const row = await this.row(id);
    const secrets = { ...this.secretsOf(row), ...tokens };
    await this.db
      .update(connections)
      .set({ secrets: encrypt(this.key, JSON.stringify(secrets)), status: "verified", lastVerifiedAt: new Date(), lastError: null, updatedAt: new Date() })
      .where(eq(connections.id, id));
    await this.db.delete(connectionSessions).where(eq(connectionSessions.connectionId, id));
    await audit(this.db, { actorId: actor.id, action: "connection.reauthorize", targetType: "connection", targetId: id, details: { name: row.name } });
  }

  async usage(id: string): Promise<Array<{ id: string; name: string }>> {
    // A cheap text pre-filter on the current revisions, confirmed by reading the modules.
    const rows = await this.db
      .select({ id: scenarios.id, name: scenarios.name, blueprint: scenarioRevisions.blueprint })
      .from(scenarios)
      .innerJoin(scenarioRevisions, and(eq(scenarioRevisions.scenarioId, scenarios.id), eq(scenarioRevisions.number, scenarios.currentRevision)))
      .where(sql`${scenarioRevisions.blueprint}::text like ${`%${id}%`}`);
    return rows
      .filter((r) => (r.blueprint as Blueprint).modules.some((m) => m.connection === id))
      .map(({ id: sid, name }) => ({ id: sid, name }));
  }

  async row(id: string): Promise<ConnectionRow> {
    const [row] = await this.db.select().from(connections).where(eq(connections.id, id));
    if (!row) throw notFound("Connection");
    return row;
  }

  /** Whether `actor` may pick this connection for a module (admins: any). */
  async canUse(actor: Actor, id: string): Promise<boolean> {
    const [row] = await this.db.select({ id: connections.id }).from(connections).where(and(eq(connections.id, id), this.visibleTo(actor)));
    return row !== undefined;
  }

  type(id: string): ConnectionTypeDefinition {
    const type = this.types.get(id);
    if (!type) throw new AppError("bad_request", `Unknown connection type ${id}.`, { field: "type" });
    return type;
  }

  private visibleTo(actor: Actor) {
    if (hasRole(actor.role, "admin")) return undefined;
    return or(
      eq(connections.sharedWithAll, true),
      inArray(connections.id, this.db.select({ id: connectionShares.connectionId }).from(connectionShares).where(eq(connectionShares.userId, actor.id))),
    );
  }

  private validate(type: ConnectionTypeDefinition, values: Record<string, unknown>): Record<string, unknown> {
    const result = sectionSchema(type.fields, "params", "run").safeParse(values);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const field = formatPath(issue.path);
    const label = type.fields.find((f) => f.name === issue.path[0])?.label ?? field;
    throw new AppError("validation_failed", `${label}: ${issue.message}`, {
      issues: result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    });
  }

  private split(type: ConnectionTypeDefinition, values: Record<string, unknown>) {
    const sensitive = new Set(type.fields.filter((f) => f.sensitive).map((f) => f.name));
    const publicValues: Record<string, unknown> = {};
    const secretValues: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) (sensitive.has(k) ? secretValues : publicValues)[k] = v;
    return { publicValues, secretValues };
  }

  private secretsOf(row: ConnectionRow): Record<string, unknown> {
    return JSON.parse(decrypt(this.key, row.secrets)) as Record<string, unknown>;
  }

  private view(row: ConnectionRow): ConnectionView {
    const type = this.types.get(typeId(row));
    return { id: row.id, name: row.name, type: typeId(row), app: type?.app ?? null, typeTitle: type?.title ?? null, status: row.status };
  }

  private async adminView(row: ConnectionRow): Promise<ConnectionAdminView> {
    const secrets = this.secretsOf(row);
    const shares = row.sharedWithAll
      ? []
      : (await this.db.select({ userId: connectionShares.userId }).from(connectionShares).where(eq(connectionShares.connectionId, row.id))).map((s) => s.userId);
    return {
      ...this.view(row),
      values: row.values as Record<string, unknown>,
      secretHints: Object.fromEntries(
        Object.entries(secrets)
          .filter(([, v]) => typeof v === "string" && v.length > 0)
          .map(([k, v]) => [k, (v as string).length > 8 ? `…${(v as string).slice(-4)}` : "…"]),
      ),
      lastVerifiedAt: row.lastVerifiedAt?.toISOString() ?? null,
      lastError: row.lastError,
      sharedWithAll: row.sharedWithAll,
      sharedWith: shares,
      usedBy: await this.usage(row.id),
      oauth2: this.types.get(typeId(row))?.oauth2 !== undefined,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

const typeId = (row: Pick<ConnectionRow, "type" | "typeVersion">) => `${row.type}@${row.typeVersion}`;

function typeIs(id: string) {
  const [key, version] = id.split("@");
  return and(eq(connections.type, key), eq(connections.typeVersion, Number(version)));
}
