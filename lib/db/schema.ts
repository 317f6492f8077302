import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    role: text("role", { enum: ["admin", "builder", "viewer"] }).notNull(),
    /** Null until the invited person sets a password. */
    passwordHash: text("password_hash"),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_unique").on(sql`lower(${t.email})`)],
);

export const invites = pgTable("invites", {
  tokenHash: text("token_hash").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});

export const loginFailures = pgTable(
  "login_failures",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    email: text("email").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_failures_email_at").on(t.email, t.at)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** sha256 of the token: tokens are 256 random bits, so a fast hash is enough and lookups stay O(1). */
    tokenHash: text("token_hash").notNull(),
    prefix: text("prefix").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_hash_unique").on(t.tokenHash), index("api_tokens_user").on(t.userId)],
);

export const scenarios = pgTable(
  "scenarios",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    currentRevision: integer("current_revision").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Runs by itself (schedule or webhooks) while active. */
    active: boolean("active").notNull().default(false),
    /** A Schedule (lib/scheduler/schedule.ts); null = the default interval. */
    schedule: jsonb("schedule"),
    nextRunAt: timestamp("next_run_at", { withTimezone: true }),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    /** Why the scenario was switched off by Patchbay (e.g. too many failed runs in a row). */
    deactivatedReason: text("deactivated_reason"),
  },
  (t) => [index("scenarios_updated").on(t.updatedAt), index("scenarios_due").on(t.active, t.nextRunAt)],
);

/** A custom webhook's address: `/hooks/{token}`, used by at most one scenario at a time. */
export const webhooks = pgTable(
  "webhooks",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** ≥ 256 random bits; the whole secret of the URL. */
    token: text("token").notNull(),
    scenarioId: text("scenario_id").references(() => scenarios.id, { onDelete: "set null" }),
    enabled: boolean("enabled").notNull().default(true),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("webhooks_token_unique").on(t.token)],
);

export const scenarioRevisions = pgTable(
  "scenario_revisions",
  {
    scenarioId: text("scenario_id")
      .notNull()
      .references(() => scenarios.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** `json`, not `jsonb`: a person's mapped structures keep the key order they wrote. */
    blueprint: json("blueprint").notNull(),
    /** Static-checker warnings found when this revision was saved. */
    warnings: jsonb("warnings").notNull().default(sql`'[]'::jsonb`),
    message: text("message").notNull().default(""),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    /**
     * Set on revisions written by an upgrade, a module replacement, a connection swap or a revert
     * (lib/upgrades/meta.ts): what changed, the run it belongs to, and what a person must look at.
     */
    meta: jsonb("meta"),
  },
  (t) => [primaryKey({ columns: [t.scenarioId, t.number] })],
);

/**
 * One apply of upgrades (or a connection swap) over one or many scenarios: its per-scenario report, so the
 * whole run can be reverted later. `report` and `revertReport` are lib/upgrades/runs.ts shapes.
 */
export const upgradeRuns = pgTable(
  "upgrade_runs",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["upgrade", "swap-connection"] }).notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    report: jsonb("report").notNull(),
    createdAt: createdAt(),
    revertedAt: timestamp("reverted_at", { withTimezone: true }),
    revertedBy: text("reverted_by").references(() => users.id, { onDelete: "set null" }),
    revertReport: jsonb("revert_report"),
  },
  (t) => [index("upgrade_runs_created").on(t.createdAt)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    details: jsonb("details").notNull().default(sql`'{}'::jsonb`),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_at").on(t.at)],
);

export const executions = pgTable(
  "executions",
  {
    id: text("id").primaryKey(),
    scenarioId: text("scenario_id")
      .notNull()
      .references(() => scenarios.id, { onDelete: "cascade" }),
    /** The revision that ran, so history stays true after later edits. */
    revision: integer("revision").notNull(),
    status: text("status", { enum: ["queued", "running", "success", "warning", "error", "incomplete"] }).notNull(),
    trigger: text("trigger", { enum: ["manual", "webhook", "schedule", "retry"] }).notNull(),
    /** The trigger payload (redacted), or the resumable state of the incomplete execution being retried. */
    input: json("input"),
    operations: integer("operations").notNull().default(0),
    error: jsonb("error"),
    attempt: integer("attempt").notNull().default(0),
    retryOf: text("retry_of"),
    startedBy: text("started_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    durationMs: integer("duration_ms"),
  },
  (t) => [index("executions_scenario_created").on(t.scenarioId, t.createdAt), index("executions_status").on(t.status)],
);

export const executionLogs = pgTable(
  "execution_logs",
  {
    executionId: text("execution_id")
      .notNull()
      .references(() => executions.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    moduleId: integer("module_id").notNull(),
    /** One engine LogEntry: input, output or error, already redacted and capped. */
    entry: json("entry").notNull(),
  },
  (t) => [primaryKey({ columns: [t.executionId, t.seq] })],
);

/** Bundles parked by a `break` handler, retryable later from the module that failed. */
export const incompleteExecutions = pgTable(
  "incomplete_executions",
  {
    id: text("id").primaryKey(),
    executionId: text("execution_id")
      .notNull()
      .references(() => executions.id, { onDelete: "cascade" }),
    scenarioId: text("scenario_id")
      .notNull()
      .references(() => scenarios.id, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    moduleId: integer("module_id").notNull(),
    state: json("state").notNull(),
    error: jsonb("error").notNull(),
    status: text("status", { enum: ["pending", "retrying", "resolved"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("incomplete_scenario").on(t.scenarioId, t.status)],
);

/** Persistent per-scenario state: flow:increment counters, polling cursors. */
export const scenarioState = pgTable(
  "scenario_state",
  {
    scenarioId: text("scenario_id")
      .notNull()
      .references(() => scenarios.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    value: jsonb("value").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scenarioId, t.key] })],
);

export const connections = pgTable(
  "connections",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** Connection type key and version, e.g. "http-apikey" and 1. */
    type: text("type").notNull(),
    typeVersion: integer("type_version").notNull(),
    /** Non-secret field values, shown to admins and editable in place. */
    values: jsonb("values").notNull().default(sql`'{}'::jsonb`),
    /** Sensitive field values and stored tokens, AES-256-GCM sealed JSON. */
    secrets: text("secrets").notNull(),
    status: text("status", { enum: ["unverified", "verified", "failing", "needs_reauthorization"] }).notNull().default("unverified"),
    lastVerifiedAt: timestamp("last_verified_at", { withTimezone: true }),
    lastError: text("last_error"),
    /** Shared with the whole organisation, or only with the users in connection_shares. */
    sharedWithAll: boolean("shared_with_all").notNull().default(true),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("connections_type").on(t.type, t.typeVersion)],
);

export const connectionShares = pgTable(
  "connection_shares",
  {
    connectionId: text("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.userId] })],
);

/** Tokens obtained at run time (sessions, access tokens), sealed like secrets, shared by all processes. */
export const connectionSessions = pgTable(
  "connection_sessions",
  {
    connectionId: text("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.name] })],
);

export const oauthStates = pgTable("oauth_states", {
  /** sha256 of the state sent to the provider. */
  stateHash: text("state_hash").primaryKey(),
  connectionId: text("connection_id")
    .notNull()
    .references(() => connections.id, { onDelete: "cascade" }),
  actorId: text("actor_id").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** Instance-wide settings, e.g. the check value that tells whether the secret key is the right one. */
export const instanceSettings = pgTable("instance_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

export type ConnectionRow = typeof connections.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type ScenarioRow = typeof scenarios.$inferSelect;
export type ScenarioRevisionRow = typeof scenarioRevisions.$inferSelect;
export type ExecutionRow = typeof executions.$inferSelect;
/** Data structures: named, typed record shapes for data stores (fields in `lib/datastores/structure.ts` form). */
export const dataStructures = pgTable("data_structures", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  fields: jsonb("fields").notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Data stores: keyed records shaped by a data structure (or key-only when it has none). */
export const dataStores = pgTable("data_stores", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** Restrict: a structure in use cannot be deleted out from under its stores. */
  structureId: text("structure_id").references(() => dataStructures.id, { onDelete: "restrict" }),
  maxBytes: integer("max_bytes").notNull(),
  /** Sum of the records' sizes, kept in step under the store row lock. */
  usedBytes: integer("used_bytes").notNull().default(0),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const dataStoreRecords = pgTable(
  "data_store_records",
  {
    storeId: text("store_id")
      .notNull()
      .references(() => dataStores.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    data: jsonb("data").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.key] })],
);

export const schema = {
  users,
  invites,
  loginFailures,
  apiTokens,
  scenarios,
  scenarioRevisions,
  upgradeRuns,
  auditLog,
  executions,
  executionLogs,
  incompleteExecutions,
  scenarioState,
  connections,
  connectionShares,
  connectionSessions,
  oauthStates,
  instanceSettings,
  webhooks,
  dataStructures,
  dataStores,
  dataStoreRecords,
};
