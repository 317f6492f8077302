import { z } from "zod";
import type { ExecutionInfo } from "@/lib/modules/context";
import type { Bundle } from "@/lib/modules/json";
import type { ModuleRegistry } from "@/lib/modules/registry";
import type { EngineBlueprint, ErrorDirectiveName } from "./blueprint";
import type { EngineServices } from "./services";
import type { LoggedRequest } from "./redact";

export type ExecutionStatus = "success" | "warning" | "error" | "incomplete";

/** How the run starts: bundles already in hand (a webhook payload), or by running the trigger module. */
export type TriggerInput =
  | { bundles: Bundle[] }
  /** Runs the first module; a trigger gets `payload` (run once with a manual payload, or none). */
  | { payload?: unknown };

export interface RunLimits {
  /** Trigger bundles per run. Default: settings.maxResultsPerRun, else 100. */
  maxResults?: number;
  /** Default: settings.maxOperationsPerRun, else 100,000. */
  maxOperations?: number;
  /** Default: settings.maxDurationSeconds, else 40 minutes (Fusion's execution timeout). */
  maxDurationMs?: number;
}

export interface RunInput {
  blueprint: EngineBlueprint;
  registry: ModuleRegistry;
  trigger?: TriggerInput;
  limits?: RunLimits;
  /** The run's start time, as mapping functions see `now`. Default: the clock. */
  now?: Date;
  /**
   * The day (YYYY-MM-DD) module sunsets are judged against: a module version past its sunset date does
   * not run, and neither does the run. Default: the UTC date of the start time.
   */
  today?: string;
  signal?: AbortSignal;
  services?: EngineServices;
  execution?: ExecutionInfo;
  onEvent?: (event: EngineEvent) => void;
}

export type ResumeInput = Omit<RunInput, "trigger">;

export type RunErrorType =
  | "DataError"
  | "DuplicateDataError"
  | "ConnectionError"
  | "RateLimitError"
  | "InvalidAccessTokenError"
  | "InvalidConfigurationError"
  | "IncompleteDataError"
  | "RuntimeError"
  | "FilterError"
  | "LimitExceeded"
  | "Cancelled"
  | "BlueprintError"
  | "ModuleSunset"
  | "InvalidResumeState"
  | "InconsistencyError";

export interface RunError {
  type: RunErrorType;
  message: string;
  moduleId?: number;
  /** Field problems of a FieldValidationError: `{ path, message }`. */
  issues?: Array<{ path: string; message: string }>;
}

export interface LogMessage {
  level: "debug" | "info" | "warn" | "error";
  message: string;
  data?: Record<string, unknown>;
}

/** One operation (or failed attempt) of one module on one bundle, as the run inspector shows it. */
export interface LogEntry {
  moduleId: number;
  module: string;
  version: number;
  /** The n-th time this module ran in this run, from 1. */
  bundleIndex: number;
  status: "success" | "error";
  /** The evaluated mapper (aggregators: one per collected bundle). Redacted. */
  input: unknown;
  /** Bundles emitted, or the substitute of a `resume` handler. Redacted. */
  output?: unknown;
  error?: RunError;
  /** The error handler that took the error. */
  handledBy?: ErrorDirectiveName;
  durationMs: number;
  messages?: LogMessage[];
  /** What the module sent (the first few requests), secrets blanked: what an upgrade preview compares. */
  requests?: LoggedRequest[];
  truncated?: true;
}

export interface ExecutionResult {
  status: ExecutionStatus;
  operations: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  log: LogEntry[];
  error: RunError | null;
  /** One resumable state per bundle parked by a `break` handler. */
  incomplete: ResumableState[];
}

export type EngineEvent =
  | { type: "run:start"; startedAt: string }
  | { type: "module:start"; moduleId: number; bundleIndex: number }
  | {
      type: "module:finish";
      moduleId: number;
      bundleIndex: number;
      status: "success" | "error";
      outputBundles: number;
      durationMs: number;
      handledBy?: ErrorDirectiveName;
    }
  | { type: "run:finish"; status: ExecutionStatus; operations: number };

const scopeRecord = z.record(z.string().regex(/^\d+$/), z.unknown());

/** The resumable state of a `break`: stored by the caller, validated when it comes back. */
export const resumableStateSchema = z.object({
  format: z.literal("patchbay.resume"),
  formatVersion: z.literal(1),
  moduleId: z.number().int().positive(),
  module: z.string(),
  moduleVersion: z.number().int().positive(),
  /** What reached the failed module: one bundle, or an aggregator's collected set. */
  pending: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("bundle"), scope: scopeRecord }),
    z.object({ kind: z.literal("aggregate"), scope: scopeRecord, collected: z.array(scopeRecord) }),
  ]),
  variables: z.record(z.string(), z.unknown()),
  error: z.object({ type: z.string(), message: z.string() }).loose(),
  /** The break handler's settings (retry count, interval) for whoever schedules the retry. */
  handler: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export type ResumableState = z.infer<typeof resumableStateSchema>;
