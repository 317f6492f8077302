"use client";

import { useMutation } from "@tanstack/react-query";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { useRefreshScenario, type RunDetail } from "./hooks";

/**
 * One-click revert of the upgrade run (or connection swap) that wrote a revision. The server refuses, with
 * the reason, when the scenario changed since; the reason is shown in place.
 */
export function RevertRunButton({ runId, scenarioId, revision }: { runId: string; scenarioId: string; revision: number }) {
  const refresh = useRefreshScenario();
  const revert = useMutation({
    mutationFn: () => api<RunDetail>(`/upgrades/${runId}/revert`, { method: "POST" }),
    onSuccess: () => refresh(scenarioId),
  });
  const entry = revert.data?.revert?.find((e) => e.scenarioId === scenarioId);
  const problem = revert.isError ? errorMessage(revert.error) : entry && entry.outcome !== "reverted" ? entry.reason : null;
  return (
    <span className="inline-flex flex-col items-end">
      <Button variant="ghost" onClick={() => revert.mutate()} disabled={revert.isPending || revert.isSuccess}>
        Revert<span className="sr-only"> the change of revision {revision}</span>
      </Button>
      {problem ? <span role="alert" className="max-w-48 text-right text-[11px] text-red-700">{problem}</span> : null}
    </span>
  );
}
