"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { AttentionItem } from "@/lib/upgrades/meta";
import type { UpgradePreview } from "@/lib/upgrades/preview";
import type { BulkPlanEntry, RunDetail, UsageReport } from "@/lib/upgrades/views";
import type { UpgradePlan, UpgradeTargets } from "@/lib/versioning/types";
import type { ScenarioDetail } from "@/lib/api/views";
import { api } from "@/components/ui/api";

export type ScenarioPlan = UpgradePlan & { baseRevision: number };
export type { AttentionItem, BulkPlanEntry, RunDetail, UpgradePreview, UsageReport };

export interface ConnectionChoice {
  id: string;
  name: string;
  type?: string;
  app?: string | null;
  status?: string;
}

export const planKey = (scenarioId: string, targets: UpgradeTargets) => ["upgrade-plan", scenarioId, targets === "all" ? "all" : targets.join(",")];

/** The plan for the scenario's current revision; made again whenever the dialog opens. */
export function useUpgradePlan(scenarioId: string, targets: UpgradeTargets, enabled: boolean) {
  return useQuery({
    queryKey: planKey(scenarioId, targets),
    queryFn: () => api<ScenarioPlan>(`/scenarios/${scenarioId}/upgrade-plan`, { method: "POST", body: { targets } }),
    enabled,
    staleTime: 0,
    gcTime: 0,
  });
}

/** Connections the person may pick; builders see those shared with them. */
export function useConnections(enabled: boolean) {
  return useQuery({ queryKey: ["connections"], queryFn: () => api<{ items: ConnectionChoice[] }>("/connections"), enabled });
}

export function useAttention(scenarioId: string) {
  return useQuery({ queryKey: ["attention", scenarioId], queryFn: () => api<{ items: AttentionItem[] }>(`/scenarios/${scenarioId}/attention`), enabled: scenarioId !== "" });
}

export function useUsageReport() {
  return useQuery({ queryKey: ["upgrades"], queryFn: () => api<UsageReport>("/upgrades") });
}

/** After an upgrade, revert, replacement or swap: everything that shows the scenario is read again. */
export function useRefreshScenario() {
  const qc = useQueryClient();
  return (scenarioId: string, detail?: ScenarioDetail) => {
    if (detail) qc.setQueryData(["scenario", scenarioId], detail);
    for (const key of [["scenario", scenarioId], ["revisions", scenarioId], ["attention", scenarioId], ["scenarios"], ["upgrades"]]) {
      void qc.invalidateQueries({ queryKey: key });
    }
  };
}

export const accepts = (declared: string | null, type: string | undefined) => declared !== null && type !== undefined && declared.split("|").includes(type);
