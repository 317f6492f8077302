"use client";

import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { useEditor } from "./store";

type LinkEdgeData = { from: number; to: number };

/**
 * A link between two modules. The button in its middle opens the link in the inspector, where its filter
 * (and, after a router, the fallback mark) is set; it shows the filter's label once there is one.
 */
export const LinkEdge = memo(function LinkEdge(props: EdgeProps & { data: LinkEdgeData }) {
  const { data, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd } = props;
  const link = useEditor((s) => s.blueprint.links.find((l) => l.from === data.from && l.to === data.to));
  const selected = useEditor((s) => s.selectedLink?.from === data.from && s.selectedLink.to === data.to);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  if (!link) return null;
  const filtered = Boolean(link.filter && link.filter.conditions.length > 0);
  const text = link.fallback ? "fallback" : filtered ? link.filter?.label || "filter" : null;
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={markerEnd} style={{ stroke: selected ? "#4f46e5" : filtered || link.fallback ? "#d97706" : "#94a3b8", strokeWidth: selected ? 2.5 : 1.5, strokeDasharray: link.fallback ? "6 4" : undefined }} />
      <EdgeLabelRenderer>
        <button
          type="button"
          className={`nodrag nopan pointer-events-auto absolute rounded-full border bg-white px-2 py-0.5 text-[11px] shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${selected ? "border-brand-500 text-brand-700" : text ? "border-amber-400 text-amber-800" : "border-slate-300 text-slate-500"}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          aria-label={`Link ${data.from} → ${data.to}${text ? `: ${text}` : ""}; set up a filter`}
          data-testid={`link-${data.from}-${data.to}`}
          onClick={() => useEditor.getState().selectLink({ from: data.from, to: data.to })}
        >
          {text ?? (
            <svg viewBox="0 0 16 16" width="10" height="10" aria-hidden="true" className="my-0.5 fill-current">
              <path d="M1 2h14l-5.5 6.5V14l-3-1.5v-4z" />
            </svg>
          )}
        </button>
      </EdgeLabelRenderer>
    </>
  );
});

export const edgeTypes = { link: LinkEdge };
