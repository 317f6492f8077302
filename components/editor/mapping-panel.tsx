"use client";

import { useQueries } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { functionCatalog, keywordCatalog, type FunctionCategory } from "@/lib/mapping/client";
import type { ModuleDescription } from "@/lib/modules/describe";
import { api } from "@/components/ui/api";
import { appOf, useCatalog } from "./catalog";
import { useMappingTarget } from "./mapping-target";
import { outputTree, type OutputNode } from "@/lib/scenario/output-tree";
import { useEditor } from "./store";

const categories: FunctionCategory[] = ["general", "text", "math", "date", "array", "encoding"];

/**
 * The mapping panel: what upstream modules output (declared shape, and real values after a run) as pills,
 * and the function library. Clicking inserts into the field that last had focus.
 */
export function MappingPanel() {
  const target = useMappingTarget((s) => s.target);
  const setTarget = useMappingTarget((s) => s.setTarget);
  const [tab, setTab] = useState<"outputs" | "functions">("outputs");
  if (!target) return null;
  return (
    <section
      className="absolute right-2 top-2 z-20 flex max-h-[calc(100%-1rem)] w-80 flex-col rounded-lg border border-slate-300 bg-white shadow-lg"
      aria-label="Mapping panel"
      data-testid="mapping-panel"
      onKeyDown={(e) => e.key === "Escape" && setTarget(null)}
      // Clicks in the panel keep the field focused (and its caret where it was), except in the search box.
      onMouseDown={(e) => !(e.target as HTMLElement).closest("input") && e.preventDefault()}
    >
      <header className="flex items-center gap-2 border-b border-slate-200 px-3 py-2">
        <p className="min-w-0 flex-1 truncate text-xs text-slate-600">
          Mapping into <span className="font-semibold text-slate-900">{target.label}</span>
        </p>
        <button type="button" className="rounded px-1 text-slate-500 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-500" aria-label="Close the mapping panel" onClick={() => setTarget(null)}>
          ×
        </button>
      </header>
      <div role="tablist" className="flex border-b border-slate-200 text-xs">
        {(["outputs", "functions"] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={`flex-1 px-3 py-1.5 ${tab === t ? "border-b-2 border-brand-600 font-semibold text-brand-700" : "text-slate-600"}`} onClick={() => setTab(t)}>
            {t === "outputs" ? "Module outputs" : "Functions"}
          </button>
        ))}
      </div>
      <div className="min-h-0 flex-1 overflow-auto p-2 text-xs" role="tabpanel">
        {tab === "outputs" ? <Outputs upstreamOf={target.upstreamOf} includeSelf={target.includeSelf} /> : <Functions />}
      </div>
      <p className="border-t border-slate-200 px-3 py-1.5 text-[11px] text-slate-500">Click an item to insert it at the cursor.</p>
    </section>
  );
}

/** Keeps the field focused when a pill is clicked with the mouse, so the caret stays where it was. */
const keepFocus = (e: React.MouseEvent) => e.preventDefault();

function Outputs({ upstreamOf, includeSelf }: { upstreamOf: number; includeSelf: boolean }) {
  const modules = useEditor((s) => s.blueprint.modules);
  const links = useEditor((s) => s.blueprint.links);
  const runLog = useEditor((s) => s.runLog);
  const catalog = useCatalog();
  const upstream = useMemo(() => {
    const parentOf = new Map(links.map((l) => [l.to, l.from]));
    const chain: number[] = includeSelf ? [upstreamOf] : [];
    for (let p = parentOf.get(upstreamOf); p !== undefined && !chain.includes(p); p = parentOf.get(p)) chain.push(p);
    return chain.reverse().map((id) => modules.find((m) => m.id === id)).filter((m) => m !== undefined);
  }, [modules, links, upstreamOf, includeSelf]);
  const descriptions = useQueries({
    queries: upstream.map((m) => ({
      queryKey: ["module", m.module, m.version, JSON.stringify(m.params)],
      queryFn: () => api<ModuleDescription>(`/modules/${encodeURIComponent(m.module)}/${m.version}?params=${encodeURIComponent(JSON.stringify(m.params))}`),
      staleTime: 60_000,
    })),
  });
  if (upstream.length === 0) return <p className="p-2 text-slate-500">No module comes before this one yet: link one in front of it to map its output.</p>;
  const insert = useMappingTarget.getState().target?.insert;
  return (
    <ul className="space-y-2">
      {upstream.map((m, i) => {
        const description = descriptions[i]?.data;
        const entry = runLog.find((e) => e.moduleId === m.id && e.status === "success");
        const sample = entry ? (Array.isArray(entry.output) ? entry.output[0] : entry.output) : undefined;
        const tree = outputTree(description?.output.spec ?? null, sample);
        const app = appOf(catalog.data?.apps, m.module);
        return (
          <li key={m.id} data-testid={`mapping-module-${m.id}`}>
            <p className="flex items-center gap-1.5 font-semibold text-slate-700">
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src={app?.icon ?? "/icons/flow.svg"} alt="" width={14} height={14} />
              {m.id}. {description?.title ?? m.module}
              {entry ? <span className="font-normal text-green-700">· values from the last run</span> : null}
            </p>
            {tree.length === 0 ? (
              <p className="pl-5 text-slate-500">{description ? "This module's output has no declared fields; run once to see real values, or type a path." : "Loading…"}</p>
            ) : (
              <OutputList nodes={tree} moduleId={m.id} onInsert={(path) => insert?.(`${m.id}.${path}`)} />
            )}
          </li>
        );
      })}
    </ul>
  );
}

function OutputList({ nodes, moduleId, onInsert }: { nodes: OutputNode[]; moduleId: number; onInsert: (path: string) => void }) {
  return (
    <ul className="space-y-0.5 pl-3">
      {nodes.map((n) => (
        <li key={n.path}>
          <button
            type="button"
            className="inline-flex max-w-full items-center gap-1 rounded-full bg-brand-100 px-2 py-0.5 text-left text-[11px] text-brand-800 ring-1 ring-brand-200 hover:bg-brand-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
            onMouseDown={keepFocus}
            onClick={() => onInsert(n.path)}
            title={`{{${moduleId}.${n.path}}}`}
            aria-label={`Insert ${moduleId}.${n.path}`}
            data-testid={`pill-${moduleId}-${n.path}`}
          >
            <span className="truncate font-medium">{n.label}</span>
            <span className="text-[10px] text-brand-600">{n.type}</span>
          </button>
          {n.sample !== undefined ? <span className="ml-1 truncate text-[10px] text-slate-500">{n.sample}</span> : null}
          {n.children.length > 0 ? <OutputList nodes={n.children} moduleId={moduleId} onInsert={onInsert} /> : null}
        </li>
      ))}
    </ul>
  );
}

function Functions() {
  const [query, setQuery] = useState("");
  const insert = useMappingTarget.getState().target?.insert;
  const q = query.trim().toLowerCase();
  return (
    <div className="space-y-2">
      <label className="sr-only" htmlFor="function-search">Search functions</label>
      <input id="function-search" className="w-full rounded border border-slate-300 px-2 py-1" placeholder="Search functions…" value={query} onChange={(e) => setQuery(e.target.value)} />
      {categories.map((category) => {
        const fns = functionCatalog.filter((f) => f.category === category && (q === "" || f.name.toLowerCase().includes(q) || f.description.toLowerCase().includes(q)));
        if (fns.length === 0) return null;
        return (
          <details key={category} open={q !== ""}>
            <summary className="cursor-pointer font-semibold capitalize text-slate-700">{category}</summary>
            <ul className="space-y-1 pl-2 pt-1">
              {fns.map((f) => (
                <li key={f.name}>
                  <button type="button" className="w-full rounded px-1 py-0.5 text-left hover:bg-brand-50 focus-visible:ring-2 focus-visible:ring-brand-500" onMouseDown={keepFocus} onClick={() => insert?.(`${f.name}()`, 1)} aria-label={`Insert function ${f.name}`}>
                    <code className="text-brand-800">{f.signature}</code>
                    <span className="block text-[11px] text-slate-500">{f.description}</span>
                  </button>
                </li>
              ))}
            </ul>
          </details>
        );
      })}
      <details open={q !== ""}>
        <summary className="cursor-pointer font-semibold text-slate-700">Keywords</summary>
        <ul className="space-y-1 pl-2 pt-1">
          {keywordCatalog
            .filter((k) => q === "" || k.name.toLowerCase().includes(q))
            .map((k) => (
              <li key={k.name}>
                <button type="button" className="w-full rounded px-1 py-0.5 text-left hover:bg-brand-50 focus-visible:ring-2 focus-visible:ring-brand-500" onMouseDown={keepFocus} onClick={() => insert?.(k.name)} aria-label={`Insert keyword ${k.name}`}>
                  <code className="text-brand-800">{k.name}</code>
                  <span className="block text-[11px] text-slate-500">{k.description}</span>
                </button>
              </li>
            ))}
        </ul>
      </details>
    </div>
  );
}
