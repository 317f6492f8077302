"use client";

import { useCan } from "@/components/shell/actor-context";
import { Alert, PageHeader } from "@/components/ui/misc";
import { UpgradeCenter } from "@/components/upgrades/upgrade-center";

export function UpgradesPageClient() {
  const canEdit = useCan("builder");
  return (
    <>
      <PageHeader title="Upgrade center">
        Every outdated, deprecated or sunset module in the scenarios you may edit. Select any set, look at the plan, apply it as one run, and revert the
        run if you need to.
      </PageHeader>
      {canEdit ? <UpgradeCenter /> : <Alert kind="info">Upgrades change scenarios, so the upgrade center is for builders and admins.</Alert>}
    </>
  );
}
