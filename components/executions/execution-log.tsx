"use client";

import { useQuery } from "@tanstack/react-query";
import { api, errorMessage } from "@/components/ui/api";
import { Alert, Badge, formatDateTime } from "@/components/ui/misc";
import { JsonView } from "./json-view";
import { statusTone, type ExecutionDetail } from "./types";

/** One execution, module by module and bundle by bundle; polls while the run is still going. */
export function ExecutionLog({ id }: { id: string }) {
  const execution = useQuery({
    queryKey: ["execution", id],
    queryFn: () => api<ExecutionDetail>(`/executions/${id}`),
    refetchInterval: (q) => (q.state.data && !["queued", "running"].includes(q.state.data.status) ? false : 500),
  });
  if (execution.isError) return <Alert>{errorMessage(execution.error)}</Alert>;
  const e = execution.data;
  if (!e) return <p className="text-sm text-slate-500">Loading…</p>;
  return (
    <div className="space-y-3 text-sm" data-testid="execution-log">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={statusTone[e.status]}>{e.status}</Badge>
        <span className="text-slate-600">
          {e.operations} operation{e.operations === 1 ? "" : "s"} · revision {e.revision} · {e.trigger}
          {e.durationMs !== null ? ` · ${e.durationMs} ms` : ""} · {formatDateTime(e.createdAt)}
        </span>
      </div>
      {e.error ? (
        <Alert>
          {e.error.moduleId !== undefined ? `Module ${e.error.moduleId}: ` : ""}
          {e.error.type}: {e.error.message}
        </Alert>
      ) : null}
      <JsonView label="Trigger payload" value={e.input ?? undefined} />
      <ol className="space-y-2">
        {e.log.map((entry, i) => (
          <li key={i} className="rounded border border-slate-200 p-2" data-testid="log-entry">
            <div className="mb-1 flex items-center gap-2 text-xs">
              <span className="font-mono font-semibold">#{entry.moduleId}</span>
              <span className="text-slate-700">{entry.module}</span>
              <span className="text-slate-400">v{entry.version} · operation {entry.bundleIndex}</span>
              <Badge tone={entry.status === "success" ? "green" : "red"}>{entry.handledBy ? `${entry.status} → ${entry.handledBy}` : entry.status}</Badge>
              {entry.truncated ? <Badge tone="amber">truncated</Badge> : null}
            </div>
            <div className="grid gap-2 md:grid-cols-2">
              <JsonView label="Input" value={entry.input} />
              {entry.error ? <Alert>{entry.error.message}</Alert> : <JsonView label="Output" value={entry.output} />}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
