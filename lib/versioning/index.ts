/** The module upgrade planner (design §6): plan, show, apply. Framework-free and pure. */
export { applyPlan, planUpgrade, PlanMismatchError, upgradeMessage, CONNECTION_NOTE_PREFIX, type BlueprintCheck, type PlanOptions } from "./plan";
export { composeRenames, renamePath, type Renames } from "./renames";
export { migrationChain, runChain, type ChainResult } from "./chain";
export { downstreamOf, rewriteDownstream } from "./references";
export type * from "./types";
export { upgradeInput, upgradePlanInput, upgradeTargetsSchema } from "./inputs";
export { planReplacement, applyReplacement, ReplacementError, type ReplacementPlan } from "./replace";
export { swapConnection, swapMessage, type ConnectionSwap } from "./swap";
