import type { MigrationResult, ModuleSnapshot } from "@/lib/modules/define";
import { DEFAULT_API_VERSION } from "./versions";

/**
 * The v1 → v2 migration every Workfront module shares (pure: same snapshot in, same result out; the
 * input is never modified). Params and mapper carry over unchanged, unknown keys included; v2 adds its
 * API version. What a person must check goes into the notes.
 */
export const CONNECTION_NOTE =
  "Version 2 needs an API-key (workfront@2) or OAuth2 (workfront@3) connection: the username/password connection of version 1 does not fit. Pick or create one for this module.";
export const API_VERSION_NOTE = `Version 2 calls Workfront API v${DEFAULT_API_VERSION} instead of the removed v15.0. Field names stay the same; a field Workfront has dropped since then now fails with “APIModel V21_0 does not support field …”.`;
export const DATES_NOTE =
  "Dates are now output as ISO 8601 in UTC (2020-05-18T23:00:00.000Z) instead of Workfront's text (2020-05-18T17:00:00:000-0600). Check mappings and filters that read dates as text or parse them with Workfront's format.";

export interface MigrationExtras {
  renamedOutputs?: Record<string, string>;
  /** Notes after the shared ones. */
  notes?: string[];
  /** False for modules that output no Workfront dates. */
  outputsDates?: boolean;
}

export function migrateFromV1(old: ModuleSnapshot, extras: MigrationExtras = {}): MigrationResult {
  return {
    params: { ...structuredClone(old.params), apiVersion: DEFAULT_API_VERSION },
    mapper: structuredClone(old.mapper),
    renamedOutputs: { ...(extras.renamedOutputs ?? {}) },
    notes: [CONNECTION_NOTE, API_VERSION_NOTE, ...(extras.outputsDates === false ? [] : [DATES_NOTE]), ...(extras.notes ?? [])],
  };
}
