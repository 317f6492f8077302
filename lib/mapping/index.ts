/**
 * Patchbay's mapping language: `{{ … }}` expressions inside module mapper values (Fusion's IML).
 * Framework-free; runs in workers and in Next. Browser code that only needs parsing, checking and the
 * function list should import `./client`, which leaves out the evaluator (and node:crypto).
 */
import { parseCached } from "./cache";
import { Evaluator, type EvalContext } from "./evaluate";
import { isMappingError } from "./errors";
import { mapStrings } from "./mapper";
import { hasExpressions } from "./parser";

export type { EvalContext } from "./evaluate";
export { MappingEvalError, MappingSyntaxError, isMappingError } from "./errors";
export { hasExpressions, parseExpression, parseTemplate } from "./parser";
export type * from "./ast";
export { KEYWORDS, walkExpression } from "./ast";
export { collectReferences, type Reference } from "./references";
export { rewriteReferences } from "./rewrite";
export { checkMapper, type CheckOptions, type Diagnostic } from "./check";
export { functionCatalog, keywordCatalog, type KeywordInfo } from "./functions/catalog";
export type { FunctionCategory, FunctionInfo } from "./functions/types";
export type { OutputField, OutputSpec } from "../scenario/output-spec";

/** One template's value: the expression's own type when the string is exactly `{{expr}}`, else text. */
export function evaluateTemplate(source: string, ctx: EvalContext): unknown {
  const template = parseCached(source);
  return new Evaluator(ctx).evaluateTemplate(template);
}

/** Deep-walks objects/arrays; every string is evaluated as a template; other values returned as-is. */
export function evaluateMapper(value: unknown, ctx: EvalContext): unknown {
  const evaluator = new Evaluator(ctx);
  return mapStrings(value, (text, fieldPath) => {
    if (!hasExpressions(text)) return text;
    try {
      return evaluator.evaluateTemplate(parseCached(text));
    } catch (error) {
      if (isMappingError(error)) error.fieldPath = fieldPath;
      throw error;
    }
  });
}
