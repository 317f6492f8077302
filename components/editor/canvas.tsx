"use client";

import { Background, Controls, MiniMap, ReactFlow, type Connection, type Edge } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useMemo } from "react";
import { nodeTypes } from "./module-node";
import { toNode, useEditor } from "./store";

export function Canvas({ readOnly, onProblem }: { readOnly: boolean; onProblem: (message: string | null) => void }) {
  const modules = useEditor((s) => s.blueprint.modules);
  const links = useEditor((s) => s.blueprint.links);
  const selected = useEditor((s) => s.selected);
  const measured = useEditor((s) => s.measured);
  const { onNodesChange, connect, select, removeModule, removeLink } = useEditor.getState();

  const nodes = useMemo(() => modules.map((m) => ({ ...toNode(m, measured[m.id]), selected: m.id === selected })), [modules, selected, measured]);
  const edges: Edge[] = useMemo(
    () =>
      links.map((l) => ({
        id: `${l.from}-${l.to}`,
        source: String(l.from),
        target: String(l.to),
        label: l.fallback ? "fallback" : l.filter?.label || (l.filter ? "filter" : undefined),
        animated: false,
      })),
    [links],
  );

  return (
    <div className="h-full w-full" data-testid="canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={readOnly ? undefined : onNodesChange}
        onConnect={(c: Connection) => {
          if (readOnly || !c.source || !c.target) return;
          onProblem(connect(Number(c.source), Number(c.target)));
        }}
        onNodeClick={(_, node) => select(Number(node.id))}
        onPaneClick={() => select(null)}
        onNodesDelete={(deleted) => !readOnly && deleted.forEach((n) => removeModule(Number(n.id)))}
        onEdgesDelete={(deleted) => !readOnly && deleted.forEach((e) => removeLink(Number(e.source), Number(e.target)))}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
        fitView
        fitViewOptions={{ padding: 0.3, maxZoom: 1.2 }}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable className="!bottom-2 !right-2" />
      </ReactFlow>
    </div>
  );
}
