import type { Deprecation, ModuleDefinition } from "./define";
import type { ModuleRegistry } from "./registry";

/**
 * Where a module version stands: the newest one; an older one that still runs ("outdated", a newer version
 * exists); deprecated (still runs, stops after its sunset date); sunset (past that date, it no longer runs).
 */
export type VersionStatus = "latest" | "outdated" | "deprecated" | "sunset";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The environment variable that pins "today" for sunset decisions, to rehearse a sunset before it happens. */
export const SUNSET_TODAY_ENV = "PATCHBAY_SUNSET_TODAY";

/**
 * The date (YYYY-MM-DD, UTC) sunsets are judged against: PATCHBAY_SUNSET_TODAY when set, else the clock's.
 * Only sunsets read it; schedules, mappings and logs keep the real time.
 */
export function sunsetToday(env: Readonly<Record<string, string | undefined>> = process.env, now: Date = new Date()): string {
  const pinned = env[SUNSET_TODAY_ENV]?.trim();
  if (pinned) {
    if (!ISO_DAY.test(pinned) || Number.isNaN(Date.parse(`${pinned}T00:00:00Z`))) {
      throw new Error(`${SUNSET_TODAY_ENV} must be a date written YYYY-MM-DD, not "${pinned}".`);
    }
    return pinned;
  }
  return now.toISOString().slice(0, 10);
}

/** A version runs on its sunset day and stops the day after ("after which it no longer runs"). */
export function isPastSunset(deprecated: Deprecation | null, today: string): boolean {
  return deprecated !== null && today > deprecated.sunset.slice(0, 10);
}

export function versionStatus(def: ModuleDefinition, latest: number, today: string): VersionStatus {
  if (isPastSunset(def.deprecated, today)) return "sunset";
  if (def.deprecated) return "deprecated";
  return def.version < latest ? "outdated" : "latest";
}

/** A blueprint module's definition, its app's latest version and its status; undefined when not installed. */
export function moduleStatus(m: { module: string; version: number }, registry: ModuleRegistry, today: string) {
  const def = registry.getModule(m.module, m.version);
  const latest = registry.latestVersion(m.module);
  if (!def || latest === undefined) return undefined;
  return { def, latest, status: versionStatus(def, latest, today) };
}

export interface VersionCounts {
  /** Modules not on their latest version (deprecated and sunset ones included). */
  outdated: number;
  deprecated: number;
  /** Modules that no longer run: the scenario's runs fail until they are upgraded or replaced. */
  sunset: number;
}

/** How many of a blueprint's modules are behind, deprecated or sunset; unknown modules are not counted. */
export function countVersions(
  modules: ReadonlyArray<{ module: string; version: number }>,
  registry: ModuleRegistry,
  today: string,
): VersionCounts {
  const counts: VersionCounts = { outdated: 0, deprecated: 0, sunset: 0 };
  for (const m of modules) {
    const status = moduleStatus(m, registry, today)?.status;
    if (status === undefined || status === "latest") continue;
    counts.outdated += 1;
    if (status === "deprecated") counts.deprecated += 1;
    if (status === "sunset") counts.sunset += 1;
  }
  return counts;
}

/**
 * What the run error says about a sunset module: when it stopped, and what to do: the upgrade to apply
 * when a newer version exists, else a replacement.
 */
export function sunsetMessage(moduleId: number, def: ModuleDefinition, latest: number | undefined): string {
  const sunset = def.deprecated?.sunset.slice(0, 10) ?? "";
  const what = `Module ${moduleId} (${def.title}, ${def.key} v${def.version}) passed its sunset date ${sunset} and no longer runs.`;
  if (latest !== undefined && latest > def.version) {
    return `${what} Upgrade it to v${latest} (the module's badge in the editor, or the Upgrade center), then run again.`;
  }
  return `${what} No newer version exists: replace it with another module.`;
}
