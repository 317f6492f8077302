"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import type { ScenarioDetail } from "@/lib/api/views";
import type { ExecutionSummary } from "@/lib/executions/service";
import { useCan } from "@/components/shell/actor-context";
import { ActivationPanel } from "@/components/activation/activation-panel";
import { UpgradeScenarioButton } from "@/components/upgrades/upgrade-scenario-button";
import { ApiError, api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/misc";
import { Canvas } from "./canvas";
import { ConflictDialog, staleSave, type StaleSave } from "./conflict-dialog";
import { ExecutionsTab } from "./executions-tab";
import { HistoryPanel } from "./history-panel";
import { Inspector, type Problem } from "./inspector";
import { MappingPanel } from "./mapping-panel";
import { Palette } from "./palette";
import { RunDialog } from "./run-dialog";
import { SideTabs, type SideTab } from "./side-tabs";
import { useEditor } from "./store";
import { useEditorShortcuts } from "./shortcuts";
import { useBlueprintCheck } from "./use-check";
import { useLiveRun } from "./use-live-run";

/** The scenario editor: canvas in the middle, palette on the left, inspector on the right. */
export function ScenarioEditor({ id }: { id: string }) {
  const canEdit = useCan("builder");
  const qc = useQueryClient();
  const scenario = useQuery({ queryKey: ["scenario", id], queryFn: () => api<ScenarioDetail>(`/scenarios/${id}`) });
  const store = useEditor(
    useShallow((s) => ({
      scenarioId: s.scenarioId,
      baseRevision: s.baseRevision,
      dirty: s.dirty,
      canUndo: s.past.length > 0,
      canRedo: s.future.length > 0,
      moduleCount: s.blueprint.modules.length,
      selected: s.selected,
      addAfter: s.addAfter,
      runIsPast: s.runIsPast,
    })),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [saveProblems, setSaveProblems] = useState<Problem[]>([]);
  const [executionId, setExecutionId] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const [runDialog, setRunDialog] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const [pastRun, setPastRun] = useState(false);
  const [tab, setTab] = useState<SideTab>("inspector");
  const [conflict, setConflict] = useState<StaleSave | null>(null);

  // Selecting a module or link on the canvas is asking to see it: bring the inspector forward. Leaving the
  // inspector clears the selection, so clicking the module that was selected also counts as selecting it.
  useEffect(
    () =>
      useEditor.subscribe((next, prev) => {
        if ((next.selected !== null && next.selected !== prev.selected) || (next.selectedLink !== null && next.selectedLink !== prev.selectedLink)) setTab("inspector");
      }),
    [],
  );
  const showTab = (next: SideTab) => {
    if (next !== "inspector") useEditor.getState().select(null);
    setTab(next);
  };
  const follow = (executionId: string, past: boolean) => {
    setExecutionId(executionId);
    setPastRun(past);
  };

  useEffect(() => {
    if (scenario.data && (store.scenarioId !== id || (!store.dirty && store.baseRevision !== scenario.data.revision))) {
      useEditor.getState().load(id, scenario.data.revision, scenario.data.blueprint);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scenario.data, id]);

  // Unsaved work is not lost by accident: the browser asks before leaving, and so do links inside the app
  // (client-side navigation never fires beforeunload).
  useEffect(() => {
    if (!store.dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    const guardLinks = (e: MouseEvent) => {
      const link = (e.target as HTMLElement | null)?.closest("a[href]");
      if (!(link instanceof HTMLAnchorElement) || link.target === "_blank" || link.origin !== window.location.origin) return;
      if (!window.confirm("This scenario has unsaved changes. Leave without saving them?")) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", warn);
    document.addEventListener("click", guardLinks, true);
    return () => {
      window.removeEventListener("beforeunload", warn);
      document.removeEventListener("click", guardLinks, true);
    };
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
      setSaveProblems(detail.warnings.map((w) => ({ ...w, severity: "warning" })));
      setProblem(null);
      setMessage("");
    },
    onError: (error) => {
      setConflict(staleSave(error));
      const details = error instanceof ApiError ? (error.details as { errors?: Problem[]; violations?: Array<{ moduleIds: number[]; message: string }> } | undefined) : undefined;
      setSaveProblems(details?.errors?.map((e) => ({ ...e, severity: "error" })) ?? details?.violations?.map((v) => ({ moduleId: v.moduleIds[0], message: v.message, severity: "error" })) ?? []);
      setProblem(errorMessage(error));
    },
  });
  const canSave = canEdit && store.dirty && !save.isPending;
  const saveNow = useCallback(() => canSave && save.mutate(), [canSave, save]);

  const run = useMutation({
    mutationFn: () => api<ExecutionSummary>(`/scenarios/${id}/run`, { method: "POST", body: {} }),
    onSuccess: (e) => follow(e.id, false),
    onError: (e) => setProblem(errorMessage(e)),
  });
  const execution = useLiveRun(executionId, { past: pastRun });
  const checked = useBlueprintCheck(id, canEdit);
  useEditorShortcuts({ canEdit, onSave: saveNow, onProblem: setProblem });

  if (scenario.isError) return <Alert>{errorMessage(scenario.error)}</Alert>;
  if (!scenario.data) return <p className="p-4 text-sm text-slate-500">Loading…</p>;
  const empty = store.moduleCount === 0;
  const trigger = firstTrigger();
  const webhookTrigger = trigger?.module === "webhooks:customWebhook";
  const problems = store.dirty ? checked : saveProblems.length > 0 ? saveProblems : checked;
  const anchor = store.addAfter ?? store.selected;
  const anchorModule = anchor === null ? undefined : useEditor.getState().blueprint.modules.find((m) => m.id === anchor);

  return (
    <div className="flex h-[calc(100vh-57px)] flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-4 py-2" role="toolbar" aria-label="Editor">
        <Link href={`/scenarios/${id}`} className="max-w-56 truncate text-sm text-brand-700 hover:underline" title={scenario.data.name}>← {scenario.data.name}</Link>
        <span className="text-xs text-slate-500" data-testid="revision-state">revision {store.baseRevision}{store.dirty ? " · unsaved changes" : ""}</span>
        {canEdit ? (
          <div className="flex items-center gap-1" aria-label="Edit">
            <Button variant="ghost" aria-label="Undo" title="Undo (Ctrl/Cmd+Z)" disabled={!store.canUndo} onClick={() => useEditor.getState().undo()}>↶</Button>
            <Button variant="ghost" aria-label="Redo" title="Redo (Shift+Ctrl/Cmd+Z)" disabled={!store.canRedo} onClick={() => useEditor.getState().redo()}>↷</Button>
            <Button variant="ghost" title="Lay the modules out left to right along their links" disabled={empty} onClick={() => useEditor.getState().align()}>Auto-align</Button>
          </div>
        ) : null}
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {canEdit ? (
            <>
              <label className="sr-only" htmlFor="save-message">Revision message</label>
              <input id="save-message" className="w-40 rounded-md border border-slate-300 px-2 py-1 text-sm 2xl:w-52" placeholder="What changed (optional)" value={message} onChange={(e) => setMessage(e.target.value)} />
              <Button variant="primary" disabled={!canSave} onClick={() => save.mutate()} title="Save (Ctrl/Cmd+S)">{save.isPending ? "Saving…" : "Save"}</Button>
              <Button
                disabled={store.dirty || run.isPending || empty}
                onClick={() => (webhookTrigger ? setRunDialog(true) : run.mutate())}
                title={store.dirty ? "Save first: runs use the saved revision" : undefined}
              >
                Run once
              </Button>
              {!webhookTrigger && !empty ? (
                <Button variant="ghost" disabled={store.dirty} onClick={() => setRunDialog(true)}>Run with data…</Button>
              ) : null}
              <UpgradeScenarioButton scenarioId={id} outdated={scenario.data.versions.outdated} unsaved={store.dirty} />
            </>
          ) : <span className="text-xs text-slate-500">read-only</span>}
          <Button variant="ghost" onClick={() => setScheduling(true)}>Scheduling</Button>
          {execution ? <span className="text-xs text-slate-600" data-testid="run-status">{store.runIsPast ? "Past run" : "Last run"}: {execution.status} · {execution.operations} operations</span> : null}
        </div>
      </div>
      {problem ? <div className="border-b border-red-200"><Alert>{problem}</Alert></div> : null}
      <div className="flex min-h-0 flex-1">
        {canEdit ? (
          <aside className="w-64 shrink-0 border-r border-slate-200 bg-white" aria-label="Module palette">
            <Palette
              triggersOnly={empty}
              anchorLabel={anchorModule ? `module ${anchorModule.id}` : null}
              onPick={(key, version) => useEditor.getState().addModule(key, version, empty ? null : anchor ?? lastModuleId())}
            />
          </aside>
        ) : null}
        <main className="relative min-w-0 flex-1 bg-slate-50">
          {empty && canEdit ? (
            <button
              type="button"
              className="absolute left-1/2 top-1/3 z-10 -translate-x-1/2 rounded-2xl border-2 border-dashed border-brand-500 bg-white px-6 py-4 text-sm font-medium text-brand-700 shadow-sm hover:bg-brand-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
              onClick={() => document.getElementById("palette-search")?.focus()}
            >
              Choose a trigger from the palette to start.
            </button>
          ) : null}
          <ReactFlowProvider>
            <Canvas readOnly={!canEdit} onProblem={setProblem} />
          </ReactFlowProvider>
          <MappingPanel />
        </main>
        <aside className="flex w-96 shrink-0 flex-col border-l border-slate-200 bg-white" aria-label="Side panel">
          <SideTabs selected={tab} onSelect={showTab}>
            {tab === "inspector" ? <Inspector readOnly={!canEdit} problems={problems} /> : null}
            {tab === "history" ? <HistoryPanel scenarioId={id} currentRevision={store.baseRevision} dirty={store.dirty} canEdit={canEdit} /> : null}
            {tab === "executions" ? (
              <ExecutionsTab scenarioId={id} canRun={canEdit} active={scenario.data.active} canvasRevision={store.baseRevision} openExecutionId={executionId} onOpen={(e) => (e ? follow(e, true) : setExecutionId(null))} />
            ) : null}
          </SideTabs>
        </aside>
      </div>
      <RunDialog open={runDialog} scenarioId={id} triggerModule={trigger?.module ?? null} onClose={() => setRunDialog(false)} onStarted={(e) => follow(e, false)} />
      <ConflictDialog
        scenario={scenario.data}
        conflict={conflict}
        blueprint={() => useEditor.getState().blueprint}
        onReload={(latest) => {
          qc.setQueryData(["scenario", id], latest);
          useEditor.getState().load(id, latest.revision, latest.blueprint);
          setConflict(null);
          setProblem(null);
          setSaveProblems(latest.warnings.map((w) => ({ ...w, severity: "warning" })));
        }}
        onClose={() => setConflict(null)}
      />
      <Dialog open={scheduling} title="Scheduling" onClose={() => setScheduling(false)}>
        <ActivationPanel scenarioId={id} timezone={scenario.data.blueprint.settings.timezone} canEdit={canEdit} />
        <div className="flex justify-end">
          <Button onClick={() => setScheduling(false)}>Close</Button>
        </div>
      </Dialog>
    </div>
  );
}

function firstTrigger() {
  const { blueprint } = useEditor.getState();
  const targets = new Set(blueprint.links.map((l) => l.to));
  return blueprint.modules.find((m) => !targets.has(m.id));
}

function lastModuleId(): number | null {
  const { blueprint } = useEditor.getState();
  const withOutgoing = new Set(blueprint.links.map((l) => l.from));
  const leaves = blueprint.modules.filter((m) => !withOutgoing.has(m.id));
  return leaves.at(-1)?.id ?? null;
}
