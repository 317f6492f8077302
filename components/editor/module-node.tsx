"use client";

import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { UpgradeBadge } from "@/components/upgrades/upgrade-badge";
import { appOf, useCatalog } from "./catalog";
import { useEditor } from "./store";

type ModuleNodeData = { moduleId: number; readOnly?: boolean };

/** Counts renders per module id so the bench can prove a drag re-renders one node, not all of them. */
declare global {
  interface Window {
    __patchbayNodeRenders?: Record<number, number>;
  }
}

/**
 * One module on the canvas. It reads its own module from the store by id, so dragging one node does not
 * re-render the others (node data stays a stable id).
 */
export const ModuleNode = memo(function ModuleNode({ data, selected }: NodeProps & { data: ModuleNodeData }) {
  const mod = useEditor((s) => s.blueprint.modules.find((m) => m.id === data.moduleId));
  const ops = useEditor((s) => s.operations[data.moduleId]);
  const problems = useEditor((s) => s.problems[data.moduleId]);
  // A module feeds one module; only a router takes more, so "+" is offered where a link can still go.
  const canAddAfter = useEditor((s) => s.blueprint.modules.find((m) => m.id === data.moduleId)?.module === "flow:router" || !s.blueprint.links.some((l) => l.from === data.moduleId));
  const catalog = useCatalog();
  const scenarioId = useEditor((s) => s.scenarioId);
  if (typeof window !== "undefined" && window.__patchbayNodeRenders) window.__patchbayNodeRenders[data.moduleId] = (window.__patchbayNodeRenders[data.moduleId] ?? 0) + 1;
  if (!mod) return null;
  const app = appOf(catalog.data?.apps, mod.module);
  const entry = app?.modules.find((m) => m.key === mod.module);
  const version = entry?.versions.find((v) => v.version === mod.version);
  return (
    <div
      className={`group relative w-52 rounded-xl border bg-white px-3 py-2 text-left shadow-sm transition-shadow ${selected ? "border-brand-500 ring-2 ring-brand-100" : problems?.errors ? "border-red-400" : "border-slate-300"} ${ops?.running ? "ring-4 ring-green-200" : ""}`}
      data-testid={`module-node-${mod.id}`}
    >
      <Handle type="target" position={Position.Left} className="!h-3 !w-3 !bg-slate-400" />
      <div className="flex items-center gap-2">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={app?.icon ?? "/icons/flow.svg"} alt="" width={28} height={28} className="rounded" />
        <div className="min-w-0">
          <p className="truncate text-sm font-medium text-slate-900">{version?.title ?? mod.module}</p>
          <p className="truncate text-xs text-slate-500">
            {app?.title ?? mod.module.split(":")[0]} · #{mod.id} · v{mod.version}
          </p>
        </div>
      </div>
      <UpgradeBadge scenarioId={scenarioId} moduleId={mod.id} version={mod.version} info={entry && { latestVersion: entry.latestVersion, deprecated: version?.deprecated ?? null }} today={catalog.data?.today} isUnsaved={isDirty} />
      {mod.ui?.note ? (
        <p className="mt-1 line-clamp-2 rounded bg-yellow-50 px-1.5 py-0.5 text-[11px] text-yellow-900" data-testid={`note-${mod.id}`} title={mod.ui.note}>
          ✎ {mod.ui.note}
        </p>
      ) : null}
      {problems && (problems.errors > 0 || problems.warnings > 0) ? (
        <p className={`mt-1 text-[10px] font-medium ${problems.errors > 0 ? "text-red-700" : "text-amber-700"}`} data-testid={`problems-${mod.id}`}>
          {problems.errors > 0 ? `${problems.errors} error${problems.errors === 1 ? "" : "s"}` : `${problems.warnings} warning${problems.warnings === 1 ? "" : "s"}`}
        </p>
      ) : null}
      {ops ? (
        <button
          type="button"
          className={`nodrag absolute -right-2 -top-2 min-w-6 rounded-full px-1.5 py-0.5 text-center text-xs font-semibold text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${ops.failed ? "bg-red-600" : "bg-green-600"}`}
          data-testid={`bubble-${mod.id}`}
          title={`${ops.count} operation${ops.count === 1 ? "" : "s"} in the run shown; open them`}
          aria-label={`${ops.count} operation${ops.count === 1 ? "" : "s"} of module ${mod.id}; open them`}
          onClick={(e) => {
            e.stopPropagation();
            useEditor.getState().select(mod.id);
          }}
        >
          {ops.count}
        </button>
      ) : null}
      <Handle type="source" position={Position.Right} className="!h-3 !w-3 !bg-slate-400" />
      {data.readOnly || !canAddAfter ? null : (
        <button
          type="button"
          className={`nodrag absolute -right-9 top-1/2 h-6 w-6 -translate-y-1/2 rounded-full border border-brand-500 bg-white text-sm font-semibold leading-none text-brand-700 shadow-sm hover:bg-brand-50 focus:opacity-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${selected ? "opacity-100" : "pointer-events-none opacity-0 group-hover:pointer-events-auto group-hover:opacity-100"}`}
          aria-label={`Add a module after module ${mod.id}`}
          title="Add a module after this one"
          onClick={(e) => {
            e.stopPropagation();
            useEditor.getState().setAddAfter(mod.id);
            document.getElementById("palette-search")?.focus();
          }}
        >
          +
        </button>
      )}
    </div>
  );
});

function isDirty(): boolean {
  return useEditor.getState().dirty;
}

export const nodeTypes = { module: ModuleNode };
