"use client";

import { useId, useState } from "react";
import { linkProblem } from "@/lib/scenario/graph";
import { appOf, useCatalog } from "./catalog";
import { useEditor } from "./store";

/**
 * Linking without a mouse: the modules this one may send its bundles to, by the same rules as dragging
 * a link between handles. Also the only way to link on a touch screen too small for the handles.
 */
export function LinkTo({ moduleId }: { moduleId: number }) {
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const catalog = useCatalog();
  const blueprint = useEditor((s) => s.blueprint);
  const candidates = blueprint.modules.filter((m) => linkProblem(blueprint, moduleId, m.id) === null);
  // Nothing to offer: say why only when it is this module's own rule (a second route needs a router).
  const blocked = candidates.length === 0 && blueprint.modules.length > 1 ? linkProblem(blueprint, moduleId, Number.NaN) : null;
  if (candidates.length === 0 && !blocked) return null;
  const titleOf = (key: string, version: number) => appOf(catalog.data?.apps, key)?.modules.find((m) => m.key === key)?.versions.find((v) => v.version === version)?.title ?? key;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">Link to module</label>
      <select
        id={id}
        className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        value=""
        disabled={candidates.length === 0}
        onChange={(e) => setProblem(useEditor.getState().connect(moduleId, Number(e.target.value)))}
      >
        <option value="">{candidates.length === 0 ? "— no module can take a link from here —" : "— send this module's bundles to… —"}</option>
        {candidates.map((m) => (
          <option key={m.id} value={m.id}>
            #{m.id} {titleOf(m.module, m.version)}
          </option>
        ))}
      </select>
      {problem ?? blocked ? <p className="text-[11px] text-amber-800">{problem ?? blocked}</p> : null}
    </div>
  );
}
