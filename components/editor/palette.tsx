"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/misc";
import { useCatalog } from "./catalog";

/** Searchable by app and module name; picking a module adds it after the selected one. */
export function Palette({ onPick, triggersOnly, anchorLabel }: { onPick: (key: string, version: number) => void; triggersOnly: boolean; anchorLabel: string | null }) {
  const catalog = useCatalog();
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  return (
    <div className="flex h-full flex-col">
      <label className="sr-only" htmlFor="palette-search">Search modules</label>
      <input
        id="palette-search"
        className="m-2 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        placeholder={triggersOnly ? "Choose a trigger…" : "Search modules…"}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <p className="px-3 pb-1 text-[11px] text-slate-500" aria-live="polite">
        {triggersOnly ? "Every scenario starts with a trigger." : anchorLabel ? `Adds after ${anchorLabel}.` : "Adds a module on its own; select a module or use its + to add after it."}
      </p>
      <div className="flex-1 overflow-auto px-2 pb-2" role="list" aria-label="Modules">
        {catalog.data?.apps.map((app) => {
          const modules = app.modules.filter(
            (m) => (!triggersOnly || m.kind === "trigger" || m.kind === "action" || m.kind === "search") && (q === "" || `${app.title} ${m.title} ${m.key}`.toLowerCase().includes(q)),
          );
          if (modules.length === 0) return null;
          return (
            <div key={app.name} className="mb-2">
              <p className="flex items-center gap-1.5 px-1 py-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src={app.icon} alt="" width={14} height={14} /> {app.title}
              </p>
              {modules.map((m) => {
                const latest = m.versions[0];
                return (
                  <button
                    key={m.key}
                    type="button"
                    role="listitem"
                    className="flex w-full items-center gap-2 rounded px-2 py-1 text-left text-sm hover:bg-brand-50 focus-visible:bg-brand-50"
                    onClick={() => onPick(m.key, m.latestVersion)}
                    title={latest?.description}
                  >
                    {/* eslint-disable-next-line @next/next/no-img-element */}
                    <img src={app.icon} alt="" width={16} height={16} />
                    <span className="flex-1 truncate">{m.title}</span>
                    <span className="text-[10px] text-slate-500">{m.kind}</span>
                    <span className="text-[10px] text-slate-500">v{m.latestVersion}</span>
                    {latest?.instant ? <Badge tone="amber">instant</Badge> : null}
                    {latest?.deprecated ? <Badge tone="red">deprecated</Badge> : null}
                  </button>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
