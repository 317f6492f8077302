import type { BlueprintWarning } from "../scenario/validate";

/** Which modules to upgrade: every outdated one, or the listed module ids. */
export type UpgradeTargets = "all" | number[];

/** A module's state as the plan shows it, before and after. */
export interface ModuleState {
  version: number;
  params: Record<string, unknown>;
  mapper: Record<string, unknown>;
  connection: string | null;
}

/** One reference rewritten because the module it points at renamed an output. */
export interface RewrittenReference {
  /** The module whose mapper / onError / incoming filter holds the text. */
  moduleId: number;
  /** "mapper.url", "onError.output", "filter[0][1].a". */
  fieldPath: string;
  before: string;
  after: string;
}

/** A field the editor highlights after the upgrade, until someone edits it. */
export interface AttentionField {
  /** "mapper.body", "params.apiVersion", or "connection". */
  fieldPath: string;
  label: string;
  /** Why: the migration notes that name it, or what the upgrade did to it. */
  reasons: string[];
}

export interface ModuleUpgrade {
  moduleId: number;
  module: string;
  title: string;
  before: ModuleState;
  after: ModuleState;
  /** Composed across the chain: a→b then b→c is a→c. */
  renamedOutputs: Record<string, string>;
  /** What was done without a person: version steps, renames, rewritten references. */
  automatic: string[];
  rewrittenReferences: RewrittenReference[];
  /** What a person must look at: the migrations' notes, re-added keys, a connection to pick. */
  attention: string[];
  /** The fields those items concern, for the inspector to highlight. */
  attentionFields: AttentionField[];
  /** The connection type the module declares changed between before and after. */
  connectionTypeChanged: boolean;
  /** What the new version needs ("workfront@2|workfront@3"), or null when it takes no connection. */
  connectionType: string | null;
  /** The current connection no longer fits (it is cleared on apply). */
  connectionIncompatible: boolean;
}

export interface KeptModule {
  moduleId: number;
  module: string;
  version: number;
  latest: number | null;
  reason: string;
}

export interface UpgradePlan {
  /** No new checker errors: the plan can be written. An empty plan is applicable (and changes nothing). */
  applicable: boolean;
  modules: ModuleUpgrade[];
  kept: KeptModule[];
  /** Checker errors the upgrade introduces (absent before it). */
  errors: BlueprintWarning[];
  /** Checker warnings the upgrade introduces. */
  warnings: BlueprintWarning[];
}
