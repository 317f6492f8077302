/** The engine's only door to the mapping language (lib/mapping), which it never re-implements. */
export { evaluateMapper, MappingEvalError, MappingSyntaxError, type EvalContext } from "@/lib/mapping";
