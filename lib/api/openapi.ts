import { z } from "zod";
import { roleSchema } from "../auth/roles";
import { checkResultSchema, checkScenarioInput, createScenarioInput, listScenariosQuery, restoreInput, updateScenarioInput } from "../scenarios/service";
import { createTokenInput } from "../tokens/service";
import { createUserInput, passwordSchema, updateUserInput } from "../users/service";
import {
  errorEnvelopeSchema,
  revisionDetailSchema,
  revisionSummarySchema,
  scenarioDetailSchema,
  scenarioPageSchema,
  tokenViewSchema,
  userViewSchema,
} from "./views";
import { scenarioExportSchema } from "../scenario/export";
import { listExecutionsQuery, runInput } from "../executions/service";
import { describeModuleQuery } from "../modules-catalog";
import { executionDetailSchema, executionSummarySchema, incompleteViewSchema } from "./views";
import { dataStoreOperations, referenceReportSchema } from "../datastores/openapi";
import { upgradePlanInput } from "../versioning/inputs";
import { bulkApplyInput, bulkPlanInput, scenarioUpgradeInput } from "../upgrades/inputs";
import { bulkSwapInput, replaceInput, replacePlanInput, swapInput } from "../upgrades/changes";
import { previewInput, upgradePreviewSchema } from "../upgrades/preview";
import { attentionItemSchema } from "../upgrades/meta";
import { bulkPlanSchema, runDetailSchema, scenarioPlanSchema, scenarioUpgradeResultSchema, usageReportSchema } from "../upgrades/views";

export interface Operation {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  tag: string;
  role: z.infer<typeof roleSchema> | "public";
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: { status: number; schema?: z.ZodType; description?: string };
}

const items = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });

/** Every /api/v1 operation, built from the very schemas the handlers parse with. */
export const operations: Operation[] = [
  { method: "get", path: "/scenarios", summary: "List scenarios (paged, name search)", tag: "Scenarios", role: "viewer", query: listScenariosQuery, response: { status: 200, schema: scenarioPageSchema } },
  { method: "post", path: "/scenarios", summary: "Create a scenario", tag: "Scenarios", role: "builder", body: createScenarioInput, response: { status: 201, schema: scenarioDetailSchema } },
  { method: "get", path: "/scenarios/{id}", summary: "Get a scenario with its current blueprint", tag: "Scenarios", role: "viewer", response: { status: 200, schema: scenarioDetailSchema } },
  { method: "put", path: "/scenarios/{id}", summary: "Save a new revision (409 when baseRevision is stale)", tag: "Scenarios", role: "builder", body: updateScenarioInput, response: { status: 200, schema: scenarioDetailSchema } },
  { method: "post", path: "/scenarios/{id}/check", summary: "Run the save-time checks on an unsaved blueprint (errors and warnings per module and field)", tag: "Scenarios", role: "builder", body: checkScenarioInput, response: { status: 200, schema: checkResultSchema } },
  { method: "post", path: "/scenarios/{id}/listen", summary: "Run once on the next webhook call: the scenario's next call runs it even while inactive (5 minutes)", tag: "Executions", role: "builder", response: { status: 200, schema: z.object({ path: z.string(), since: z.iso.datetime(), until: z.iso.datetime() }) } },
  { method: "delete", path: "/scenarios/{id}/listen", summary: "Stop waiting for the next webhook call", tag: "Executions", role: "builder", response: { status: 204 } },
  { method: "get", path: "/executions/{id}/events", summary: "Server-sent events of a run as it happens (engine events, then finished)", tag: "Executions", role: "viewer", response: { status: 200, description: "text/event-stream" } },
  { method: "delete", path: "/scenarios/{id}", summary: "Delete a scenario", tag: "Scenarios", role: "builder", response: { status: 204 } },
  { method: "post", path: "/scenarios/{id}/duplicate", summary: "Duplicate a scenario", tag: "Scenarios", role: "builder", body: z.object({ name: z.string().optional() }), response: { status: 201, schema: scenarioDetailSchema } },
  { method: "get", path: "/scenarios/{id}/export", summary: "Download the scenario as a blueprint file", tag: "Scenarios", role: "viewer", response: { status: 200, schema: scenarioExportSchema } },
  { method: "post", path: "/scenarios/import", summary: "Create a scenario from an exported blueprint file; data stores and structures are matched by name (references.missing: cleared)", tag: "Scenarios", role: "builder", query: z.object({ name: z.string().optional() }), body: scenarioExportSchema, response: { status: 201, schema: scenarioDetailSchema.extend({ references: referenceReportSchema }) } },
  { method: "get", path: "/scenarios/{id}/revisions", summary: "List revisions, newest first", tag: "Revisions", role: "viewer", response: { status: 200, schema: items(revisionSummarySchema) } },
  { method: "get", path: "/scenarios/{id}/revisions/{n}", summary: "Get one revision", tag: "Revisions", role: "viewer", response: { status: 200, schema: revisionDetailSchema } },
  { method: "post", path: "/scenarios/{id}/revisions/{n}/restore", summary: "Restore a revision (writes a new revision)", tag: "Revisions", role: "builder", body: restoreInput, response: { status: 201, schema: scenarioDetailSchema } },
  { method: "post", path: "/scenarios/{id}/run", summary: "Queue a run of the current revision (optional trigger payload)", tag: "Executions", role: "builder", body: runInput, response: { status: 202, schema: executionSummarySchema } },
  { method: "get", path: "/scenarios/{id}/executions", summary: "Execution history, newest first", tag: "Executions", role: "viewer", query: listExecutionsQuery, response: { status: 200, schema: z.object({ items: z.array(executionSummarySchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() }) } },
  { method: "get", path: "/executions/{id}", summary: "One execution with its per-module, per-bundle log", tag: "Executions", role: "viewer", response: { status: 200, schema: executionDetailSchema } },
  { method: "get", path: "/executions/{id}/events", summary: "The run's progress as server-sent events (text/event-stream): `engine` events as modules start and finish, then `finished` with the outcome", tag: "Executions", role: "viewer", response: { status: 200 } },
  { method: "get", path: "/scenarios/{id}/incomplete", summary: "Incomplete executions waiting for a retry", tag: "Executions", role: "viewer", response: { status: 200, schema: items(incompleteViewSchema) } },
  { method: "post", path: "/incomplete/{id}/retry", summary: "Retry from the failed module with the stored bundle", tag: "Executions", role: "builder", response: { status: 202, schema: executionSummarySchema } },
  { method: "delete", path: "/incomplete/{id}", summary: "Discard an incomplete execution", tag: "Executions", role: "builder", response: { status: 204 } },
  { method: "post", path: "/scenarios/{id}/upgrade-plan", summary: "Plan upgrading modules of the current revision (targets: module ids or \"all\"); nothing is written", tag: "Upgrades", role: "viewer", body: upgradePlanInput, response: { status: 200, schema: scenarioPlanSchema } },
  { method: "post", path: "/scenarios/{id}/upgrade", summary: "Apply an upgrade against the base revision as a new revision (stale base: 409; new checker errors: 422)", tag: "Upgrades", role: "builder", body: scenarioUpgradeInput, response: { status: 200, schema: scenarioUpgradeResultSchema } },
  { method: "post", path: "/scenarios/{id}/upgrade-preview", summary: "Request preview: what the old version sent in the last execution beside what the new version would send, built without sending", tag: "Upgrades", role: "builder", body: previewInput, response: { status: 200, schema: upgradePreviewSchema } },
  { method: "get", path: "/scenarios/{id}/attention", summary: "Fields an upgrade or replacement asked a person to check, still unedited", tag: "Upgrades", role: "viewer", response: { status: 200, schema: items(attentionItemSchema) } },
  { method: "post", path: "/scenarios/{id}/replace-plan", summary: "Plan replacing a module with another (\"choose new\"): fields carried, references re-pointed, what cannot be carried", tag: "Upgrades", role: "viewer", body: replacePlanInput, response: { status: 200 } },
  { method: "post", path: "/scenarios/{id}/replace", summary: "Replace a module with another as a new revision (stale base: 409)", tag: "Upgrades", role: "builder", body: replaceInput, response: { status: 200 } },
  { method: "post", path: "/scenarios/{id}/swap-connection", summary: "One connection for every module of an app in this scenario (a revertible run)", tag: "Upgrades", role: "builder", body: swapInput, response: { status: 200 } },
  { method: "get", path: "/upgrades", summary: "Outdated, deprecated and sunset module versions in use, grouped by app and module, with the latest runs", tag: "Upgrades", role: "builder", response: { status: 200, schema: usageReportSchema } },
  { method: "post", path: "/upgrades/plan", summary: "Bulk plan: one upgrade plan per selected scenario; nothing is written", tag: "Upgrades", role: "builder", body: bulkPlanInput, response: { status: 200, schema: bulkPlanSchema } },
  { method: "post", path: "/upgrades/apply", summary: "Bulk apply as one run (the bulk id): per scenario upgraded, needs attention, or kept with the reason; never half-applied inside a scenario", tag: "Upgrades", role: "builder", body: bulkApplyInput, response: { status: 201, schema: runDetailSchema } },
  { method: "get", path: "/upgrades/{bulkId}", summary: "One run with its per-scenario report (and its revert report)", tag: "Upgrades", role: "builder", response: { status: 200, schema: runDetailSchema } },
  { method: "post", path: "/upgrades/{bulkId}/revert", summary: "Revert the whole run; scenarios changed since are refused and reported (a run reverts once: 409 after)", tag: "Upgrades", role: "builder", response: { status: 200, schema: runDetailSchema } },
  { method: "post", path: "/upgrades/swap-connection", summary: "Admins: one connection for an app's modules across several scenarios, as one revertible run", tag: "Upgrades", role: "admin", body: bulkSwapInput, response: { status: 201, schema: runDetailSchema } },
  { method: "get", path: "/modules", summary: "Apps, their modules and every version (with deprecation data)", tag: "Modules", role: "viewer", response: { status: 200 } },
  { method: "get", path: "/modules/{key}/{version}", summary: "One module version with its field and output specs", tag: "Modules", role: "viewer", query: describeModuleQuery, response: { status: 200 } },
  { method: "get", path: "/users", summary: "List users", tag: "Users", role: "admin", response: { status: 200, schema: items(userViewSchema) } },
  { method: "post", path: "/users", summary: "Create a user (with a password) or invite one (without)", tag: "Users", role: "admin", body: createUserInput, response: { status: 201, schema: z.object({ user: userViewSchema, invitePath: z.string().optional() }) } },
  { method: "patch", path: "/users/{id}", summary: "Change a user's name or role, disable or re-enable them", tag: "Users", role: "admin", body: updateUserInput, response: { status: 200, schema: userViewSchema } },
  { method: "post", path: "/users/{id}/invite", summary: "Issue a new invite link", tag: "Users", role: "admin", response: { status: 201, schema: z.object({ invitePath: z.string() }) } },
  { method: "get", path: "/invites/{token}", summary: "Who an invite is for", tag: "Users", role: "public", response: { status: 200, schema: z.object({ email: z.string() }) } },
  { method: "post", path: "/invites/{token}", summary: "Accept an invite by choosing a password", tag: "Users", role: "public", body: z.object({ password: passwordSchema }), response: { status: 200, schema: userViewSchema } },
  { method: "get", path: "/me", summary: "The signed-in user", tag: "Users", role: "viewer", response: { status: 200, schema: userViewSchema.pick({ id: true, email: true, name: true, role: true }) } },
  { method: "get", path: "/tokens", summary: "My API tokens", tag: "Tokens", role: "viewer", response: { status: 200, schema: items(tokenViewSchema) } },
  { method: "post", path: "/tokens", summary: "Create an API token (shown once)", tag: "Tokens", role: "viewer", body: createTokenInput, response: { status: 201, schema: tokenViewSchema.extend({ token: z.string() }) } },
  { method: "delete", path: "/tokens/{id}", summary: "Revoke an API token", tag: "Tokens", role: "viewer", response: { status: 204 } },
  ...dataStoreOperations,
];

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  // OpenAPI 3.1 schema objects are JSON Schema 2020-12; the per-schema $schema marker is noise there.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });
  return rest;
}

export function buildOpenApiDocument(extra: Operation[] = []): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of [...operations, ...extra]) {
    const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const queryParams = op.query
      ? Object.entries(op.query.shape).map(([name, schema]) => ({
          name,
          in: "query",
          required: false,
          schema: jsonSchema(schema as z.ZodType, "input"),
        }))
      : [];
    const responses: Record<string, unknown> = {
      [op.response?.status ?? 200]: op.response?.schema
        ? { description: op.response.description ?? "OK", content: { "application/json": { schema: jsonSchema(op.response.schema, "output") } } }
        : { description: op.response?.description ?? "No content" },
      default: { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    };
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      tags: [op.tag],
      description: op.role === "public" ? "No authentication." : `Needs the ${op.role} role (or higher).`,
      ...(op.role === "public" ? { security: [] } : {}),
      parameters: [...pathParams, ...queryParams],
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Patchbay API", version: "1", description: "Scenarios, revisions, module upgrades, users and tokens. Errors use one envelope: { error: { code, message, details? } }." },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "A personal API token (pb_…), created under My tokens." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas: { Error: jsonSchema(errorEnvelopeSchema, "output") },
    },
    paths,
  };
}
