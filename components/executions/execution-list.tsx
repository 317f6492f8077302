"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/components/ui/api";
import { SelectField } from "@/components/ui/field";
import { Badge, formatDateTime } from "@/components/ui/misc";
import { statusTone, type ExecutionSummary } from "./types";

export interface ExecutionsPage {
  items: ExecutionSummary[];
  total: number;
}

/** A page of a scenario's executions, newest first, optionally of one status. */
export function useExecutions(scenarioId: string, { status, page = 1, pageSize = 20, active }: { status: string; page?: number; pageSize?: number; active: boolean }) {
  return useQuery({
    queryKey: ["executions", scenarioId, status, page, pageSize],
    queryFn: () => api<ExecutionsPage>(`/scenarios/${scenarioId}/executions?page=${page}&pageSize=${pageSize}${status ? `&status=${status}` : ""}`),
    placeholderData: keepPreviousData,
    // Runs in flight are followed closely; an active scenario can start runs by itself at any time.
    refetchInterval: (q) => (q.state.data?.items.some((e) => e.status === "queued" || e.status === "running") ? 1000 : active ? 3000 : false),
  });
}

export function StatusFilter({ value, onChange }: { value: string; onChange: (status: string) => void }) {
  return (
    <SelectField label="Status" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">All</option>
      {Object.keys(statusTone).map((s) => <option key={s} value={s}>{s}</option>)}
    </SelectField>
  );
}

/** One execution in a list: status, when it started, operations and duration; the whole row opens it. */
export function ExecutionRow({ execution: e, current, onOpen }: { execution: ExecutionSummary; current?: boolean; onOpen: (id: string) => void }) {
  return (
    <button
      type="button"
      aria-current={current || undefined}
      className={`flex w-full items-center gap-3 px-4 py-2 text-left text-sm hover:bg-slate-50 ${current ? "bg-brand-50" : ""}`}
      onClick={() => onOpen(e.id)}
      data-testid="execution-row"
    >
      <Badge tone={statusTone[e.status]}>{e.status}</Badge>
      <span className="flex-1 text-slate-700">
        {formatDateTime(e.startedAt ?? e.createdAt)}
        {e.trigger === "retry" ? <span className="text-xs text-slate-500"> · retry</span> : null}
      </span>
      <span className="tabular-nums text-slate-500">{e.operations} ops</span>
      <span className="w-16 text-right tabular-nums text-slate-500">{formatDuration(e.durationMs)}</span>
    </button>
  );
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "–";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
