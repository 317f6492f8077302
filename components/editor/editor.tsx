"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import Link from "next/link";
import { useEffect, useState } from "react";
import type { ScenarioDetail } from "@/lib/api/views";
import type { ExecutionDetail, ExecutionSummary } from "@/lib/executions/service";
import { useCan } from "@/components/shell/actor-context";
import { ApiError, api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/misc";
import { UpgradeScenarioButton } from "@/components/upgrades/upgrade-scenario-button";
import { Canvas } from "./canvas";
import { Inspector } from "./inspector";
import { Palette } from "./palette";
import { useEditor } from "./store";

/** The scenario editor: canvas in the middle, palette on the left, inspector on the right. */
export function ScenarioEditor({ id }: { id: string }) {
  const canEdit = useCan("builder");
  const qc = useQueryClient();
  const scenario = useQuery({ queryKey: ["scenario", id], queryFn: () => api<ScenarioDetail>(`/scenarios/${id}`) });
  const store = useEditor();
  const [problem, setProblem] = useState<string | null>(null);
  const [saveProblems, setSaveProblems] = useState<Array<{ moduleId?: number; message: string; fieldPath?: string }>>([]);
  const [executionId, setExecutionId] = useState<string | null>(null);
  const [message, setMessage] = useState("");

  useEffect(() => {
    if (scenario.data && (store.scenarioId !== id || (!store.dirty && store.baseRevision !== scenario.data.revision))) {
      useEditor.getState().load(id, scenario.data.revision, scenario.data.blueprint);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scenario.data, id]);

  // Unsaved work is not lost by accident: the browser asks before leaving.
  useEffect(() => {
    if (!store.dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [store.dirty]);

  const save = useMutation({
    mutationFn: () => {
      const { blueprint, baseRevision } = useEditor.getState();
      return api<ScenarioDetail>(`/scenarios/${id}`, { method: "PUT", body: { baseRevision, blueprint, message: message || undefined } });
    },
    onSuccess: (detail) => {
      useEditor.getState().saved(detail.revision, detail.blueprint);
      qc.setQueryData(["scenario", id], detail);
      void qc.invalidateQueries({ queryKey: ["revisions", id] });
      setSaveProblems(detail.warnings);
      setProblem(null);
      setMessage("");
    },
    onError: (error) => {
      const details = error instanceof ApiError ? (error.details as { errors?: typeof saveProblems; violations?: Array<{ moduleIds: number[]; message: string }> } | undefined) : undefined;
      setSaveProblems(details?.errors ?? details?.violations?.map((v) => ({ moduleId: v.moduleIds[0], message: v.message })) ?? []);
      setProblem(errorMessage(error));
    },
  });

  const run = useMutation({
    mutationFn: () => api<ExecutionSummary>(`/scenarios/${id}/run`, { method: "POST", body: {} }),
    onSuccess: (e) => setExecutionId(e.id),
    onError: (e) => setProblem(errorMessage(e)),
  });
  const execution = useQuery({
    queryKey: ["execution", executionId],
    queryFn: () => api<ExecutionDetail>(`/executions/${executionId}`),
    enabled: executionId !== null,
    refetchInterval: (q) => (q.state.data && !["queued", "running"].includes(q.state.data.status) ? false : 400),
  });
  useEffect(() => {
    const log = execution.data?.log ?? [];
    const ops: Record<number, { count: number; failed: boolean }> = {};
    for (const e of log) ops[e.moduleId] = { count: (ops[e.moduleId]?.count ?? 0) + 1, failed: (ops[e.moduleId]?.failed ?? false) || e.status === "error" };
    useEditor.getState().showRun(ops);
  }, [execution.data]);

  if (scenario.isError) return <Alert>{errorMessage(scenario.error)}</Alert>;
  if (!scenario.data) return <p className="p-4 text-sm text-slate-500">Loading…</p>;
  const empty = store.blueprint.modules.length === 0;

  return (
    <div className="flex h-[calc(100vh-57px)] flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <Link href={`/scenarios/${id}`} className="text-sm text-brand-700 hover:underline">← {scenario.data.name}</Link>
        <span className="text-xs text-slate-500">revision {store.baseRevision}{store.dirty ? " · unsaved changes" : ""}</span>
        <div className="ml-auto flex items-center gap-2">
          {canEdit ? (
            <>
              <label className="sr-only" htmlFor="save-message">Revision message</label>
              <input id="save-message" className="w-56 rounded-md border border-slate-300 px-2 py-1 text-sm" placeholder="What changed (optional)" value={message} onChange={(e) => setMessage(e.target.value)} />
              <Button variant="primary" disabled={!store.dirty || save.isPending} onClick={() => save.mutate()}>{save.isPending ? "Saving…" : "Save"}</Button>
              <Button disabled={store.dirty || run.isPending || empty} onClick={() => run.mutate()} title={store.dirty ? "Save first: runs use the saved revision" : undefined}>
                Run once
              </Button>
              <UpgradeScenarioButton scenarioId={id} outdated={scenario.data.versions.outdated} unsaved={store.dirty} />
            </>
          ) : <span className="text-xs text-slate-500">read-only</span>}
          {execution.data ? <span className="text-xs text-slate-600" data-testid="run-status">Last run: {execution.data.status} · {execution.data.operations} operations</span> : null}
        </div>
      </div>
      {problem ? <div className="border-b border-red-200"><Alert>{problem}</Alert></div> : null}
      <div className="flex min-h-0 flex-1">
        {canEdit ? (
          <aside className="w-64 shrink-0 border-r border-slate-200 bg-white" aria-label="Module palette">
            <Palette triggersOnly={empty} onPick={(key, version) => useEditor.getState().addModule(key, version, empty ? null : store.selected ?? lastModuleId())} />
          </aside>
        ) : null}
        <main className="relative min-w-0 flex-1 bg-slate-50">
          {empty ? <p className="pointer-events-none absolute inset-x-0 top-1/3 z-10 text-center text-sm text-slate-500">Choose a trigger from the palette to start.</p> : null}
          <ReactFlowProvider>
            <Canvas readOnly={!canEdit} onProblem={setProblem} />
          </ReactFlowProvider>
        </main>
        <aside className="w-96 shrink-0 overflow-auto border-l border-slate-200 bg-white" aria-label="Inspector">
          <Inspector readOnly={!canEdit} log={execution.data?.log ?? []} problems={saveProblems} />
        </aside>
      </div>
    </div>
  );
}

function lastModuleId(): number | null {
  const { blueprint } = useEditor.getState();
  const withOutgoing = new Set(blueprint.links.map((l) => l.from));
  const leaves = blueprint.modules.filter((m) => !withOutgoing.has(m.id));
  return leaves.at(-1)?.id ?? null;
}
