import type { ModuleDefinition, ModuleSnapshot } from "../modules/define";
import type { ModuleRegistry } from "../modules/registry";
import { composeRenames, type Renames } from "./renames";

export interface ChainStep {
  from: number;
  to: number;
}

export type ChainResult =
  | {
      ok: true;
      version: number;
      snapshot: ModuleSnapshot;
      renamedOutputs: Renames;
      steps: ChainStep[];
      /** The migrations' own notes, in step order, without repeats. */
      notes: string[];
      /** Keys the migrations dropped that their versions did not declare, put back ("params.x"). */
      readded: string[];
    }
  | { ok: false; latest: number | null; reason: string };

/**
 * The definitions from `version` up to the latest one, each the next whose `upgradeFrom` names the one
 * before. Partial chains are refused: upgrading half-way to a version nobody chose is worse than keeping.
 */
export function migrationChain(registry: ModuleRegistry, key: string, version: number): ModuleDefinition[] | string {
  const latest = registry.latestVersion(key);
  if (latest === undefined) return `The module ${key} is not installed.`;
  const chain: ModuleDefinition[] = [];
  let current = version;
  while (current < latest) {
    const next = registry
      .versionsOf(key)
      .filter((v) => v > current)
      .map((v) => registry.getModule(key, v))
      .find((def) => def?.upgradeFrom?.version === current);
    if (!next) return `No migration leads from ${key} v${current} to a later version (latest is v${latest}).`;
    chain.push(next);
    current = next.version;
  }
  return chain;
}

const fieldNames = (def: ModuleDefinition | undefined) => new Set((def?.fields ?? []).map((f) => f.name));

/**
 * Keys the migration dropped although the version it migrates from does not declare them: data a person
 * or another tool stored that no migration can know about. They are kept as they were.
 */
function readdUnknown(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  declared: ReadonlySet<string>,
  area: "params" | "mapper",
  readded: string[],
): Record<string, unknown> {
  const missing = Object.keys(before).filter((k) => !declared.has(k) && !Object.hasOwn(after, k));
  if (missing.length === 0) return after;
  const out = { ...after };
  for (const key of missing) {
    out[key] = structuredClone(before[key]);
    readded.push(`${area}.${key}`);
  }
  return out;
}

/** Runs every step of the chain on a copy of the snapshot; a migration that throws keeps the module. */
export function runChain(registry: ModuleRegistry, key: string, version: number, snapshot: ModuleSnapshot): ChainResult {
  const latest = registry.latestVersion(key) ?? null;
  if (!registry.getModule(key, version)) {
    return { ok: false, latest, reason: `${key} v${version} is not installed, so there is nothing to migrate from.` };
  }
  const chain = migrationChain(registry, key, version);
  if (typeof chain === "string") return { ok: false, latest, reason: chain };

  let current: ModuleSnapshot = structuredClone(snapshot);
  let renamedOutputs: Renames = {};
  const steps: ChainStep[] = [];
  const notes: string[] = [];
  const readded: string[] = [];
  let from = version;
  for (const def of chain) {
    const declared = fieldNames(registry.getModule(key, from));
    let result;
    try {
      // A copy in, so a migration that mutates its input cannot touch the blueprint being planned.
      result = def.upgradeFrom!.migrate(structuredClone(current));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, latest, reason: `The migration from v${from} to v${def.version} failed: ${message}` };
    }
    current = {
      params: readdUnknown(current.params, result.params, declared, "params", readded),
      mapper: readdUnknown(current.mapper, result.mapper, declared, "mapper", readded),
      connection: result.connection === undefined ? current.connection : result.connection,
    };
    renamedOutputs = composeRenames(renamedOutputs, result.renamedOutputs);
    for (const note of result.notes) if (!notes.includes(note)) notes.push(note);
    steps.push({ from, to: def.version });
    from = def.version;
  }
  return { ok: true, version: from, snapshot: current, renamedOutputs, steps, notes, readded: [...new Set(readded)] };
}
