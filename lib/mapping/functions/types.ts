import type { WalkBudget } from "../values";

export type FunctionCategory = "general" | "text" | "math" | "date" | "array" | "encoding";

/** What the editor shows for one function. `maxArgs` is `Infinity` for functions taking any number. */
export interface FunctionInfo {
  name: string;
  category: FunctionCategory;
  /** Fusion-style, e.g. `formatDate(date; format; [timezone])`. */
  signature: string;
  description: string;
  minArgs: number;
  maxArgs: number;
}

/** What a function sees of the evaluation context. */
export interface FunctionEnv {
  timezone: string;
  now: Date;
  /** Shared by every comparison and de-duplication of one evaluation. */
  work: WalkBudget;
}

export type EagerCall = (args: unknown[], env: FunctionEnv) => unknown;
/** Lazy functions (`if`, `ifempty`, `switch`) receive thunks and evaluate only the branch they return. */
export type LazyCall = (args: ReadonlyArray<() => unknown>, env: FunctionEnv) => unknown;

export type FunctionImpl = { lazy: false; call: EagerCall } | { lazy: true; call: LazyCall };

export const eager = (call: EagerCall): FunctionImpl => ({ lazy: false, call });
export const lazy = (call: LazyCall): FunctionImpl => ({ lazy: true, call });

export type FunctionTable = Readonly<Record<string, FunctionImpl>>;
