/**
 * The parts of a blueprint (design §3) the engine reads. Structurally compatible with the zod-derived
 * `Blueprint` of lib/scenario/blueprint.ts, so a parsed blueprint can be passed as is, and so can a
 * hand-written one in a test.
 */
export const ERROR_DIRECTIVES = ["ignore", "resume", "break", "rollback", "commit"] as const;
export type ErrorDirectiveName = (typeof ERROR_DIRECTIVES)[number];

export interface EngineErrorHandler {
  directive: ErrorDirectiveName;
  /** resume: the substitute output bundle (mappable). break: retry settings, carried into the resume state. */
  [setting: string]: unknown;
}

export interface EngineFilterCondition {
  a: unknown;
  op: string;
  b?: unknown;
}

export interface EngineFilter {
  label?: string;
  /** OR of AND groups. */
  conditions: EngineFilterCondition[][];
}

export interface EngineModule {
  id: number;
  module: string;
  version: number;
  connection?: string | null;
  params?: Record<string, unknown>;
  mapper?: Record<string, unknown>;
  onError?: EngineErrorHandler | null;
}

export interface EngineLink {
  from: number;
  to: number;
  filter?: EngineFilter | null;
  fallback?: boolean;
}

export interface EngineSettings {
  timezone?: string;
  maxResultsPerRun?: number;
  maxOperationsPerRun?: number;
  maxDurationSeconds?: number;
}

export interface EngineBlueprint {
  schemaVersion: number;
  modules: readonly EngineModule[];
  links: readonly EngineLink[];
  settings?: EngineSettings;
}
