/** Shared by the mapping tests: a fixed clock and a context built from plain bundles. */
import { expect } from "vitest";
import { MappingEvalError, MappingSyntaxError } from "./errors";
import type { EvalContext } from "./evaluate";
import { evaluateTemplate } from "./index";

export const FIXED_NOW = new Date("2024-03-15T12:34:56.789Z");

export function context(bundles: Record<number, unknown> = {}, overrides: Partial<EvalContext> = {}): EvalContext {
  return {
    resolveModule: (id) => bundles[id],
    timezone: "UTC",
    now: FIXED_NOW,
    ...overrides,
  };
}

export function run(source: string, bundles: Record<number, unknown> = {}, overrides: Partial<EvalContext> = {}): unknown {
  return evaluateTemplate(source, context(bundles, overrides));
}

/** Evaluates `{{expression}}` in the given time zone (UTC by default). */
export function calc(expression: string, timezone = "UTC", bundles: Record<number, unknown> = {}): unknown {
  return run(`{{${expression}}}`, bundles, { timezone });
}

export function evalError(action: () => unknown): MappingEvalError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(MappingEvalError);
    return error as MappingEvalError;
  }
  throw new Error("expected a MappingEvalError, but nothing was thrown");
}

export function syntaxError(action: () => unknown): MappingSyntaxError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(MappingSyntaxError);
    return error as MappingSyntaxError;
  }
  throw new Error("expected a MappingSyntaxError, but nothing was thrown");
}
