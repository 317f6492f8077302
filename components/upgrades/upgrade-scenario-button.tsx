"use client";

import { useState } from "react";
import type { ScenarioDetail } from "@/lib/api/views";
import { Button } from "@/components/ui/button";
import { UpgradeDialog } from "./upgrade-dialog";

/** "Upgrade whole scenario": every outdated module at once, chained migrations included, one revision. */
export function UpgradeScenarioButton({
  scenarioId,
  outdated,
  unsaved,
  onApplied,
}: {
  scenarioId: string;
  /** How many modules are behind; the button says so and is hidden when none are. */
  outdated: number;
  unsaved?: boolean;
  onApplied?: (scenario: ScenarioDetail) => void;
}) {
  const [open, setOpen] = useState(false);
  // Once applied the count drops to 0; the open dialog stays to show the result and offer Revert.
  if (outdated === 0 && !open) return null;
  return (
    <>
      {outdated > 0 ? (
        <Button onClick={() => setOpen(true)} data-testid="upgrade-scenario">
          Upgrade whole scenario ({outdated})
        </Button>
      ) : null}
      {open ? <UpgradeDialog scenarioId={scenarioId} moduleIds="all" open onClose={() => setOpen(false)} onApplied={onApplied} unsaved={unsaved} /> : null}
    </>
  );
}
