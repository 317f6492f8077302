/**
 * The browser-safe half of the mapping language: parsing, static checks, references and the function
 * list. Nothing here imports node:* modules, so editor components can use it directly.
 */
export { MappingEvalError, MappingSyntaxError, isMappingError } from "./errors";
export { hasExpressions, parseExpression, parseTemplate } from "./parser";
export type * from "./ast";
export { KEYWORDS, walkExpression } from "./ast";
export { collectReferences, type Reference } from "./references";
export { rewriteReferences } from "./rewrite";
export { checkMapper, type CheckOptions, type Diagnostic } from "./check";
export { functionCatalog, keywordCatalog, type KeywordInfo } from "./functions/catalog";
export type { FunctionCategory, FunctionInfo } from "./functions/types";
