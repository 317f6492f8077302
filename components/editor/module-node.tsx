"use client";

import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { UpgradeBadge } from "@/components/upgrades/upgrade-badge";
import { appOf, useCatalog } from "./catalog";
import { useEditor } from "./store";

type ModuleNodeData = { moduleId: number };

/**
 * One module on the canvas. It reads its own module from the store by id, so dragging one node does not
 * re-render the others (node data stays a stable id).
 */
export const ModuleNode = memo(function ModuleNode({ data, selected }: NodeProps & { data: ModuleNodeData }) {
  const mod = useEditor((s) => s.blueprint.modules.find((m) => m.id === data.moduleId));
  const ops = useEditor((s) => s.operations[data.moduleId]);
  const scenarioId = useEditor((s) => s.scenarioId);
  const dirty = useEditor((s) => s.dirty);
  const catalog = useCatalog();
  if (!mod) return null;
  const app = appOf(catalog.data?.apps, mod.module);
  const entry = app?.modules.find((m) => m.key === mod.module);
  const version = entry?.versions.find((v) => v.version === mod.version);
  return (
    <div
      className={`relative w-52 rounded-xl border bg-white px-3 py-2 text-left shadow-sm ${selected ? "border-brand-500 ring-2 ring-brand-100" : "border-slate-300"}`}
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
      <UpgradeBadge scenarioId={scenarioId} moduleId={mod.id} version={mod.version} info={entry && { latestVersion: entry.latestVersion, deprecated: version?.deprecated ?? null }} today={catalog.data?.today} unsaved={dirty} />
      {ops ? (
        <span
          className={`absolute -right-2 -top-2 min-w-6 rounded-full px-1.5 py-0.5 text-center text-xs font-semibold text-white ${ops.failed ? "bg-red-600" : "bg-green-600"}`}
          data-testid={`bubble-${mod.id}`}
          title={`${ops.count} operation${ops.count === 1 ? "" : "s"} in the last run`}
        >
          {ops.count}
        </span>
      ) : null}
      <Handle type="source" position={Position.Right} className="!h-3 !w-3 !bg-slate-400" />
    </div>
  );
});

export const nodeTypes = { module: ModuleNode };
