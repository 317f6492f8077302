"use client";

import { useState } from "react";
import type { ScenarioDetail } from "@/lib/api/views";
import { useCan } from "@/components/shell/actor-context";
import { UpgradeDialog } from "./upgrade-dialog";

export interface VersionInfo {
  latestVersion: number;
  deprecated: { since: string; sunset: string; reason: string } | null;
}

/**
 * A module's version state on the canvas — newer version available, deprecated (with its sunset date and
 * reason), or sunset (no longer runs) — as a button that opens the upgrade dialog for that module.
 * Renders nothing for a module on its latest version.
 */
export function UpgradeBadge({
  scenarioId,
  moduleId,
  version,
  info,
  today,
  isUnsaved,
  onApplied,
}: {
  scenarioId: string;
  moduleId: number;
  version: number;
  info: VersionInfo | undefined;
  /** The server's "today" for sunsets (the module catalog says it); default the browser's date. */
  today?: string;
  /** Asked when the dialog opens, so a badge does not re-render with every edit elsewhere on the canvas. */
  isUnsaved?: () => boolean;
  onApplied?: (scenario: ScenarioDetail) => void;
}) {
  const [open, setOpen] = useState<{ unsaved: boolean } | null>(null);
  const canEdit = useCan("builder");
  const dialog = open ? <UpgradeDialog scenarioId={scenarioId} moduleIds={[moduleId]} open onClose={() => setOpen(null)} onApplied={onApplied} unsaved={open.unsaved} /> : null;
  // After the upgrade the badge goes, but the open dialog stays to show the result and offer Revert.
  if (!info || (info.latestVersion <= version && !info.deprecated)) return dialog;
  const sunset = info.deprecated && (today ?? new Date().toISOString().slice(0, 10)) > info.deprecated.sunset.slice(0, 10);
  const label = sunset
    ? `sunset ${info.deprecated!.sunset}: no longer runs`
    : info.deprecated
      ? `deprecated, sunset ${info.deprecated.sunset}`
      : `newer version available (v${info.latestVersion})`;
  const tone = sunset ? "bg-red-100 text-red-800 hover:bg-red-200" : info.deprecated ? "bg-amber-100 text-amber-800 hover:bg-amber-200" : "bg-brand-50 text-brand-700 hover:bg-brand-100";
  const upgradable = info.latestVersion > version;
  return (
    <>
      <button
        type="button"
        // The canvas would take the click as a drag or a selection.
        className={`nodrag mt-1 block w-full rounded px-1 py-0.5 text-left text-[10px] font-medium ${tone}`}
        title={info.deprecated?.reason ?? (upgradable ? `Upgrade to v${info.latestVersion}` : undefined)}
        data-testid={`version-badge-${moduleId}`}
        onClick={(e) => {
          e.stopPropagation();
          if (canEdit && upgradable) setOpen({ unsaved: isUnsaved?.() ?? false });
        }}
        aria-label={`Module ${moduleId}: ${label}${canEdit && upgradable ? ". Open the upgrade" : ""}`}
      >
        {label}
        {canEdit && upgradable ? " · upgrade…" : ""}
      </button>
      {dialog}
    </>
  );
}
