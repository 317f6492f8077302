import { z } from "zod";
import { blueprintWarningSchema, scenarioDetailSchema } from "../api/views";

/** Response shapes of the upgrade API: the services return these types, the OpenAPI document shows them. */
const moduleStateSchema = z.object({
  version: z.number().int(),
  params: z.record(z.string(), z.unknown()),
  mapper: z.record(z.string(), z.unknown()),
  connection: z.string().nullable(),
});

export const upgradePlanSchema = z.object({
  applicable: z.boolean().describe("No new checker errors: the plan can be applied. An empty plan is applicable and changes nothing."),
  modules: z.array(
    z.object({
      moduleId: z.number().int(),
      module: z.string(),
      title: z.string(),
      before: moduleStateSchema,
      after: moduleStateSchema,
      renamedOutputs: z.record(z.string(), z.string()),
      automatic: z.array(z.string()),
      rewrittenReferences: z.array(z.object({ moduleId: z.number().int(), fieldPath: z.string(), before: z.string(), after: z.string() })),
      attention: z.array(z.string()),
      attentionFields: z.array(z.object({ fieldPath: z.string(), label: z.string(), reasons: z.array(z.string()) })),
      connectionTypeChanged: z.boolean(),
      connectionType: z.string().nullable().describe("What the new version needs, e.g. workfront@2|workfront@3."),
      connectionIncompatible: z.boolean(),
    }),
  ),
  kept: z.array(z.object({ moduleId: z.number().int(), module: z.string(), version: z.number().int(), latest: z.number().int().nullable(), reason: z.string() })),
  errors: z.array(blueprintWarningSchema),
  warnings: z.array(blueprintWarningSchema),
});

export const scenarioPlanSchema = upgradePlanSchema.extend({ baseRevision: z.number().int() });

export const runSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(["upgrade", "swap-connection"]),
  actor: z.object({ id: z.string(), email: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
  revertedAt: z.iso.datetime().nullable(),
  counts: z.object({ upgraded: z.number().int(), attention: z.number().int(), kept: z.number().int() }),
});

const deprecationSchema = z.object({ since: z.string(), sunset: z.string(), reason: z.string() }).nullable();

export const usageReportSchema = z.object({
  today: z.string().describe("The date sunsets are judged against (PATCHBAY_SUNSET_TODAY when set)."),
  apps: z.array(
    z.object({
      app: z.string(),
      title: z.string(),
      modules: z.array(
        z.object({
          module: z.string(),
          title: z.string(),
          version: z.number().int(),
          latest: z.number().int(),
          status: z.enum(["outdated", "deprecated", "sunset"]),
          deprecated: deprecationSchema,
          upgradable: z.boolean().describe("A migration chain leads to the latest version."),
          uses: z.array(
            z.object({
              scenarioId: z.string(),
              scenarioName: z.string(),
              revision: z.number().int(),
              active: z.boolean(),
              moduleIds: z.array(z.number().int()),
            }),
          ),
        }),
      ),
    }),
  ),
  totals: z.object({ scenarios: z.number().int(), uses: z.number().int(), deprecated: z.number().int(), sunset: z.number().int() }),
  runs: z.array(runSummarySchema).describe("The latest upgrade runs, newest first."),
});

export const outcomeSchema = z.object({
  scenarioId: z.string(),
  name: z.string(),
  outcome: z.enum(["upgraded", "attention", "kept"]).describe("upgraded; applied but needs attention (items listed); kept unchanged (reason given)."),
  reason: z.string().optional(),
  active: z.boolean(),
  baseRevision: z.number().int().nullable(),
  revision: z.number().int().nullable().describe("The revision the upgrade wrote."),
  modules: z.array(z.object({ moduleId: z.number().int(), module: z.string(), title: z.string(), from: z.number().int(), to: z.number().int() })),
  attention: z.array(z.object({ moduleId: z.number().int(), title: z.string(), items: z.array(z.string()) })),
});

export const bulkPlanEntrySchema = z.object({
  scenarioId: z.string(),
  name: z.string(),
  active: z.boolean(),
  baseRevision: z.number().int().nullable(),
  expected: z.enum(["upgrade", "attention", "kept"]),
  reason: z.string().optional(),
  plan: upgradePlanSchema.nullable(),
  /** Connections the upgrade would clear, for a connection map. */
  incompatibleConnections: z.array(z.object({ connectionId: z.string(), needs: z.string(), moduleIds: z.array(z.number().int()) })),
});

export const bulkPlanSchema = z.object({ scenarios: z.array(bulkPlanEntrySchema) });

export const revertEntrySchema = z.object({
  scenarioId: z.string(),
  name: z.string(),
  outcome: z.enum(["reverted", "refused", "skipped"]).describe("skipped: the run did not change this scenario."),
  reason: z.string().optional(),
  revision: z.number().int().nullable().describe("The revision the revert wrote."),
});

export const runDetailSchema = runSummarySchema.extend({
  results: z.array(outcomeSchema),
  revert: z.array(revertEntrySchema).nullable(),
});

export const scenarioUpgradeResultSchema = z.object({
  scenario: scenarioDetailSchema,
  plan: scenarioPlanSchema,
  runId: z.string().nullable().describe("The upgrade run; null when there was nothing to upgrade."),
});

export type UsageReport = z.infer<typeof usageReportSchema>;
export type Outcome = z.infer<typeof outcomeSchema>;
export type BulkPlanEntry = z.infer<typeof bulkPlanEntrySchema>;
export type RevertEntry = z.infer<typeof revertEntrySchema>;
export type RunSummary = z.infer<typeof runSummarySchema>;
export type RunDetail = z.infer<typeof runDetailSchema>;
