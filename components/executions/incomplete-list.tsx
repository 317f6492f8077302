"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Alert, formatDateTime } from "@/components/ui/misc";
import type { ExecutionSummary, IncompleteView } from "./types";

/** Refreshes a scenario's execution lists after something started or settled a run. */
export function useRefreshExecutions(scenarioId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ["executions", scenarioId] });
    void qc.invalidateQueries({ queryKey: ["incomplete", scenarioId] });
  };
}

/**
 * Bundles parked by a `break` error handler, waiting to be retried (from the failed module, with the stored
 * bundle, as a new execution) or discarded. Renders nothing while there are none.
 */
export function IncompleteList({ scenarioId, canRun, active, onRetried }: { scenarioId: string; canRun: boolean; active: boolean; onRetried: (executionId: string) => void }) {
  const refresh = useRefreshExecutions(scenarioId);
  const [discarding, setDiscarding] = useState<IncompleteView | null>(null);
  const incomplete = useQuery({
    queryKey: ["incomplete", scenarioId],
    queryFn: () => api<{ items: IncompleteView[] }>(`/scenarios/${scenarioId}/incomplete`),
    refetchInterval: active ? 5000 : false,
  });
  const retry = useMutation({
    mutationFn: (id: string) => api<ExecutionSummary>(`/incomplete/${id}/retry`, { method: "POST" }),
    onSuccess: (e) => {
      refresh();
      onRetried(e.id);
    },
  });
  const discard = useMutation({
    mutationFn: (id: string) => api<void>(`/incomplete/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      setDiscarding(null);
      refresh();
    },
  });

  if (!incomplete.data || incomplete.data.items.length === 0) return null;
  return (
    <div className="border-t border-slate-200">
      <h3 className="px-4 pt-3 text-sm font-semibold">Incomplete executions</h3>
      {retry.isError ? <div className="px-4 pt-2"><Alert>{errorMessage(retry.error)}</Alert></div> : null}
      <ul className="divide-y divide-slate-100">
        {incomplete.data.items.map((i) => (
          <li key={i.id} className="flex items-center gap-3 px-4 py-2 text-sm" data-testid="incomplete-row">
            <div className="min-w-0 flex-1">
              <p className="break-words">Module {i.moduleId}: {i.error.message}</p>
              <p className="text-xs text-slate-500">{formatDateTime(i.createdAt)} · {i.attempts} retr{i.attempts === 1 ? "y" : "ies"} · {i.status}</p>
            </div>
            {canRun ? (
              <>
                <Button onClick={() => retry.mutate(i.id)} disabled={i.status !== "pending" || retry.isPending}>Retry</Button>
                <Button variant="ghost" className="text-red-700" onClick={() => setDiscarding(i)}>Discard</Button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={discarding !== null}
        title="Discard this incomplete execution?"
        message={`The bundle parked at module ${discarding?.moduleId} is deleted and can no longer be retried.`}
        confirmLabel="Discard"
        danger
        busy={discard.isPending}
        error={discard.isError ? errorMessage(discard.error) : undefined}
        onClose={() => { setDiscarding(null); discard.reset(); }}
        onConfirm={() => discarding && discard.mutate(discarding.id)}
      />
    </div>
  );
}
