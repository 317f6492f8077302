import type { PlanNode } from "./plan";
import { capEntry, redact, redactRequest, toJsonSafe, type LoggedRequest } from "./redact";
import { sensitiveKeys } from "./sensitive";
import type { EngineEvent, LogEntry, LogMessage } from "./types";

/** One try of one module on one bundle (or one aggregated set), until it is recorded. */
export interface Attempt {
  bundleIndex: number;
  started: number;
  /** The evaluated mapper, as far as evaluation got. */
  input: unknown;
  messages: LogMessage[];
  /** Requests the module sent through the guarded client (the first few). */
  requests: LoggedRequest[];
}

/** Enough to see what a module sent; a module that pages through hundreds of results keeps its first ones. */
export const MAX_REQUESTS_PER_OPERATION = 5;

export type Outcome = Pick<LogEntry, "status" | "output" | "error" | "handledBy">;

const BULKY: Array<keyof LogEntry & string> = ["input", "output", "messages", "requests"];

/**
 * The per-module, per-bundle log the run inspector shows. Entries are redacted and capped as they are
 * recorded, so a long run holds at most 64 KiB per operation.
 */
export class ExecutionLog {
  private readonly entries: LogEntry[] = [];
  private readonly counters = new Map<number, number>();

  constructor(
    private readonly clock: () => number,
    /** Secret text from connections resolved so far; grows during the run. */
    private readonly secretValues: readonly string[],
    private readonly emit: (event: EngineEvent) => void,
  ) {}

  begin(node: PlanNode): Attempt {
    const bundleIndex = (this.counters.get(node.id) ?? 0) + 1;
    this.counters.set(node.id, bundleIndex);
    this.emit({ type: "module:start", moduleId: node.id, bundleIndex });
    return { bundleIndex, started: this.clock(), input: undefined, messages: [], requests: [] };
  }

  record(node: PlanNode, attempt: Attempt, outcome: Outcome): void {
    const durationMs = Math.max(0, this.clock() - attempt.started);
    const options = { secretKeys: sensitiveKeys(node.def), secretValues: this.secretValues };
    const entry: LogEntry = {
      moduleId: node.id,
      module: node.def.key,
      version: node.def.version,
      bundleIndex: attempt.bundleIndex,
      status: outcome.status,
      input: toJsonSafe(redact(attempt.input ?? null, options)),
      ...(outcome.output !== undefined ? { output: toJsonSafe(redact(outcome.output, options)) } : {}),
      ...(outcome.error ? { error: outcome.error } : {}),
      ...(outcome.handledBy ? { handledBy: outcome.handledBy } : {}),
      durationMs,
      ...(attempt.messages.length > 0 ? { messages: attempt.messages } : {}),
      ...(attempt.requests.length > 0 ? { requests: attempt.requests.map((r) => redactRequest(r, options)) } : {}),
    };
    this.entries.push(capEntry(entry, BULKY));
    this.emit({
      type: "module:finish",
      moduleId: node.id,
      bundleIndex: attempt.bundleIndex,
      status: outcome.status,
      outputBundles: Array.isArray(outcome.output) ? outcome.output.length : 0,
      durationMs,
      ...(outcome.handledBy ? { handledBy: outcome.handledBy } : {}),
    });
  }

  /** Connections resolved late in the run may hold secrets that appeared in earlier entries too. */
  final(): LogEntry[] {
    if (this.secretValues.length === 0) return this.entries;
    // Re-capped: "[redacted]" can be longer than the secret it replaces.
    return this.entries.map((entry) => capEntry(redact(entry, { secretValues: this.secretValues }) as LogEntry, BULKY));
  }
}
