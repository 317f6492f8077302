/**
 * Errors a module throws. The type names are Fusion's (fusion-features §2.9), so error handlers,
 * auto-retry and deactivation rules can tell a bad payload from a remote outage.
 */
export type ModuleErrorType =
  | "DataError"
  | "DuplicateDataError"
  | "ConnectionError"
  | "RateLimitError"
  | "InvalidAccessTokenError"
  | "InvalidConfigurationError"
  | "IncompleteDataError"
  | "RuntimeError";

export class ModuleError extends Error {
  readonly type: ModuleErrorType;

  constructor(type: ModuleErrorType, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = type;
    this.type = type;
  }
}

/** The input is wrong (bad JSON, a value out of range): retrying with the same input fails again. */
export class DataError extends ModuleError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("DataError", message, options);
  }
}

/** The remote side could not be reached or failed; retrying later may succeed. */
export class ConnectionError extends ModuleError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("ConnectionError", message, options);
  }
}

/** The module or its connection is set up wrongly (a missing connection, a wrong connection type). */
export class InvalidConfigurationError extends ModuleError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("InvalidConfigurationError", message, options);
  }
}

export interface FieldIssue {
  /** Where the value sits, e.g. `recipients[1].email` (array positions 1-based, as in the mapping language). */
  path: string;
  message: string;
}

/** A field value that cannot be used: missing, of the wrong type, out of range. Names the field. */
export class FieldValidationError extends ModuleError {
  readonly issues: FieldIssue[];

  constructor(issues: FieldIssue[]) {
    const first = issues[0]?.message ?? "Invalid field values.";
    super("DataError", issues.length > 1 ? `${first} (and ${issues.length - 1} more)` : first);
    this.name = "FieldValidationError";
    this.issues = issues;
  }
}
