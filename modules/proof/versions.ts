import type { Deprecation, MigrationResult, ModuleSnapshot, UpgradeFrom } from "@/lib/modules/define";

/**
 * Module versions of the Proof app. v1s speak the 12.1 API (`/soap`); a v2 exists where the versioned
 * 16.24.0 API (`/16_24_0/soap`) changes a module's shape: Create a proof becomes a workflow proof, and
 * modules that output proofs or reviewers gain the newer members. Modules whose shape does not change
 * (URL, comments, lock/unlock/archive/delete, workspaces, reviewer deletion, Watch decisions) stay v1
 * on 12.1 and are not deprecated: an upgrade would change nothing a person can see.
 */
export const V1_DEPRECATION: Deprecation = {
  since: "2026-11-23",
  sunset: "2027-11-30",
  reason: "Version 1 uses the Proof API frozen at release 12.1 (/soap). Version 2 uses the versioned 16.24.0 API (/16_24_0/soap) and outputs the newer members; upgrade before the sunset date.",
};

/**
 * v1 → v2 for modules whose fields did not change, only the API surface and so the output: the same
 * params and mapper; nothing renamed (every 12.1 member is still there), and a note naming what is new.
 */
export function sameFieldsUpgrade(newMembers: string): UpgradeFrom {
  return {
    version: 1,
    migrate(old: ModuleSnapshot): MigrationResult {
      return {
        params: { ...old.params },
        mapper: { ...old.mapper },
        renamedOutputs: {},
        notes: [`Version 2 calls the versioned Proof API (16.24.0) and also outputs ${newMembers}. Nothing to change; new fields can be mapped.`],
      };
    },
  };
}
