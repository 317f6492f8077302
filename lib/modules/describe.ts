import type { OutputField, OutputSpec } from "@/lib/scenario/output-spec";
import { EMPTY_DIRECTORY, type DataStoreDirectory } from "@/lib/datastores/directory";
import type { Deprecation, ModuleDefinition, ModuleKind } from "./define";
import type { FieldSpec } from "./field-spec";
import { isPlainObject } from "./json";
import { validateForRun } from "./validators";

/** What `GET /api/v1/modules` sends per module version: the definition minus its functions. */
export interface ModuleDescription {
  key: string;
  app: string;
  name: string;
  version: number;
  kind: ModuleKind;
  title: string;
  description: string;
  connection: string | null;
  instant: boolean;
  deprecated: Deprecation | null;
  fields: FieldSpec[];
  /** `dynamic`: the spec depends on params; `spec` is then resolved for the params given, or null. */
  output: { dynamic: boolean; spec: OutputSpec };
  /** Names of dynamic option lists the editor can ask the server to load. */
  dynamicOptions: string[];
  /** More fields the server generates from these params (a WSDL operation's parts); null when none. */
  dynamicFields: { dependsOn: string[] } | null;
  upgradeFrom: { version: number } | null;
}

/**
 * The output spec for these params. Params come straight from a blueprint, so they are validated (and
 * defaulted) first; when they are not usable yet the shape is unknown (null), which silences the checker.
 */
export function resolveOutputSpec(def: ModuleDefinition, params?: Record<string, unknown>, directory: DataStoreDirectory = EMPTY_DIRECTORY): OutputSpec {
  if (typeof def.output !== "function") return def.output;
  if (params === undefined) return null;
  try {
    return def.output(validateForRun(def, "params", params), directory);
  } catch {
    return null;
  }
}

export function describeModule(def: ModuleDefinition, params?: Record<string, unknown>, directory?: DataStoreDirectory): ModuleDescription {
  return {
    key: def.key,
    app: def.app,
    name: def.name,
    version: def.version,
    kind: def.kind,
    title: def.title,
    description: def.description,
    connection: def.connection,
    instant: def.instant,
    deprecated: def.deprecated,
    fields: structuredClone([...def.fields]),
    output: { dynamic: typeof def.output === "function", spec: resolveOutputSpec(def, params, directory) },
    dynamicOptions: Object.keys(def.options),
    dynamicFields: def.dynamicFields ? { dependsOn: [...def.dynamicFields.dependsOn] } : null,
    upgradeFrom: def.upgradeFrom ? { version: def.upgradeFrom.version } : null,
  };
}

/** An output spec guessed from a sample value (a trigger's sample payload, a JSON sample). */
export function inferOutputSpec(sample: unknown): OutputField[] {
  if (!isPlainObject(sample)) return [{ name: "value", type: inferType(sample) }];
  return Object.entries(sample).map(([name, value]) => inferField(name, value));
}

function inferField(name: string, value: unknown): OutputField {
  const type = inferType(value);
  if (type === "collection") return { name, type, spec: inferOutputSpec(value) };
  if (type === "array" && Array.isArray(value) && value.length > 0) {
    const first = value[0];
    const itemType = inferType(first);
    if (itemType === "collection") return { name, type, spec: inferOutputSpec(first) };
    if (itemType !== "array") return { name, type, of: itemType };
  }
  return { name, type };
}

function inferType(value: unknown): OutputField["type"] {
  if (typeof value === "string") return "text";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (Array.isArray(value)) return "array";
  if (isPlainObject(value)) return "collection";
  return "any";
}
