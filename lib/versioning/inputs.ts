import { z } from "zod";

/** "all" outdated modules, or the listed module ids (at least one). */
export const upgradeTargetsSchema = z.union([z.literal("all"), z.array(z.number().int().positive()).min(1).max(2000)]);

export const upgradePlanInput = z.object({ targets: upgradeTargetsSchema });

export const upgradeInput = z.object({
  targets: upgradeTargetsSchema,
  /** The revision the plan was shown for; if someone saved since, the upgrade is refused (409). */
  baseRevision: z.number().int().positive(),
});
