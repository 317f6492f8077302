import { z } from "zod";
import { roleSchema } from "../auth/roles";
import { blueprintSchema } from "../scenario/blueprint";
import { revisionMetaSchema } from "../upgrades/meta";

/** Response shapes of /api/v1: the services return these types, and the OpenAPI document shows them. */
export const blueprintWarningSchema = z.object({
  moduleId: z.number().int().optional(),
  code: z.string(),
  message: z.string(),
  fieldPath: z.string().optional(),
  position: z.number().int().optional(),
});

export const scenarioSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  revision: z.number().int().describe("The current revision number."),
  moduleCount: z.number().int(),
  versions: z
    .object({
      outdated: z.number().int().describe("Modules with a newer version (deprecated and sunset ones included)."),
      deprecated: z.number().int().describe("Modules that still run but stop after their sunset date."),
      sunset: z.number().int().describe("Modules past their sunset date: runs fail until they are upgraded or replaced."),
    })
    .describe("Module versions behind the latest, as of today (PATCHBAY_SUNSET_TODAY when set)."),
  active: z.boolean().describe("Runs by itself (schedule or webhooks)."),
  deactivatedReason: z.string().nullable().describe("Why Patchbay switched it off, if it did."),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const scenarioDetailSchema = scenarioSummarySchema.extend({
  blueprint: blueprintSchema,
  warnings: z.array(blueprintWarningSchema),
});

export const scenarioPageSchema = z.object({
  items: z.array(scenarioSummarySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

const authorSchema = z.object({ id: z.string(), email: z.string(), name: z.string() }).nullable();

export const revisionSummarySchema = z.object({
  number: z.number().int(),
  name: z.string(),
  message: z.string(),
  meta: revisionMetaSchema.nullable().describe("Set when an upgrade, a module replacement, a connection swap or a revert wrote the revision."),
  author: authorSchema,
  createdAt: z.iso.datetime(),
});

export const revisionDetailSchema = revisionSummarySchema.extend({
  description: z.string(),
  blueprint: blueprintSchema,
  warnings: z.array(blueprintWarningSchema),
});

export const userViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  status: z.enum(["active", "invited", "disabled"]),
  createdAt: z.iso.datetime(),
});

export const tokenViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe("The token's first characters, to tell tokens apart."),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});

const runErrorSchema = z
  .object({ type: z.string(), message: z.string(), moduleId: z.number().int().optional() })
  .loose();

export const executionSummarySchema = z.object({
  id: z.string(),
  scenarioId: z.string(),
  revision: z.number().int().describe("The revision that ran."),
  status: z.enum(["queued", "running", "success", "warning", "error", "incomplete"]),
  trigger: z.enum(["manual", "webhook", "schedule", "retry"]),
  operations: z.number().int(),
  attempt: z.number().int(),
  error: runErrorSchema.nullable(),
  retryOf: z.string().nullable(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  durationMs: z.number().int().nullable(),
});

export const executionDetailSchema = executionSummarySchema.extend({
  input: z.unknown().describe("The trigger payload, secrets redacted."),
  log: z.array(
    z
      .object({
        moduleId: z.number().int(),
        module: z.string(),
        version: z.number().int(),
        bundleIndex: z.number().int(),
        status: z.enum(["success", "error"]),
        input: z.unknown(),
        output: z.unknown().optional(),
        error: runErrorSchema.optional(),
        durationMs: z.number(),
        truncated: z.literal(true).optional(),
      })
      .loose(),
  ),
});

export const incompleteViewSchema = z.object({
  id: z.string(),
  executionId: z.string(),
  scenarioId: z.string(),
  revision: z.number().int(),
  moduleId: z.number().int(),
  status: z.enum(["pending", "retrying", "resolved"]),
  attempts: z.number().int(),
  error: runErrorSchema,
  createdAt: z.iso.datetime(),
});

export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.enum([
      "bad_request",
      "unauthorized",
      "forbidden",
      "not_found",
      "conflict",
      "gone",
      "payload_too_large",
      "validation_failed",
      "rate_limited",
      "internal",
    ]),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export type ScenarioSummary = z.infer<typeof scenarioSummarySchema>;
export type ScenarioDetail = z.infer<typeof scenarioDetailSchema>;
export type RevisionSummary = z.infer<typeof revisionSummarySchema>;
export type RevisionDetail = z.infer<typeof revisionDetailSchema>;
export type UserView = z.infer<typeof userViewSchema>;
export type TokenView = z.infer<typeof tokenViewSchema>;
