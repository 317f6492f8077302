"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ExecutionRow, StatusFilter, useExecutions } from "@/components/executions/execution-list";
import { IncompleteList, useRefreshExecutions } from "@/components/executions/incomplete-list";
import type { ExecutionDetail } from "@/components/executions/types";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Alert, formatDateTime } from "@/components/ui/misc";
import { Pager } from "@/components/ui/pager";

const PAGE_SIZE = 10;

/**
 * The scenario's executions inside the editor (the editor polls the open run under the same query key). Opening one shows that run on the canvas (bubbles, and each
 * operation's input and output in the inspector) without leaving the editor; incomplete executions can be
 * retried or discarded here, and a retry opens at once so its progress shows on the canvas.
 */
export function ExecutionsTab({
  scenarioId,
  canRun,
  active,
  canvasRevision,
  openExecutionId,
  onOpen,
}: {
  scenarioId: string;
  canRun: boolean;
  active: boolean;
  /** The revision on the canvas, to warn when a run used another one. */
  canvasRevision: number;
  openExecutionId: string | null;
  onOpen: (executionId: string | null) => void;
}) {
  const [status, setStatus] = useState("");
  const [page, setPage] = useState(1);
  const list = useExecutions(scenarioId, { status, page, pageSize: PAGE_SIZE, active });
  const refresh = useRefreshExecutions(scenarioId);
  const open = useQuery({
    queryKey: ["execution", openExecutionId],
    queryFn: () => api<ExecutionDetail>(`/executions/${openExecutionId}`),
    enabled: openExecutionId !== null,
  });
  // A run started from the toolbar or by a retry is not listed yet, and its settling changes the lists.
  const openStatus = open.data?.status;
  useEffect(() => {
    if (openExecutionId) refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [openExecutionId, openStatus]);

  return (
    <div className="text-sm" data-testid="executions-tab">
      <div className="space-y-3 p-4">
        <div className="flex items-end justify-between gap-3">
          <h2 className="font-semibold text-slate-900">Executions</h2>
          <div className="w-36">
            <StatusFilter value={status} onChange={(s) => { setStatus(s); setPage(1); }} />
          </div>
        </div>
        {openExecutionId ? <OpenRun execution={open.data} canvasRevision={canvasRevision} onClose={() => onOpen(null)} /> : (
          <p className="text-xs text-slate-500">Open a run to see its bubbles on the canvas; then select a module for each operation&apos;s input and output.</p>
        )}
        {list.isError ? <Alert>{errorMessage(list.error)}</Alert> : null}
      </div>
      {list.data && list.data.items.length === 0 ? (
        <p className="px-4 pb-3 text-slate-500">{status ? `No ${status} executions.` : "No executions yet."}</p>
      ) : null}
      <ul className="divide-y divide-slate-100 border-t border-slate-100" aria-label="Executions">
        {list.data?.items.map((e) => (
          <li key={e.id}>
            <ExecutionRow execution={e} current={e.id === openExecutionId} onOpen={onOpen} />
          </li>
        ))}
      </ul>
      <div className="px-4 pb-3">
        <Pager page={page} total={list.data?.total} pageSize={PAGE_SIZE} onPage={setPage} />
      </div>
      <IncompleteList scenarioId={scenarioId} canRun={canRun} active={active} onRetried={onOpen} />
    </div>
  );
}

/** What the canvas is showing: which run, and whether the blueprint it ran is the one on the canvas. */
function OpenRun({ execution: e, canvasRevision, onClose }: { execution: ExecutionDetail | undefined; canvasRevision: number; onClose: () => void }) {
  return (
    <div className="space-y-1 rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-xs text-brand-700" role="status" data-testid="open-run">
      <div className="flex items-center justify-between gap-2">
        <p>
          {e ? `On the canvas: the ${e.status} run of ${formatDateTime(e.startedAt ?? e.createdAt)}, ${e.operations} operation${e.operations === 1 ? "" : "s"}.` : "Loading the run…"}
        </p>
        <Button variant="ghost" className="shrink-0 whitespace-nowrap px-2 py-0.5 text-xs" onClick={onClose}>Hide run</Button>
      </div>
      {e && e.revision !== canvasRevision ? (
        <p>This run used revision {e.revision}; the canvas shows revision {canvasRevision}, so bubbles sit on modules by their number.</p>
      ) : null}
      {e?.error ? <p className="text-red-800">{e.error.moduleId !== undefined ? `Module ${e.error.moduleId}: ` : ""}{e.error.message}</p> : null}
    </div>
  );
}
