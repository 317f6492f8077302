import { FieldValidationError, ModuleError } from "@/lib/modules/errors";
import { FilterError } from "./filters";
import { MappingEvalError, MappingSyntaxError } from "./mapping";
import { BlueprintError } from "./plan";
import type { RunError } from "./types";

export type LimitName = "results" | "operations" | "duration";

/** A per-run limit was reached; the run stops as an error that says which limit and how to raise it. */
export class LimitExceededError extends Error {
  readonly limit: LimitName;

  constructor(limit: LimitName, message: string) {
    super(message);
    this.name = "LimitExceeded";
    this.limit = limit;
  }
}

/**
 * Unwinds the whole run from deep inside the depth-first walk: an unhandled error, a rollback, or a
 * commit (which stops the run but keeps its work).
 */
export class RunStop extends Error {
  readonly outcome: "error" | "commit";
  readonly runError: RunError;

  constructor(outcome: "error" | "commit", runError: RunError) {
    super(runError.message);
    this.name = "RunStop";
    this.outcome = outcome;
    this.runError = runError;
  }
}

/** A stored incomplete execution that does not parse: nothing can be resumed from it. */
export class InvalidResumeStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidResumeStateError";
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function toRunError(error: unknown, moduleId?: number): RunError {
  const at = moduleId === undefined ? {} : { moduleId };
  if (error instanceof FieldValidationError) return { type: "DataError", message: error.message, ...at, issues: error.issues };
  if (error instanceof ModuleError) return { type: error.type, message: error.message, ...at };
  if (error instanceof MappingEvalError || error instanceof MappingSyntaxError) {
    const where = error.fieldPath ? ` in field ${error.fieldPath}` : "";
    return { type: "DataError", message: `Mapping failed${where}: ${error.message}`, ...at };
  }
  if (error instanceof FilterError) return { type: "FilterError", message: error.message, ...at };
  if (error instanceof BlueprintError) return { type: "BlueprintError", message: error.message, ...at };
  if (error instanceof InvalidResumeStateError) return { type: "InvalidResumeState", message: error.message, ...at };
  if (error instanceof LimitExceededError) return { type: "LimitExceeded", message: error.message, ...at };
  return { type: "RuntimeError", message: messageOf(error) || "The module failed without a message.", ...at };
}
