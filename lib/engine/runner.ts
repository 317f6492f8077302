import type {
  BundleScope,
  ResolvedConnection,
  RunContextBase,
  ScenarioStore,
  TransactionParticipant,
  TriggerInputInfo,
} from "@/lib/modules/context";
import { acceptsConnectionType, type FieldValues } from "@/lib/modules/define";
import { InvalidConfigurationError, ModuleError } from "@/lib/modules/errors";
import { isPastSunset, sunsetMessage } from "@/lib/modules/sunset";
import { isPlainObject, type Bundle } from "@/lib/modules/json";
import { validateForRun } from "@/lib/modules/validators";
import type { EngineErrorHandler, EngineLink } from "./blueprint";
import { LimitExceededError, RunStop, messageOf, toRunError } from "./errors";
import { ExecutionLog, MAX_REQUESTS_PER_OPERATION, type Attempt } from "./execution-log";
import { filterPasses } from "./filters";
import { evaluateMapper, type EvalContext } from "./mapping";
import { buildPlan, type ExecutionPlan, type PlanNode } from "./plan";
import { secretStrings, toJsonSafe, type LoggedRequest } from "./redact";
import { withRequestRecorder } from "@/lib/http/recorder";
import { trackSessionSecrets } from "./sessions";
import { MapRunState, RunVariableStore, createModuleLogger } from "./run-context";
import { Scope } from "./scope";
import { abortableSleep, createMemoryStore, type EngineServices } from "./services";
import { RunGuard, resolveLimits, type Limits } from "./run-guard";
import type { EngineEvent, ExecutionResult, ExecutionStatus, LogMessage, ResumableState, RunError, RunInput } from "./types";


/**
 * One execution: walks the scenario tree depth-first, one bundle at a time (design §4). Everything a
 * run accumulates (operations, log, variables, parked bundles, transaction participants) lives here.
 */
export class Run {
  private readonly services: EngineServices;
  private readonly clock: () => number;
  private readonly startMs: number;
  private readonly startedAt: Date;
  private readonly limits: Limits;
  private readonly guard: RunGuard;
  private readonly timezone: string;
  private readonly store: ScenarioStore;

  private plan: ExecutionPlan | null = null;
  private operations = 0;
  private warning = false;
  private readonly log: ExecutionLog;
  private readonly incomplete: ResumableState[] = [];
  private variables = new RunVariableStore();
  private readonly runStates = new Map<number, MapRunState>();
  private readonly participants: TransactionParticipant[] = [];
  /** Open aggregations, keyed by aggregator id, while their source processes one input bundle. */
  private readonly buffers = new Map<number, Scope[]>();
  /** Bundles reaching an aggregator whose source is not running (only when resuming). */
  private readonly orphans = new Map<number, Scope[]>();
  private readonly connections = new Map<string, Promise<ResolvedConnection>>();
  private readonly secretValues: string[] = [];

  constructor(private readonly input: Omit<RunInput, "trigger">) {
    this.services = input.services ?? {};
    this.clock = this.services.clock ?? Date.now;
    this.startMs = this.clock();
    this.startedAt = input.now ?? new Date(this.startMs);
    this.limits = resolveLimits(input);
    this.guard = new RunGuard(this.limits, this.clock, this.startMs);
    this.log = new ExecutionLog(this.clock, this.secretValues, (event) => this.event(event));
    this.timezone = input.blueprint.settings?.timezone ?? "UTC";
    this.store = this.services.store ?? createMemoryStore();
  }

  /** Runs `body` (start from the trigger, or resume) and settles status, transaction and result. */
  async execute(body: (plan: ExecutionPlan) => Promise<void>): Promise<ExecutionResult> {
    this.event({ type: "run:start", startedAt: this.startedAt.toISOString() });
    const detach = this.guard.watch(this.input.signal);
    let status: ExecutionStatus;
    let error: RunError | null = null;
    try {
      this.plan = buildPlan(this.input.blueprint, this.input.registry);
      this.refuseSunsetModules(this.plan);
      await body(this.plan);
      status = this.settledStatus();
    } catch (thrown) {
      const stop = this.asStop(thrown);
      if (stop.outcome === "commit") status = this.settledStatus();
      else {
        status = "error";
        error = stop.runError;
      }
    } finally {
      detach();
    }
    const failure = await this.finishTransaction(status === "error" ? "rollback" : "commit");
    if (failure && status !== "error") {
      status = "error";
      error = failure;
    } else if (failure && error) {
      error = { ...error, message: `${error.message} ${failure.message}` };
    }
    const durationMs = this.guard.elapsed();
    this.event({ type: "run:finish", status, operations: this.operations });
    return {
      status,
      operations: this.operations,
      startedAt: this.startedAt.toISOString(),
      finishedAt: new Date(this.startedAt.getTime() + durationMs).toISOString(),
      durationMs,
      log: this.log.final(),
      error,
      incomplete: this.incomplete,
    };
  }

  /**
   * A module version past its sunset date does not run; the whole run is refused before anything runs,
   * so no half of it happens, and the error names the upgrade to apply.
   */
  private refuseSunsetModules(plan: ExecutionPlan): void {
    const today = this.input.today ?? this.startedAt.toISOString().slice(0, 10);
    for (const node of plan.nodes.values()) {
      if (!isPastSunset(node.def.deprecated, today)) continue;
      throw new RunStop("error", {
        type: "ModuleSunset",
        message: sunsetMessage(node.id, node.def, this.input.registry.latestVersion(node.def.key)),
        moduleId: node.id,
      });
    }
  }

  // ---- Entry points ----

  async startFromRoot(plan: ExecutionPlan, trigger: RunInput["trigger"]): Promise<void> {
    const root = plan.root;
    if (root.def.runner.kind !== "trigger") {
      if (trigger && ("bundles" in trigger || trigger.payload !== undefined)) {
        throw new RunStop("error", {
          type: "BlueprintError",
          message: `Module ${root.id} (${root.def.key}) is not a trigger, so the run cannot start from a payload or bundles.`,
          moduleId: root.id,
        });
      }
      await this.deliver(root, Scope.empty);
      return;
    }
    let bundles: Bundle[];
    if (trigger && "bundles" in trigger) bundles = this.acceptTriggerBundles(root, trigger.bundles);
    else {
      const payload = trigger?.payload;
      const info: TriggerInputInfo = { payload, hasPayload: payload !== undefined, maxResults: this.limits.maxResults };
      bundles = (await this.operate(root, Scope.empty, { trigger: info })) ?? [];
    }
    if (bundles.length > this.limits.maxResults) {
      throw new LimitExceededError(
        "results",
        `The trigger produced ${bundles.length} bundles; a run takes at most ${this.limits.maxResults} (maximum results per run).`,
      );
    }
    await this.emit(root, Scope.empty, bundles);
  }

  async resumeFrom(plan: ExecutionPlan, state: ResumableState): Promise<void> {
    const node = plan.nodes.get(state.moduleId);
    const pendingIsAggregate = state.pending.kind === "aggregate";
    if (!node || node.def.key !== state.module || (node.def.kind === "aggregator") !== pendingIsAggregate) {
      throw new RunStop("error", {
        type: "BlueprintError",
        message: `The scenario no longer has module ${state.moduleId} (${state.module}) where the incomplete execution stopped.`,
        moduleId: state.moduleId,
      });
    }
    this.variables = new RunVariableStore(state.variables);
    const scope = Scope.fromRecord(state.pending.scope);
    if (state.pending.kind === "aggregate") await this.aggregate(node, scope, state.pending.collected.map(Scope.fromRecord));
    else await this.deliver(node, scope);
    await this.flushOrphans(plan);
  }

  // ---- The walk ----

  /** One bundle arrives at `node`. */
  private async deliver(node: PlanNode, scope: Scope): Promise<void> {
    switch (node.def.runner.kind) {
      case "aggregator":
        this.collect(node, scope);
        return;
      case "router":
        await this.emit(node, scope, null);
        return;
      default: {
        const outputs = await this.operate(node, scope);
        if (outputs) await this.emit(node, scope, outputs);
      }
    }
  }

  /**
   * Sends what `node` produced for one input down its links, then closes the aggregations that
   * collect `node`'s bundles. `null` = a router passing its input through.
   */
  private async emit(node: PlanNode, inputScope: Scope, outputs: Bundle[] | null): Promise<void> {
    for (const id of node.aggregators) this.buffers.set(id, []);
    if (outputs === null) await this.route(node, inputScope);
    else for (const output of outputs) await this.route(node, inputScope.with(node.id, output));
    for (const id of node.aggregators) {
      const collected = this.buffers.get(id) ?? [];
      this.buffers.delete(id);
      await this.aggregate(this.node(id), inputScope, collected);
    }
  }

  private async route(node: PlanNode, scope: Scope): Promise<void> {
    if (node.def.kind !== "router") {
      for (const link of node.outgoing) if (this.passes(link, scope)) await this.deliver(this.node(link.to), scope);
      return;
    }
    let taken = false;
    for (const link of node.outgoing) {
      if (link.fallback || !this.passes(link, scope)) continue;
      taken = true;
      await this.deliver(this.node(link.to), scope);
    }
    if (taken) return;
    for (const link of node.outgoing) {
      if (link.fallback && this.passes(link, scope)) await this.deliver(this.node(link.to), scope);
    }
  }

  private passes(link: EngineLink, scope: Scope): boolean {
    if (!link.filter) return true;
    try {
      return filterPasses(link.filter, (operand) => evaluateMapper(operand, this.evalContext(scope)));
    } catch (error) {
      const label = link.filter.label ? `“${link.filter.label}” ` : "";
      throw new RunStop("error", {
        type: "FilterError",
        message: `The filter ${label}on the link ${link.from} → ${link.to} could not be evaluated: ${messageOf(error)}`,
        moduleId: link.to,
      });
    }
  }

  private collect(node: PlanNode, scope: Scope): void {
    const open = this.buffers.get(node.id);
    if (open) open.push(scope);
    else this.orphans.set(node.id, [...(this.orphans.get(node.id) ?? []), scope]);
  }

  /**
   * The aggregator's output sees what its source's input saw, plus itself: modules between the source
   * and the aggregator (and the source) produced many bundles and are no longer mappable.
   */
  private async aggregate(node: PlanNode, sourceInputScope: Scope, collected: Scope[]): Promise<void> {
    const outputs = await this.operate(node, sourceInputScope, { collected });
    if (outputs) await this.emit(node, sourceInputScope, outputs);
  }

  /** On resume, aggregations whose source did not run again close once the resumed branch is done. */
  private async flushOrphans(plan: ExecutionPlan): Promise<void> {
    while (this.orphans.size > 0) {
      const [id, scopes] = this.orphans.entries().next().value as [number, Scope[]];
      this.orphans.delete(id);
      const node = this.node(id);
      const source = plan.nodes.get(node.source!)!;
      await this.aggregate(node, scopes[0].restrictedTo(source.ancestors), scopes);
    }
  }

  // ---- One operation ----

  private async operate(
    node: PlanNode,
    scope: Scope,
    extra: { trigger?: TriggerInputInfo; collected?: Scope[] } = {},
  ): Promise<Bundle[] | null> {
    this.guard.beforeOperation(this.operations);
    const attempt = this.log.begin(node);
    try {
      if (!node.params.ok) throw node.params.error;
      const base = this.contextBase(node, await this.connectionFor(node), attempt.messages);
      const runner = node.def.runner;
      let produced: unknown;
      const recorder = {
        send: true,
        record: (request: LoggedRequest) => {
          if (attempt.requests.length < MAX_REQUESTS_PER_OPERATION) attempt.requests.push(request);
        },
      };
      if (runner.kind === "aggregator") {
        const collected = (extra.collected ?? []).map((s) => ({ values: this.values(node, s, attempt), scope: s }));
        attempt.input = collected.map((c) => c.values);
        produced = await withRequestRecorder(recorder, () => runner.run({ ...base, collected }));
      } else if (runner.kind === "trigger") {
        const values = this.values(node, scope, attempt);
        produced = await withRequestRecorder(recorder, () => runner.run({ ...base, values, trigger: extra.trigger ?? noTrigger(this.limits) }));
      } else if (runner.kind === "bundle") {
        const values = this.values(node, scope, attempt);
        produced = await withRequestRecorder(recorder, () => runner.run({ ...base, values, scope }));
      }
      const bundles = asBundles(produced, node);
      this.operations += 1;
      this.log.record(node, attempt, { status: "success", output: bundles });
      return bundles;
    } catch (error) {
      if (error instanceof RunStop || error instanceof LimitExceededError) throw error;
      if (this.guard.signal.aborted) {
        // Time ran out or the run was cancelled while this module worked: show where, then stop.
        this.log.record(node, attempt, { status: "error", error: { ...this.guard.stop().runError, moduleId: node.id } });
        throw error;
      }
      return this.handleFailure(node, scope, error, attempt, extra.collected);
    }
  }

  /** The trigger's bundles were delivered with the run (a webhook payload): one operation, no call. */
  private acceptTriggerBundles(root: PlanNode, given: unknown[]): Bundle[] {
    this.guard.beforeOperation(this.operations);
    const attempt = this.log.begin(root);
    const bundles = given.map((b) => (isPlainObject(b) ? b : { value: b }));
    this.operations += 1;
    this.log.record(root, attempt, { status: "success", output: bundles });
    return bundles;
  }

  private values(node: PlanNode, scope: Scope, attempt: Attempt): FieldValues {
    const evaluated = evaluateMapper(node.module.mapper ?? {}, this.evalContext(scope));
    attempt.input = evaluated;
    const values = validateForRun(node.def, "mapper", evaluated);
    attempt.input = values;
    return values;
  }

  private handleFailure(node: PlanNode, scope: Scope, error: unknown, attempt: Attempt, collected?: Scope[]): Bundle[] | null {
    const runError = toRunError(error, node.id);
    // Fusion never applies handlers to the trigger: there is no bundle yet to retry or drop.
    const handler = node.def.kind === "trigger" ? null : (node.module.onError ?? null);
    const directive = handler?.directive;
    if (directive === "resume") {
      let substitute: Bundle;
      try {
        substitute = this.substitute(handler!, scope);
      } catch (substituteError) {
        this.log.record(node, attempt, { status: "error", error: runError });
        throw new RunStop("error", {
          ...runError,
          message: `${runError.message} The resume handler's output could not be built: ${messageOf(substituteError)}`,
        });
      }
      this.log.record(node, attempt, { status: "error", error: runError, handledBy: "resume", output: [substitute] });
      return [substitute];
    }
    const handled = directive === "ignore" || directive === "break" || directive === "rollback" || directive === "commit";
    this.log.record(node, attempt, { status: "error", error: runError, ...(handled ? { handledBy: directive } : {}) });
    switch (directive) {
      case "ignore":
        this.warning = true;
        return null;
      case "break":
        this.park(node, scope, runError, handler!, collected);
        return null;
      case "commit":
        throw new RunStop("commit", runError);
      default:
        // No handler, or rollback: stop; participants are rolled back when the run settles.
        throw new RunStop("error", runError);
    }
  }

  private substitute(handler: EngineErrorHandler, scope: Scope): Bundle {
    const output = evaluateMapper(handler.output ?? {}, this.evalContext(scope));
    if (!isPlainObject(output)) throw new Error("the substitute output must be a collection.");
    return output;
  }

  private park(node: PlanNode, scope: Scope, runError: RunError, handler: EngineErrorHandler, collected?: Scope[]): void {
    const { directive: _directive, ...settings } = handler;
    this.incomplete.push(
      toJsonSafe<ResumableState>({
        format: "patchbay.resume",
        formatVersion: 1,
        moduleId: node.id,
        module: node.def.key,
        moduleVersion: node.def.version,
        pending: collected
          ? { kind: "aggregate", scope: scope.toRecord(), collected: collected.map((s) => s.toRecord()) }
          : { kind: "bundle", scope: scope.toRecord() },
        variables: this.variables.record(),
        error: runError,
        handler: settings,
        createdAt: new Date(this.startedAt.getTime() + this.guard.elapsed()).toISOString(),
      }),
    );
  }

  // ---- Context for modules and mappings ----

  private evalContext(scope: BundleScope): EvalContext {
    return {
      resolveModule: (moduleId) => scope.get(moduleId),
      timezone: this.timezone,
      variables: this.variables.record(),
      now: this.startedAt,
      execution: this.input.execution,
    };
  }

  private contextBase(node: PlanNode, connection: ResolvedConnection | null, messages: LogMessage[]): RunContextBase<FieldValues> {
    let runState = this.runStates.get(node.id);
    if (!runState) this.runStates.set(node.id, (runState = new MapRunState()));
    const sleep = this.services.sleep ?? abortableSleep;
    return {
      moduleId: node.id,
      params: node.params.ok ? node.params.value : {},
      connection,
      variables: this.variables,
      runState,
      store: this.store,
      transaction: { enlist: (participant) => this.participants.push(participant) },
      ...(this.services.dataStores ? { dataStores: this.services.dataStores } : {}),
      signal: this.guard.signal,
      log: createModuleLogger(node.id, messages, () => this.secretValues, this.services.logger),
      now: () => new Date(this.startedAt.getTime() + this.guard.elapsed()),
      sleep: (ms) => sleep(ms, this.guard.signal),
      execution: this.input.execution ?? {},
      respond: (response) => this.services.respond?.(response),
    };
  }

  private async connectionFor(node: PlanNode): Promise<ResolvedConnection | null> {
    const needed = node.def.connection;
    if (!needed) return null;
    const id = node.module.connection;
    if (!id) throw new InvalidConfigurationError(`Module ${node.id} (${node.def.title}) needs a ${needed} connection; none is selected.`);
    const resolve = this.services.connections;
    if (!resolve) throw new InvalidConfigurationError(`Module ${node.id} needs connection ${id}, but this run cannot resolve connections.`);
    let pending = this.connections.get(id);
    if (!pending) {
      pending = resolve(id).then((connection) => {
        const secret = connection.secretFields;
        this.secretValues.push(...secretStrings(secret ? Object.fromEntries(secret.map((k) => [k, connection.values[k]])) : connection.values));
        return trackSessionSecrets(connection, this.secretValues);
      });
      this.connections.set(id, pending);
    }
    let connection: ResolvedConnection;
    try {
      connection = await pending;
    } catch (error) {
      if (error instanceof ModuleError) throw error;
      throw new InvalidConfigurationError(`Connection ${id} could not be loaded: ${messageOf(error)}`, { cause: error });
    }
    if (!acceptsConnectionType(needed, connection.type)) {
      throw new InvalidConfigurationError(`Connection ${id} is a ${connection.type} connection; module ${node.id} needs ${needed}.`);
    }
    return connection;
  }

  // ---- Limits, signals, bookkeeping ----

  private asStop(thrown: unknown): RunStop {
    if (this.guard.signal.aborted && !(thrown instanceof RunStop && thrown.outcome === "commit")) return this.guard.stop();
    if (thrown instanceof RunStop) return thrown;
    return new RunStop("error", toRunError(thrown));
  }

  private settledStatus(): ExecutionStatus {
    if (this.incomplete.length > 0) return "incomplete";
    return this.warning ? "warning" : "success";
  }

  private async finishTransaction(mode: "commit" | "rollback"): Promise<RunError | null> {
    const participants = mode === "commit" ? this.participants : [...this.participants].reverse();
    const failures: string[] = [];
    for (const participant of participants) {
      try {
        await participant[mode]();
      } catch (error) {
        failures.push(`${participant.name}: ${messageOf(error)}`);
      }
    }
    if (failures.length === 0) return null;
    return { type: "InconsistencyError", message: `The ${mode} failed for ${failures.join("; ")}.` };
  }

  private node(id: number): PlanNode {
    return this.plan!.nodes.get(id)!;
  }

  private event(event: EngineEvent): void {
    try {
      this.input.onEvent?.(event);
    } catch {
      // A failing progress listener (a closed socket) must not fail the run.
    }
  }
}

function noTrigger(limits: Limits): TriggerInputInfo {
  return { payload: undefined, hasPayload: false, maxResults: limits.maxResults };
}

function asBundles(produced: unknown, node: PlanNode): Bundle[] {
  if (Array.isArray(produced) && produced.every(isPlainObject)) return produced;
  throw new ModuleError("RuntimeError", `Module ${node.id} (${node.def.key}) returned something other than a list of bundles.`);
}
