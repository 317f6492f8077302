import type { ModuleLogger, RunState, RunVariables } from "@/lib/modules/context";
import { redact } from "./redact";
import type { EngineLogRecord } from "./services";
import type { LogMessage } from "./types";

/** Scenario-run variables; `record()` is what the mapping language sees as `variables`. */
export class RunVariableStore implements RunVariables {
  private readonly values = new Map<string, unknown>();
  private snapshot: Record<string, unknown> | null = null;

  constructor(initial: Record<string, unknown> = {}) {
    for (const [k, v] of Object.entries(initial)) this.values.set(k, v);
  }

  get(name: string): unknown {
    return this.values.get(name);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  set(name: string, value: unknown): void {
    this.values.set(name, value);
    this.snapshot = null;
  }

  record(): Record<string, unknown> {
    return (this.snapshot ??= Object.fromEntries(this.values));
  }
}

export class MapRunState implements RunState {
  private readonly values = new Map<string, unknown>();

  get(key: string): unknown {
    return this.values.get(key);
  }

  set(key: string, value: unknown): void {
    this.values.set(key, value);
  }
}

/** Lines a module logs: kept (capped) on its log entry, forwarded to the sink, secrets redacted. */
const MAX_MESSAGES_PER_ENTRY = 50;
const MAX_MESSAGE_LENGTH = 2000;

export function createModuleLogger(
  moduleId: number,
  messages: LogMessage[],
  secretValues: () => readonly string[],
  sink?: (record: EngineLogRecord) => void,
): ModuleLogger {
  const write = (level: LogMessage["level"], message: string, data?: Record<string, unknown>) => {
    const options = { secretValues: secretValues() };
    const text = (redact(String(message), options) as string).slice(0, MAX_MESSAGE_LENGTH);
    const safeData = data === undefined ? undefined : (redact(data, options) as Record<string, unknown>);
    if (messages.length < MAX_MESSAGES_PER_ENTRY) messages.push(safeData ? { level, message: text, data: safeData } : { level, message: text });
    try {
      sink?.({ level, message: text, moduleId, data: safeData });
    } catch {
      // A broken log sink must not fail the run.
    }
  };
  return {
    debug: (m, d) => write("debug", m, d),
    info: (m, d) => write("info", m, d),
    warn: (m, d) => write("warn", m, d),
    error: (m, d) => write("error", m, d),
  };
}
