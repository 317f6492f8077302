/**
 * The two error types the mapping language throws. Anything else escaping this package is a bug:
 * the evaluator converts stray exceptions from function implementations into MappingEvalError.
 */

export class MappingSyntaxError extends Error {
  /** Offset in the whole template string where parsing failed. */
  readonly position: number;
  /** What the parser wanted at `position`, e.g. `";" or ")"`. */
  readonly expected: string;
  /** What was there instead, e.g. `","` or `end of text`, when known. */
  found?: string;
  /** Set by evaluateMapper: where in the mapper the broken string sits. */
  fieldPath?: string;

  constructor(expected: string, position: number, message?: string) {
    super(message ?? `Expected ${expected} at position ${position}`);
    this.name = "MappingSyntaxError";
    this.position = position;
    this.expected = expected;
  }
}

export class MappingEvalError extends Error {
  /** The function that failed, when a function failed. */
  readonly fn?: string;
  /** Set by evaluateMapper: where in the mapper the failing string sits. */
  fieldPath?: string;

  constructor(message: string, fn?: string) {
    super(fn === undefined ? message : `${fn}: ${message}`);
    this.name = "MappingEvalError";
    if (fn !== undefined) this.fn = fn;
  }
}

export function isMappingError(error: unknown): error is MappingSyntaxError | MappingEvalError {
  return error instanceof MappingSyntaxError || error instanceof MappingEvalError;
}
