import { sql } from "drizzle-orm";
import {

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
  },
  (t) => [index("scenarios_updated").on(t.updatedAt)],
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
  },
  (t) => [primaryKey({ columns: [t.scenarioId, t.number] })],
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

export type UserRow = typeof users.$inferSelect;
export type ScenarioRow = typeof scenarios.$inferSelect;
export type ScenarioRevisionRow = typeof scenarioRevisions.$inferSelect;
export type ExecutionRow = typeof executions.$inferSelect;
export const schema = {
  users,
  invites,
  loginFailures,
  apiTokens,
  scenarios,
  scenarioRevisions,
  auditLog,
  executions,
  executionLogs,
  incompleteExecutions,
  scenarioState,
};
