"use client";

import Link from "next/link";
import { Badge, formatDateTime } from "@/components/ui/misc";
import type { RunDetail } from "./hooks";

const outcomeLabel = {
  upgraded: ["upgraded", "green"],
  attention: ["needs attention", "amber"],
  kept: ["kept", "slate"],
} as const;

const revertLabel = {
  reverted: ["reverted", "green"],
  refused: ["not reverted", "red"],
  skipped: ["unchanged", "slate"],
} as const;

/** A run's report: per scenario what happened, and after a revert, what the revert did. */
export function RunReport({ run }: { run: RunDetail }) {
  const swap = run.kind === "swap-connection";
  return (
    <div className="space-y-2" data-testid="run-report">
      <p className="text-sm text-slate-700">
        {swap ? "Connection swap" : "Upgrade run"} <span className="font-mono text-xs">{run.id}</span> · {formatDateTime(run.createdAt)}
        {run.actor ? ` · ${run.actor.email}` : ""} · {run.counts.upgraded} {swap ? "changed" : "upgraded"}, {run.counts.attention} need attention, {run.counts.kept} kept
        {run.revertedAt ? ` · reverted ${formatDateTime(run.revertedAt)}` : ""}
      </p>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-2 py-1 font-medium">Scenario</th>
            <th scope="col" className="px-2 py-1 font-medium">Outcome</th>
            <th scope="col" className="px-2 py-1 font-medium">Details</th>
            {run.revert ? <th scope="col" className="px-2 py-1 font-medium">Revert</th> : null}
          </tr>
        </thead>
        <tbody>
          {run.results.map((r) => {
            const [label, tone] = outcomeLabel[r.outcome];
            const reverted = run.revert?.find((e) => e.scenarioId === r.scenarioId);
            return (
              <tr key={r.scenarioId} className="border-b border-slate-100 align-top last:border-0" data-testid="run-result">
                <td className="px-2 py-1.5">
                  {r.name ? <Link href={`/scenarios/${r.scenarioId}`} className="font-medium text-brand-700 hover:underline">{r.name}</Link> : <span className="font-mono text-xs">{r.scenarioId}</span>}
                  {r.active ? <span className="ml-1"><Badge tone="green">active</Badge></span> : null}
                </td>
                <td className="px-2 py-1.5">
                  <Badge tone={tone}>{label}</Badge>
                  {r.revision !== null ? <span className="ml-1 text-xs text-slate-500">revision {r.revision}</span> : null}
                </td>
                <td className="px-2 py-1.5 text-xs text-slate-700">
                  {r.reason ? <p>{r.reason}</p> : null}
                  {r.modules.length > 0 ? <p>{r.modules.map((m) => (swap ? `#${m.moduleId} ${m.title}` : `#${m.moduleId} ${m.title} v${m.from} → v${m.to}`)).join("; ")}</p> : null}
                  {r.attention.map((a) => (
                    <div key={a.moduleId} className="mt-1">
                      <p className="font-medium text-amber-800">Module {a.moduleId} ({a.title}):</p>
                      <ul className="list-disc pl-4 text-amber-900">{a.items.map((item, i) => <li key={i}>{item}</li>)}</ul>
                    </div>
                  ))}
                </td>
                {run.revert ? (
                  <td className="px-2 py-1.5 text-xs">
                    {reverted ? (
                      <>
                        <Badge tone={revertLabel[reverted.outcome][1]}>{revertLabel[reverted.outcome][0]}</Badge>
                        {reverted.revision !== null ? <span className="ml-1 text-slate-500">revision {reverted.revision}</span> : null}
                        {reverted.reason && reverted.outcome === "refused" ? <p className="mt-1 text-red-800">{reverted.reason}</p> : null}
                      </>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
