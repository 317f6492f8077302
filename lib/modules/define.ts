import type { OutputSpec } from "@/lib/scenario/output-spec";
import type { DataStoreDirectory } from "@/lib/datastores/directory";
import type {
  AggregatorRunContext,
  BundleRunContext,
  ModuleOutput,
  ResolvedConnection,
  TriggerRunContext,
} from "./context";
import { isStaticSelect, type FieldSpec, type MapperOf, type ParamsOf, type SelectOption } from "./field-spec";
import { isJsonValue, type JsonValue } from "./json";

export const MODULE_KINDS = ["trigger", "action", "search", "iterator", "aggregator", "router", "responder"] as const;
export type ModuleKind = (typeof MODULE_KINDS)[number];

/** Same pattern as the blueprint schema's module key. */
const MODULE_KEY = /^[a-z][a-z0-9-]*:[A-Za-z][A-Za-z0-9]*$/;
const CONNECTION_TYPE = /^[a-z][a-z0-9-]*@[1-9][0-9]*(\|[a-z][a-z0-9-]*@[1-9][0-9]*)*$/;

/** Whether a connection of `type` ("workfront@3") satisfies a module's declaration ("workfront@2|workfront@3"). */
export function acceptsConnectionType(declared: string, type: string): boolean {
  return declared.split("|").includes(type);
}
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** Name of the static field every aggregator declares: the id of the module whose bundles it collects. */
export const SOURCE_MODULE_FIELD = "sourceModule";

export interface Deprecation {
  /** ISO date the version was deprecated. */
  since: string;
  /** ISO date after which it no longer runs. */
  sunset: string;
  reason: string;
}

/** A module as stored in a blueprint, which is what a migration reads. */
export interface ModuleSnapshot {
  params: Record<string, unknown>;
  mapper: Record<string, unknown>;
  connection: string | null;
}

export interface MigrationResult {
  params: Record<string, unknown>;
  mapper: Record<string, unknown>;
  /** A changed connection id; absent = keep. */
  connection?: string | null;
  /** Old output name → new output name, so downstream `{{n.old}}` can be rewritten. */
  renamedOutputs: Record<string, string>;
  /** What a person must look at: a new required field, a dropped option. */
  notes: string[];
}

export interface UpgradeFrom {
  /** The version this one migrates from (normally version - 1). */
  version: number;
  /** Pure: same input, same output; no I/O. */
  migrate(old: ModuleSnapshot): MigrationResult;
}

export interface WebhookLifecycleContext {
  moduleId: number;
  params: Record<string, unknown>;
  connection: ResolvedConnection | null;
  /** The public URL of the scenario's webhook, where the remote service must send its events. */
  url: string;
  signal: AbortSignal;
}

export interface WebhookLifecycle {
  register(ctx: WebhookLifecycleContext): Promise<JsonValue>;
  unregister(ctx: WebhookLifecycleContext & { state: JsonValue }): Promise<void>;
}

/** Where a registered trigger's state (subscription id, shared secret) lives in the scenario store. */
export const webhookStateKey = (moduleId: number) => `webhook:${moduleId}`;

export interface OptionsContext {
  connection: ResolvedConnection | null;
  params: Record<string, unknown>;
  signal: AbortSignal;
  /** The instance's data stores and structures, for pickers of those (no connection involved). */
  directory?: DataStoreDirectory;
}

export type OptionsLoader = (ctx: OptionsContext) => Promise<SelectOption[]>;

/**
 * A fixed spec, or one computed from the params and the instance's data structures (a store's structure,
 * a structure picked for json:parse). Pure and synchronous: the caller loads the directory first.
 */
export type OutputDeclaration<P> = OutputSpec | ((params: P, directory?: DataStoreDirectory) => OutputSpec);

interface ModuleInputBase<Fs extends readonly FieldSpec[]> {
  key: string;
  version: number;
  title: string;
  description: string;
  /** The connection type needed, "app@version", or alternatives "app@2|app@3"; omit for none. */
  connection?: string | null;
  /**
   * For instant triggers that register themselves with the remote service (an event subscription, a
   * callback): called when the scenario is activated and deactivated. What `register` returns is kept in
   * the scenario's store under `webhookStateKey(moduleId)`, for `unregister` and for checking deliveries.
   */
  webhookLifecycle?: WebhookLifecycle;
  /** Webhook-style trigger: runs when a payload arrives rather than on a schedule. */
  instant?: boolean;
  deprecated?: Deprecation;
  fields: Fs;
  output: OutputDeclaration<ParamsOf<Fs>>;
  /** Loaders for `select` fields with `dynamicOptions`. */
  options?: Record<string, OptionsLoader>;
  /**
   * Extra mapper fields that depend on static params and the remote service (e.g. soap:call's fields
   * generated from the chosen WSDL operation). The editor asks for them once `dependsOn` params are set.
   */
  dynamicFields?: DynamicFields;
  upgradeFrom?: UpgradeFrom;
}

export interface DynamicFields {
  dependsOn: readonly string[];
  load(ctx: OptionsContext): Promise<FieldSpec[]>;
}

export type ModuleInput<Fs extends readonly FieldSpec[]> =
  | (ModuleInputBase<Fs> & { kind: "trigger"; run(ctx: TriggerRunContext<ParamsOf<Fs>, MapperOf<Fs>>): ModuleOutput })
  | (ModuleInputBase<Fs> & {
      kind: "action" | "search" | "iterator" | "responder";
      run(ctx: BundleRunContext<ParamsOf<Fs>, MapperOf<Fs>>): ModuleOutput;
    })
  | (ModuleInputBase<Fs> & {
      kind: "aggregator";
      run(ctx: AggregatorRunContext<ParamsOf<Fs>, MapperOf<Fs>>): ModuleOutput;
    })
  | (ModuleInputBase<Fs> & { kind: "router" });

export type FieldValues = Record<string, unknown>;

/** How the engine calls a module; which one depends on the kind. */
export type ModuleRunner =
  | { kind: "trigger"; run(ctx: TriggerRunContext<FieldValues, FieldValues>): ModuleOutput }
  | { kind: "bundle"; run(ctx: BundleRunContext<FieldValues, FieldValues>): ModuleOutput }
  | { kind: "aggregator"; run(ctx: AggregatorRunContext<FieldValues, FieldValues>): ModuleOutput }
  | { kind: "router" };

/** A module version as the registry and the engine see it. */
export interface ModuleDefinition {
  readonly key: string;
  readonly app: string;
  readonly name: string;
  readonly version: number;
  readonly kind: ModuleKind;
  readonly title: string;
  readonly description: string;
  readonly connection: string | null;
  readonly instant: boolean;
  readonly deprecated: Deprecation | null;
  readonly fields: readonly FieldSpec[];
  readonly output: OutputDeclaration<FieldValues>;
  readonly options: Readonly<Record<string, OptionsLoader>>;
  readonly upgradeFrom: UpgradeFrom | null;
  readonly webhookLifecycle: WebhookLifecycle | null;
  readonly dynamicFields: DynamicFields | null;
  readonly runner: ModuleRunner;
}

export class ModuleDefinitionError extends Error {
  constructor(key: string, version: number, problem: string) {
    super(`Module ${key}@${version}: ${problem}`);
    this.name = "ModuleDefinitionError";
  }
}

/**
 * Declares one version of one module. The `const` type parameter keeps the field spec literal, so `run`
 * sees typed `params` and `values`. Mistakes in the definition throw at load time, not at run time.
 */
export function defineModule<const Fs extends readonly FieldSpec[]>(input: ModuleInput<Fs>): ModuleDefinition {
  const problems = definitionProblems(input);
  if (problems.length > 0) throw new ModuleDefinitionError(input.key, input.version, problems.join(" "));
  const [app, name] = input.key.split(":");
  return Object.freeze({
    key: input.key,
    app,
    name,
    version: input.version,
    kind: input.kind,
    title: input.title,
    description: input.description,
    connection: input.connection ?? null,
    instant: input.instant ?? false,
    deprecated: input.deprecated ?? null,
    fields: input.fields,
    // The engine validates params and values against `fields` before calling these, which is what makes
    // the erased signatures safe.
    output: input.output as OutputDeclaration<FieldValues>,
    options: input.options ?? {},
    upgradeFrom: input.upgradeFrom ?? null,
    webhookLifecycle: input.webhookLifecycle ?? null,
    dynamicFields: input.dynamicFields ?? null,
    runner: runnerOf(input) as ModuleRunner,
  });
}

function runnerOf<Fs extends readonly FieldSpec[]>(input: ModuleInput<Fs>): unknown {
  switch (input.kind) {
    case "router":
      return { kind: "router" };
    case "trigger":
      return { kind: "trigger", run: input.run };
    case "aggregator":
      return { kind: "aggregator", run: input.run };
    default:
      return { kind: "bundle", run: input.run };
  }
}

function definitionProblems<Fs extends readonly FieldSpec[]>(input: ModuleInput<Fs>): string[] {
  const problems: string[] = [];
  if (!MODULE_KEY.test(input.key)) problems.push(`The key must look like "app:moduleName".`);
  if (!Number.isInteger(input.version) || input.version < 1) problems.push("The version must be an integer ≥ 1.");
  if (!MODULE_KINDS.includes(input.kind)) problems.push(`Unknown kind "${String(input.kind)}".`);
  if (input.connection != null && !CONNECTION_TYPE.test(input.connection)) {
    problems.push(`The connection type must look like "app@1", not "${input.connection}".`);
  }
  if (input.deprecated && !(ISO_DATE.test(input.deprecated.since) && ISO_DATE.test(input.deprecated.sunset))) {
    problems.push("deprecated.since and deprecated.sunset must be ISO dates.");
  }
  if (input.upgradeFrom && !(input.upgradeFrom.version >= 1 && input.upgradeFrom.version < input.version)) {
    problems.push("upgradeFrom.version must be an earlier version.");
  }
  if (!isJsonValue(input.fields as unknown)) problems.push("The field spec must be plain JSON (no functions, no undefined).");
  if (typeof input.output !== "function" && input.output !== null && !isJsonValue(input.output as unknown)) {
    problems.push("The output spec must be plain JSON.");
  }
  problems.push(...fieldProblems(input.fields, "", true, input.options ?? {}));
  if (input.kind === "aggregator") {
    const source = input.fields.find((f) => f.name === SOURCE_MODULE_FIELD);
    if (!source || source.type !== "number" || source.static !== true || source.required !== true) {
      problems.push(`An aggregator needs a static, required number field "${SOURCE_MODULE_FIELD}".`);
    }
  }
  return problems;
}

function fieldProblems(
  fields: readonly FieldSpec[],
  prefix: string,
  topLevel: boolean,
  options: Record<string, OptionsLoader>,
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const field of fields) {
    const where = `${prefix}${field.name}`;
    if (!field.name) problems.push(`A field under "${prefix || "(top)"}" has no name.`);
    if (seen.has(field.name)) problems.push(`Field "${where}" is declared twice.`);
    seen.add(field.name);
    if (!topLevel && field.static !== undefined) {
      problems.push(`Field "${where}": only top-level fields can be static; nested fields follow their parent.`);
    }
    if (field.type === "select") {
      if (isStaticSelect(field)) {
        if (field.options.length === 0) problems.push(`Select "${where}" has no options.`);
      } else if (!(field.dynamicOptions in options)) {
        problems.push(`Select "${where}" loads options "${field.dynamicOptions}", which the module does not define.`);
      }
    }
    if (field.type === "collection") problems.push(...fieldProblems(field.fields, `${where}.`, false, options));
    if (field.type === "array" && field.items.type === "collection") {
      problems.push(...fieldProblems(field.items.fields, `${where}[].`, false, options));
    }
  }
  return problems;
}
