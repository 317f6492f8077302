"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ScenarioDetail } from "@/lib/api/views";
import { api } from "@/components/ui/api";

/** Scenario mutations shared by the list and the scenario page; each refreshes what it changed. */
export function useScenarioMutations() {
  const qc = useQueryClient();
  const refresh = (detail?: ScenarioDetail) => {
    void qc.invalidateQueries({ queryKey: ["scenarios"] });
    if (detail) qc.setQueryData(["scenario", detail.id], detail);
    if (detail) void qc.invalidateQueries({ queryKey: ["revisions", detail.id] });
  };
  return {
    create: useMutation({
      mutationFn: (name: string) => api<ScenarioDetail>("/scenarios", { method: "POST", body: { name } }),
      onSuccess: refresh,
    }),
    rename: useMutation({
      mutationFn: (v: { id: string; name: string; baseRevision: number }) =>
        api<ScenarioDetail>(`/scenarios/${v.id}`, { method: "PUT", body: { name: v.name, baseRevision: v.baseRevision } }),
      onSuccess: refresh,
    }),
    duplicate: useMutation({
      mutationFn: (id: string) => api<ScenarioDetail>(`/scenarios/${id}/duplicate`, { method: "POST", body: {} }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api<void>(`/scenarios/${id}`, { method: "DELETE" }),
      onSuccess: () => refresh(),
    }),
    importFile: useMutation({
      mutationFn: async (file: File) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(await file.text());
        } catch {
          throw new Error(`${file.name} is not a JSON file.`);
        }
        return api<ScenarioDetail>("/scenarios/import", { method: "POST", body: parsed });
      },
      onSuccess: refresh,
    }),
  };
}

/** Downloads through the API so the browser saves the file the server named. */
export function exportUrl(id: string): string {
  return `/api/v1/scenarios/${id}/export`;
}
