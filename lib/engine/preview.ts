import { withRequestRecorder } from "@/lib/http/recorder";
import type { ResolvedConnection } from "@/lib/modules/context";
import type { ModuleDefinition } from "@/lib/modules/define";
import { validateForRun } from "@/lib/modules/validators";
import { messageOf } from "./errors";
import { evaluateMapper } from "./mapping";
import { redactRequest, secretStrings, type LoggedRequest } from "./redact";
import { MapRunState, RunVariableStore } from "./run-context";
import { Scope } from "./scope";
import { sensitiveKeys } from "./sensitive";
import { abortableSleep, createMemoryStore } from "./services";
import { trackSessionSecrets } from "./sessions";

export interface RequestPreview {
  /** The first request the module version would send, secrets blanked; null when it sends none or failed first. */
  request: LoggedRequest | null;
  /** Why there is no request, or what to keep in mind reading it. */
  note?: string;
}

const PREVIEW_TIMEOUT_MS = 15_000;

/**
 * The request a module version would send for the given upstream outputs, built and not sent: the module
 * runs as in a real run (its mapper evaluated against `scope`, validated, its connection resolved), and
 * the guarded client refuses to send, handing back the request instead. Nothing leaves the process but
 * what the module does before its first request (e.g. obtaining a session, which is then what is shown).
 */
export async function previewRequest(input: {
  def: ModuleDefinition;
  params: Record<string, unknown>;
  mapper: Record<string, unknown>;
  /** Upstream module id → the output bundle its first operation produced. */
  scope: Record<string, unknown>;
  connection: ResolvedConnection | null;
  timezone: string;
}): Promise<RequestPreview> {
  const { def } = input;
  const runner = def.runner;
  if (runner.kind !== "bundle") return { request: null, note: `A ${def.kind} is not previewed: only modules that act on a bundle are.` };
  const secretValues: string[] = [];
  const connection = input.connection ? trackSessionSecrets(input.connection, secretValues) : null;
  if (input.connection) {
    const secret = input.connection.secretFields;
    secretValues.push(...secretStrings(secret ? Object.fromEntries(secret.map((k) => [k, input.connection!.values[k]])) : input.connection.values));
  }
  const scope = Scope.fromRecord(input.scope);
  const now = new Date();
  const variables = new RunVariableStore();
  let captured: LoggedRequest | null = null;
  try {
    const params = validateForRun(def, "params", input.params);
    const evaluated = evaluateMapper(input.mapper, { resolveModule: (id) => scope.get(id), timezone: input.timezone, variables: variables.record(), now });
    const values = validateForRun(def, "mapper", evaluated);
    const signal = AbortSignal.timeout(PREVIEW_TIMEOUT_MS);
    await withRequestRecorder(
      { send: false, record: (request) => (captured ??= request) },
      () =>
        runner.run({
          moduleId: 0,
          params,
          connection,
          variables,
          runState: new MapRunState(),
          store: createMemoryStore(),
          transaction: { enlist: () => undefined },
          signal,
          log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
          now: () => now,
          sleep: (ms) => abortableSleep(ms, signal),
          execution: {},
          respond: () => undefined,
          values,
          scope,
        }),
    );
    return { request: null, note: "This module version sends no request for this input." };
  } catch (error) {
    // The first request was refused, so whatever the module made of that refusal (modules wrap client
    // errors in their own) does not matter: the request it built is the answer.
    const request = captured as LoggedRequest | null;
    if (request) return { request: redactRequest(request, { secretValues, secretKeys: sensitiveKeys(def) }) };
    return { request: null, note: `The request could not be built: ${messageOf(error)}` };
  }
}
