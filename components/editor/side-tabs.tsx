"use client";

import { useRef, type KeyboardEvent, type ReactNode } from "react";

export const sideTabs = [
  { id: "inspector", label: "Inspector" },
  { id: "history", label: "History" },
  { id: "executions", label: "Executions" },
] as const;

export type SideTab = (typeof sideTabs)[number]["id"];

/**
 * The editor's right-hand panel as an ARIA tablist: arrow keys, Home and End move between tabs (and select
 * them), Tab moves on into the panel. Only the selected panel is rendered.
 */
export function SideTabs({ selected, onSelect, children }: { selected: SideTab; onSelect: (tab: SideTab) => void; children: ReactNode }) {
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = sideTabs.length - 1;
    const next = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    onSelect(sideTabs[next].id);
    buttons.current[next]?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label="Side panel" className="flex shrink-0 border-b border-slate-200">
        {sideTabs.map((tab, i) => {
          const active = tab.id === selected;
          return (
            <button
              key={tab.id}
              ref={(el) => { buttons.current[i] = el; }}
              type="button"
              role="tab"
              id={`side-tab-${tab.id}`}
              aria-selected={active}
              aria-controls={active ? `side-panel-${tab.id}` : undefined}
              tabIndex={active ? 0 : -1}
              onClick={() => onSelect(tab.id)}
              onKeyDown={(e) => onKeyDown(e, i)}
              className={`flex-1 border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-brand-600 ${active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`side-panel-${selected}`} aria-labelledby={`side-tab-${selected}`} tabIndex={0} className="min-h-0 flex-1 overflow-auto focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-500">
        {children}
      </div>
    </>
  );
}
