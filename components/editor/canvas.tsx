"use client";

import { Background, Controls, MarkerType, MiniMap, ReactFlow, useReactFlow, type Connection, type Edge, type Node } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useEffect, useMemo, useRef } from "react";
import { edgeTypes } from "./link-edge";
import { nodeTypes } from "./module-node";
import { useEditor } from "./store";

type NodeData = { moduleId: number; readOnly: boolean };

export function Canvas({ readOnly, onProblem }: { readOnly: boolean; onProblem: (message: string | null) => void }) {
  const modules = useEditor((s) => s.blueprint.modules);
  const links = useEditor((s) => s.blueprint.links);
  const selection = useEditor((s) => s.selection);
  const selected = useEditor((s) => s.selected);
  const measured = useEditor((s) => s.measured);
  const { onNodesChange, connect, select, removeModules, removeLink, beginDrag } = useEditor.getState();
  const flow = useReactFlow();

  // Node data objects change only when the set of modules does, so a drag that moves one node leaves the
  // others' props equal and their memoised components do not re-render.
  const idsKey = modules.map((m) => m.id).join(",");
  const dataById = useMemo(() => new Map(idsKey.split(",").filter(Boolean).map((id) => [Number(id), { moduleId: Number(id), readOnly } satisfies NodeData])), [idsKey, readOnly]);
  const nodes: Array<Node<NodeData>> = useMemo(() => {
    return modules.map((m) => {
      const data = dataById.get(m.id) ?? { moduleId: m.id, readOnly };
      return {
        id: String(m.id),
        type: "module",
        position: { x: m.ui?.x ?? 0, y: m.ui?.y ?? 0 },
        data,
        selected: selection.includes(m.id) || m.id === selected,
        ...(measured[m.id] ? { measured: measured[m.id] } : {}),
      };
    });
  }, [modules, selection, selected, measured, readOnly, dataById]);
  const edges: Edge[] = useMemo(
    () => links.map((l) => ({ id: `${l.from}-${l.to}`, source: String(l.from), target: String(l.to), type: "link", data: { from: l.from, to: l.to }, markerEnd: { type: MarkerType.ArrowClosed } })),
    [links],
  );

  // A scenario that is opened, or gains or loses modules, is brought into view once every module has been
  // measured (fitting earlier leaves new modules out of the frame).
  const moduleCount = modules.length;
  const measuredCount = modules.filter((m) => measured[m.id]).length;
  const pendingFit = useRef(true);
  useEffect(() => {
    pendingFit.current = true;
  }, [moduleCount]);
  useEffect(() => {
    if (!pendingFit.current || measuredCount < moduleCount) return;
    pendingFit.current = false;
    const t = setTimeout(() => void flow.fitView({ padding: 0.15, maxZoom: 1.2, duration: 150 }), 30);
    return () => clearTimeout(t);
  }, [measuredCount, moduleCount, flow]);

  return (
    <div className="h-full w-full" data-testid="canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStart={() => beginDrag()}
        onConnect={(c: Connection) => {
          if (readOnly || !c.source || !c.target) return;
          onProblem(connect(Number(c.source), Number(c.target)));
        }}
        onNodeClick={(_, node) => select(Number(node.id))}
        onPaneClick={() => select(null)}
        onNodesDelete={(deleted) => !readOnly && removeModules(deleted.map((n) => Number(n.id)))}
        onEdgesDelete={(deleted) => !readOnly && deleted.forEach((e) => removeLink(Number(e.source), Number(e.target)))}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable
        multiSelectionKeyCode={["Shift", "Meta", "Control"]}
        selectionKeyCode="Shift"
        deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
        minZoom={0.1}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1.2 }}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable nodeColor="#c7d2fe" nodeStrokeColor="#6366f1" className="!bottom-2 !right-2" />
      </ReactFlow>
    </div>
  );
}
