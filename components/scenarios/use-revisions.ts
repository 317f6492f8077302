"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RevisionDetail, RevisionSummary, ScenarioDetail } from "@/lib/api/views";
import { api } from "@/components/ui/api";

/** Revision queries and the restore shared by the scenario page and the editor's history panel. */
export function useRevisions(scenarioId: string) {
  return useQuery({
    queryKey: ["revisions", scenarioId],
    queryFn: () => api<{ items: RevisionSummary[] }>(`/scenarios/${scenarioId}/revisions`),
  });
}

/** A revision never changes once written, so it is fetched once per session. */
export function useRevision(scenarioId: string, number: number | null) {
  return useQuery({
    queryKey: ["revision", scenarioId, number],
    queryFn: () => api<RevisionDetail>(`/scenarios/${scenarioId}/revisions/${number}`),
    enabled: number !== null,
    staleTime: Infinity,
  });
}

/**
 * Restores a revision on top of `baseRevision` (409 if someone saved since). The scenario's cached detail is
 * replaced, so whatever shows it (the page, the editor's canvas) moves to the restored content.
 */
export function useRestoreRevision(scenarioId: string, onRestored?: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { number: number; baseRevision: number }) =>
      api<ScenarioDetail>(`/scenarios/${scenarioId}/revisions/${v.number}/restore`, { method: "POST", body: { baseRevision: v.baseRevision } }),
    onSuccess: (detail) => {
      qc.setQueryData(["scenario", detail.id], detail);
      void qc.invalidateQueries({ queryKey: ["revisions", detail.id] });
      void qc.invalidateQueries({ queryKey: ["scenarios"] });
      onRestored?.();
    },
  });
}

export function authorName(author: RevisionSummary["author"]): string {
  return author ? author.name || author.email : "a deleted user";
}
