/**
 * Bounds that keep one evaluation cheap whatever a scenario author (or attacker) writes.
 * Mapper strings come from people; bundles come from remote APIs. Neither may hang a worker.
 */

/** Parentheses, calls, brackets and prefix operators nested deeper than this are a syntax error. */
export const MAX_NESTING = 64;
/** Depth of the expression tree (long operator chains count too), which bounds evaluator recursion. */
export const MAX_TREE_DEPTH = 256;
/** Characters in any string an expression produces, and in the JSON size of a whole result. */
export const MAX_RESULT_CHARS = 10 * 1024 * 1024;
/** Elements in any array an expression builds. */
export const MAX_ARRAY_ITEMS = 1_000_000;
/** Nodes visited by one walk over nested values (one JSON rendering, one comparison). */
export const MAX_WALK_NODES = 2_000_000;
/** Nodes visited by all comparisons and de-duplications of one evaluation together, so that
 *  `distinct` or `contains` over many large items cannot multiply the per-walk bound. */
export const MAX_EVALUATION_WORK = 10_000_000;
/** Regular expressions: longest accepted pattern and longest text one runs against. */
export const MAX_REGEX_PATTERN = 1_000;
export const MAX_REGEX_INPUT = 1_000_000;
/** Nesting of objects/arrays walked by evaluateMapper and the checker. */
export const MAX_MAPPER_DEPTH = 200;
