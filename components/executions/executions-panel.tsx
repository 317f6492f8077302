"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextAreaField } from "@/components/ui/field";
import { Alert, Badge, Card, formatDateTime } from "@/components/ui/misc";
import { ExecutionLog } from "./execution-log";
import { statusTone, type ExecutionSummary, type IncompleteView } from "./types";

interface Page {
  items: ExecutionSummary[];
  total: number;
}

export function ExecutionsPanel({ scenarioId, canRun, active }: { scenarioId: string; canRun: boolean; active: boolean }) {
  const qc = useQueryClient();
  const [status, setStatus] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const list = useQuery({
    queryKey: ["executions", scenarioId, status],
    queryFn: () => api<Page>(`/scenarios/${scenarioId}/executions?pageSize=20${status ? `&status=${status}` : ""}`),
    placeholderData: keepPreviousData,
    // Runs in flight are followed closely; an active scenario can start runs by itself at any time.
    refetchInterval: (q) => (q.state.data?.items.some((e) => e.status === "queued" || e.status === "running") ? 1000 : active ? 3000 : false),
  });
  const incomplete = useQuery({
    queryKey: ["incomplete", scenarioId],
    queryFn: () => api<{ items: IncompleteView[] }>(`/scenarios/${scenarioId}/incomplete`),
    refetchInterval: active ? 5000 : false,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ["executions", scenarioId] });
    void qc.invalidateQueries({ queryKey: ["incomplete", scenarioId] });
  };
  const retry = useMutation({
    mutationFn: (id: string) => api<ExecutionSummary>(`/incomplete/${id}/retry`, { method: "POST" }),
    onSuccess: (e) => {
      refresh();
      setOpen(e.id);
    },
  });
  const discard = useMutation({ mutationFn: (id: string) => api<void>(`/incomplete/${id}`, { method: "DELETE" }), onSuccess: refresh });

  return (
    <Card>
      <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <h2 className="text-sm font-semibold">Executions</h2>
        <div className="flex items-end gap-2">
          <div className="w-36">
            <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">All</option>
              {Object.keys(statusTone).map((s) => <option key={s} value={s}>{s}</option>)}
            </SelectField>
          </div>
          {canRun ? <Button variant="primary" onClick={() => setRunning(true)}>Run once</Button> : null}
        </div>
      </div>
      {list.isError ? <div className="p-4"><Alert>{errorMessage(list.error)}</Alert></div> : null}
      {list.data && list.data.items.length === 0 ? <p className="p-4 text-sm text-slate-500">No executions yet.</p> : null}
      <ul className="divide-y divide-slate-100">
        {list.data?.items.map((e) => (
          <li key={e.id}>
            <button
              type="button"
              className="flex w-full items-center gap-3 px-4 py-2 text-left text-sm hover:bg-slate-50"
              onClick={() => setOpen(e.id)}
              data-testid="execution-row"
            >
              <Badge tone={statusTone[e.status]}>{e.status}</Badge>
              <span className="flex-1 text-slate-700">{formatDateTime(e.createdAt)}</span>
              <span className="tabular-nums text-slate-500">{e.operations} ops</span>
              <span className="w-16 text-right tabular-nums text-slate-500">{e.durationMs ?? "–"} ms</span>
            </button>
          </li>
        ))}
      </ul>

      {incomplete.data && incomplete.data.items.length > 0 ? (
        <div className="border-t border-slate-200">
          <h3 className="px-4 pt-3 text-sm font-semibold">Incomplete executions</h3>
          {retry.isError ? <div className="px-4 pt-2"><Alert>{errorMessage(retry.error)}</Alert></div> : null}
          <ul className="divide-y divide-slate-100">
            {incomplete.data.items.map((i) => (
              <li key={i.id} className="flex items-center gap-3 px-4 py-2 text-sm" data-testid="incomplete-row">
                <div className="flex-1">
                  <p>Module {i.moduleId}: {i.error.message}</p>
                  <p className="text-xs text-slate-500">{formatDateTime(i.createdAt)} · {i.attempts} retr{i.attempts === 1 ? "y" : "ies"} · {i.status}</p>
                </div>
                {canRun ? (
                  <>
                    <Button onClick={() => retry.mutate(i.id)} disabled={i.status !== "pending"}>Retry</Button>
                    <Button variant="ghost" className="text-red-700" onClick={() => discard.mutate(i.id)}>Discard</Button>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <Dialog open={open !== null} title="Execution" wide onClose={() => setOpen(null)}>
        {open ? <ExecutionLog id={open} /> : null}
        <div className="flex justify-end"><Button onClick={() => { setOpen(null); refresh(); }}>Close</Button></div>
      </Dialog>
      <RunDialog
        open={running}
        scenarioId={scenarioId}
        onClose={() => setRunning(false)}
        onStarted={(id) => {
          setRunning(false);
          refresh();
          setOpen(id);
        }}
      />
    </Card>
  );
}

function RunDialog({ open, scenarioId, onClose, onStarted }: { open: boolean; scenarioId: string; onClose: () => void; onStarted: (id: string) => void }) {
  const [payload, setPayload] = useState("");
  const [error, setError] = useState<string>();
  const run = useMutation({
    mutationFn: (body: { payload?: unknown }) => api<ExecutionSummary>(`/scenarios/${scenarioId}/run`, { method: "POST", body }),
    onSuccess: (e) => onStarted(e.id),
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Dialog open={open} title="Run once" onClose={onClose}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (payload.trim() === "") return run.mutate({});
          try {
            run.mutate({ payload: JSON.parse(payload) });
          } catch (err) {
            setError(`The payload is not valid JSON: ${errorMessage(err)}`);
          }
        }}
      >
        <TextAreaField
          label="Trigger payload (JSON, optional)"
          rows={6}
          className="font-mono"
          value={payload}
          onChange={(e) => setPayload(e.target.value)}
          error={error}
          hint="Leave empty to run with the trigger's sample data."
        />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={run.isPending}>Run</Button>
        </div>
      </form>
    </Dialog>
  );
}
