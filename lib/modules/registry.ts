import type { ModuleDefinition } from "./define";

/**
 * Every version of every module, keyed by "app:name" and integer version. Old versions stay loadable:
 * a blueprint pinned to v1 keeps running on v1 until someone upgrades it.
 */
export interface ModuleRegistry {
  getModule(key: string, version: number): ModuleDefinition | undefined;
  /** Every registered version, sorted by key then version. */
  listModules(): ModuleDefinition[];
  /** Highest registered version of `key`, or undefined when the key is unknown. */
  latestVersion(key: string): number | undefined;
  versionsOf(key: string): number[];
}

export class DuplicateModuleError extends Error {
  constructor(key: string, version: number) {
    super(`Module ${key}@${version} is registered twice.`);
    this.name = "DuplicateModuleError";
  }
}

export function createModuleRegistry(definitions: Iterable<ModuleDefinition>): ModuleRegistry {
  const byKey = new Map<string, Map<number, ModuleDefinition>>();
  for (const def of definitions) {
    let versions = byKey.get(def.key);
    if (!versions) byKey.set(def.key, (versions = new Map()));
    if (versions.has(def.version)) throw new DuplicateModuleError(def.key, def.version);
    versions.set(def.version, def);
  }
  const sortedVersions = (key: string) => [...(byKey.get(key)?.keys() ?? [])].sort((a, b) => a - b);

  return {
    getModule: (key, version) => byKey.get(key)?.get(version),
    listModules: () =>
      [...byKey.keys()].sort().flatMap((key) => sortedVersions(key).map((v) => byKey.get(key)!.get(v)!)),
    latestVersion: (key) => sortedVersions(key).at(-1),
    versionsOf: sortedVersions,
  };
}

/** Problems a registry can have that a single definition cannot show: broken upgrade chains. */
export function registryProblems(registry: ModuleRegistry): string[] {
  const problems: string[] = [];
  for (const def of registry.listModules()) {
    if (def.version > 1 && !def.upgradeFrom) {
      problems.push(`${def.key}@${def.version} has no upgradeFrom migration from an earlier version.`);
    }
    if (def.upgradeFrom && !registry.getModule(def.key, def.upgradeFrom.version)) {
      problems.push(`${def.key}@${def.version} upgrades from v${def.upgradeFrom.version}, which is not registered.`);
    }
  }
  return problems;
}
