"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextAreaField } from "@/components/ui/field";
import { Alert, Card } from "@/components/ui/misc";
import { ExecutionLog } from "./execution-log";
import { ExecutionRow, StatusFilter, useExecutions } from "./execution-list";
import { IncompleteList, useRefreshExecutions } from "./incomplete-list";
import type { ExecutionSummary } from "./types";

export function ExecutionsPanel({ scenarioId, canRun, active }: { scenarioId: string; canRun: boolean; active: boolean }) {
  const [status, setStatus] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const list = useExecutions(scenarioId, { status, active });
  const refresh = useRefreshExecutions(scenarioId);

  return (
    <Card>
      <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <h2 className="text-sm font-semibold">Executions</h2>
        <div className="flex items-end gap-2">
          <div className="w-36">
            <StatusFilter value={status} onChange={setStatus} />
          </div>
          {canRun ? <Button variant="primary" onClick={() => setRunning(true)}>Run once</Button> : null}
        </div>
      </div>
      {list.isError ? <div className="p-4"><Alert>{errorMessage(list.error)}</Alert></div> : null}
      {list.data && list.data.items.length === 0 ? <p className="p-4 text-sm text-slate-500">No executions yet.</p> : null}
      <ul className="divide-y divide-slate-100">
        {list.data?.items.map((e) => (
          <li key={e.id}>
            <ExecutionRow execution={e} onOpen={setOpen} />
          </li>
        ))}
      </ul>

      <IncompleteList scenarioId={scenarioId} canRun={canRun} active={active} onRetried={setOpen} />

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
