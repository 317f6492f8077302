import { z } from "zod";
import { upgradeInput, upgradeTargetsSchema } from "../versioning/inputs";

const connectionId = z.string().min(1).max(200);

/** Module id → the connection to give it (compatible with its new version), chosen in the upgrade dialog. */
export const moduleConnectionsSchema = z
  .record(z.string().regex(/^\d+$/, "Keys are module ids."), connectionId)
  .describe("For modules whose connection no longer fits: module id → a compatible connection id.");

/** Old connection id → new connection id: every upgraded module that had the old one (and lost it) gets the new one. */
export const connectionMapSchema = z
  .record(connectionId, connectionId)
  .describe("Old connection id → new connection id, for upgraded modules whose connection no longer fits.");

export const scenarioUpgradeInput = upgradeInput.extend({ connections: moduleConnectionsSchema.optional() });

const scenarioSelection = z.object({
  scenarioId: z.string().min(1).max(100),
  targets: upgradeTargetsSchema.default("all"),
});

export const bulkPlanInput = z.object({
  scenarios: z.array(scenarioSelection).min(1, "Select at least one scenario.").max(500),
});

export const bulkApplyInput = z.object({
  scenarios: z
    .array(
      scenarioSelection.extend({
        /** The revision the bulk plan showed; a scenario saved since is kept, not upgraded. */
        baseRevision: z.number().int().positive().optional(),
      }),
    )
    .min(1, "Select at least one scenario.")
    .max(500),
  connectionMap: connectionMapSchema.optional(),
});

export type BulkApplyInput = z.infer<typeof bulkApplyInput>;
export type ScenarioUpgradeInput = z.infer<typeof scenarioUpgradeInput>;
