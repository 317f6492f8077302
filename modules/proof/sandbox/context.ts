import type { CallbackDispatcher } from "./callbacks";
import type { ProofSandboxStore } from "./store";

/** What every part of the sandbox shares: the data, the clock, the settings, the callback sender. */
export interface SandboxContext {
  store: ProofSandboxStore;
  now: () => Date;
  sessionTtlMs: number;
  callbacks: CallbackDispatcher;
}
