"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useCan } from "@/components/shell/actor-context";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card, formatDateTime } from "@/components/ui/misc";
import { ConnectionPicker } from "./connection-picker";
import { useConnections, useUsageReport, type BulkPlanEntry, type RunDetail, type UsageReport } from "./hooks";
import { RunReport } from "./run-report";
import { SwapAcrossScenarios } from "./swap";

type Entry = UsageReport["apps"][number]["modules"][number];
/** Selected module uses: scenario id → module ids. */
type Selection = Record<string, number[]>;

const entryKey = (e: Entry) => `${e.module}@${e.version}`;
const statusTone = { sunset: "red", deprecated: "amber", outdated: "brand" } as const;

function toggle(selection: Selection, scenarioId: string, moduleIds: number[], on: boolean): Selection {
  const current = new Set(selection[scenarioId] ?? []);
  for (const id of moduleIds) {
    if (on) current.add(id);
    else current.delete(id);
  }
  const next = { ...selection };
  if (current.size === 0) delete next[scenarioId];
  else next[scenarioId] = [...current].sort((a, b) => a - b);
  return next;
}

const isSelected = (selection: Selection, scenarioId: string, moduleIds: number[]) => moduleIds.every((id) => selection[scenarioId]?.includes(id));

/**
 * The upgrade center: every outdated, deprecated or sunset module use across the scenarios the person may
 * edit, grouped by app and module. Select any set → a bulk plan per scenario → apply as one run → a report
 * per scenario (upgraded, needs attention, kept) → revert the whole run.
 */
export function UpgradeCenter() {
  const report = useUsageReport();
  const qc = useQueryClient();
  const isAdmin = useCan("admin");
  const connections = useConnections(true);
  const [selection, setSelection] = useState<Selection>({});
  const [planned, setPlanned] = useState<BulkPlanEntry[] | null>(null);
  const [connectionMap, setConnectionMap] = useState<Record<string, string>>({});
  const [run, setRun] = useState<RunDetail | null>(null);

  const refresh = () => {
    for (const key of [["upgrades"], ["scenarios"], ["scenario"], ["attention"], ["revisions"]]) void qc.invalidateQueries({ queryKey: key });
  };
  const plan = useMutation({
    mutationFn: () =>
      api<{ scenarios: BulkPlanEntry[] }>("/upgrades/plan", { method: "POST", body: { scenarios: Object.entries(selection).map(([scenarioId, targets]) => ({ scenarioId, targets })) } }),
    onSuccess: (r) => {
      setPlanned(r.scenarios);
      setRun(null);
    },
  });
  const apply = useMutation({
    mutationFn: (entries: BulkPlanEntry[]) =>
      api<RunDetail>("/upgrades/apply", {
        method: "POST",
        body: {
          scenarios: entries.map((e) => ({ scenarioId: e.scenarioId, targets: selection[e.scenarioId] ?? "all", ...(e.baseRevision !== null ? { baseRevision: e.baseRevision } : {}) })),
          connectionMap: Object.fromEntries(Object.entries(connectionMap).filter(([, v]) => v !== "")),
        },
      }),
    onSuccess: (r) => {
      setRun(r);
      setPlanned(null);
      setSelection({});
      refresh();
    },
  });
  const revert = useMutation({
    mutationFn: (runId: string) => api<RunDetail>(`/upgrades/${runId}/revert`, { method: "POST" }),
    onSuccess: (r) => {
      setRun(r);
      refresh();
    },
  });
  const open = useMutation({ mutationFn: (runId: string) => api<RunDetail>(`/upgrades/${runId}`), onSuccess: setRun });

  if (report.isError) return <Alert>{errorMessage(report.error)}</Alert>;
  if (!report.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const r = report.data;
  const selectedScenarios = Object.keys(selection).length;
  const incompatible = dedupe((planned ?? []).flatMap((p) => p.incompatibleConnections));
  const nameOf = (id: string) => connections.data?.items.find((c) => c.id === id)?.name ?? id;

  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600" data-testid="usage-totals">
        As of {r.today}: {r.totals.uses} outdated module use{r.totals.uses === 1 ? "" : "s"} in {r.totals.scenarios} scenario{r.totals.scenarios === 1 ? "" : "s"}
        {r.totals.deprecated > 0 ? `, ${r.totals.deprecated} deprecated` : ""}
        {r.totals.sunset > 0 ? `, ${r.totals.sunset} past their sunset date (those scenarios no longer run)` : ""}.
      </p>

      {r.apps.length === 0 ? <Alert kind="success">Every module in every scenario is on its latest version.</Alert> : null}
      {r.apps.map((app) => (
        <Card key={app.app} className="p-4">
          <h2 className="mb-3 text-base font-semibold">{app.title}</h2>
          <div className="space-y-4">
            {app.modules.map((e) => (
              <UsageEntry key={entryKey(e)} entry={e} selection={selection} onChange={setSelection} />
            ))}
          </div>
        </Card>
      ))}

      {r.apps.length > 0 ? (
        <div className="sticky bottom-0 flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow">
          <span className="text-sm text-slate-700" data-testid="selection-count">
            {selectedScenarios} scenario{selectedScenarios === 1 ? "" : "s"} selected
          </span>
          <Button variant="primary" disabled={selectedScenarios === 0 || plan.isPending} onClick={() => plan.mutate()}>
            {plan.isPending ? "Planning…" : "Plan the upgrade"}
          </Button>
          {selectedScenarios > 0 ? <Button variant="ghost" onClick={() => setSelection({})}>Clear selection</Button> : null}
          {plan.isError ? <span role="alert" className="text-sm text-red-700">{errorMessage(plan.error)}</span> : null}
        </div>
      ) : null}

      {planned ? (
        <Card className="space-y-3 p-4">
          <h2 className="text-base font-semibold">Bulk plan</h2>
          <table className="w-full text-left text-sm" data-testid="bulk-plan">
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-2 py-1 font-medium">Scenario</th>
                <th scope="col" className="px-2 py-1 font-medium">Expected</th>
                <th scope="col" className="px-2 py-1 font-medium">Modules</th>
              </tr>
            </thead>
            <tbody>
              {planned.map((p) => (
                <tr key={p.scenarioId} className="border-b border-slate-100 align-top last:border-0" data-testid="bulk-plan-row">
                  <td className="px-2 py-1.5 font-medium">
                    {p.name || p.scenarioId} {p.active ? <Badge tone="green">active</Badge> : null}
                  </td>
                  <td className="px-2 py-1.5">
                    <Badge tone={p.expected === "kept" ? "slate" : p.expected === "attention" ? "amber" : "green"}>{p.expected === "upgrade" ? "upgrade" : p.expected === "attention" ? "upgrade, needs attention" : "kept"}</Badge>
                    {p.reason ? <p className="mt-1 text-xs text-slate-600">{p.reason}</p> : null}
                  </td>
                  <td className="px-2 py-1.5 text-xs text-slate-700">
                    {p.plan?.modules.map((m) => (
                      <p key={m.moduleId}>
                        #{m.moduleId} {m.title} v{m.before.version} → v{m.after.version}
                        {m.rewrittenReferences.length > 0 ? ` · ${m.rewrittenReferences.length} reference${m.rewrittenReferences.length === 1 ? "" : "s"} rewritten` : ""}
                        {m.attention.length > 0 ? ` · ${m.attention.length} to check` : ""}
                      </p>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {incompatible.length > 0 ? (
            <div className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3">
              <p className="text-sm text-amber-900">These connections do not fit the new versions. Pick a replacement for each, or leave it empty and pick connections later in each scenario.</p>
              {incompatible.map((c) => (
                <ConnectionPicker
                  key={`${c.connectionId}|${c.needs}`}
                  declared={c.needs}
                  connections={connections.data?.items}
                  value={connectionMap[c.connectionId] ?? ""}
                  onChange={(id) => setConnectionMap({ ...connectionMap, [c.connectionId]: id })}
                  label={`Instead of “${nameOf(c.connectionId)}”`}
                />
              ))}
            </div>
          ) : null}
          {apply.isError ? <Alert>{errorMessage(apply.error)}</Alert> : null}
          <div className="flex gap-2">
            <Button variant="primary" disabled={apply.isPending || planned.every((p) => p.expected === "kept")} onClick={() => apply.mutate(planned)}>
              {apply.isPending ? "Applying…" : `Apply to ${planned.length} scenario${planned.length === 1 ? "" : "s"}`}
            </Button>
            <Button onClick={() => setPlanned(null)}>Back</Button>
          </div>
        </Card>
      ) : null}

      {isAdmin && !planned ? <SwapAcrossScenarios scenarioIds={Object.keys(selection)} onDone={(detail) => { setRun(detail); refresh(); }} /> : null}

      {run ? (
        <Card className="space-y-3 p-4">
          <h2 className="text-base font-semibold">Report</h2>
          <RunReport run={run} />
          {revert.isError ? <Alert>{errorMessage(revert.error)}</Alert> : null}
          {!run.revertedAt && run.results.some((x) => x.outcome !== "kept") ? (
            <Button onClick={() => revert.mutate(run.id)} disabled={revert.isPending}>
              {revert.isPending ? "Reverting…" : "Revert this run"}
            </Button>
          ) : null}
        </Card>
      ) : null}

      {r.runs.length > 0 ? (
        <Card className="p-4">
          <h2 className="mb-2 text-base font-semibold">Recent runs</h2>
          <ul className="divide-y divide-slate-100 text-sm">
            {r.runs.map((x) => (
              <li key={x.id} className="flex flex-wrap items-center gap-2 py-1.5">
                <span className="font-mono text-xs">{x.id}</span>
                <span className="text-slate-600">{x.kind === "upgrade" ? "upgrade" : "connection swap"} · {formatDateTime(x.createdAt)} · {x.actor?.email ?? "deleted user"}</span>
                <span className="text-slate-600">{x.counts.upgraded + x.counts.attention} changed, {x.counts.kept} kept</span>
                {x.revertedAt ? <Badge>reverted</Badge> : null}
                <Button variant="ghost" onClick={() => open.mutate(x.id)}>View report<span className="sr-only"> of {x.id}</span></Button>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}

function UsageEntry({ entry, selection, onChange }: { entry: Entry; selection: Selection; onChange: (s: Selection) => void }) {
  const all = entry.uses.every((u) => isSelected(selection, u.scenarioId, u.moduleIds));
  const headingId = `usage-${entry.module.replace(/[^a-z0-9]/gi, "-")}-${entry.version}`;
  return (
    <section aria-labelledby={headingId} data-testid="usage-entry">
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={all}
            disabled={!entry.upgradable}
            onChange={(e) => onChange(entry.uses.reduce((s, u) => toggle(s, u.scenarioId, u.moduleIds, e.target.checked), selection))}
            aria-label={`Select every use of ${entry.title} v${entry.version}`}
          />
          <span id={headingId} className="text-sm font-semibold">
            {entry.title} <span className="font-mono text-xs font-normal text-slate-500">{entry.module}</span> v{entry.version} → v{entry.latest}
          </span>
        </label>
        <Badge tone={statusTone[entry.status]}>{entry.status}</Badge>
        {entry.deprecated ? <span className="text-xs text-slate-600">sunset {entry.deprecated.sunset}</span> : null}
        {!entry.upgradable ? <span className="text-xs text-red-700">no migration: replace these modules instead</span> : null}
      </div>
      {entry.deprecated ? <p className="mt-0.5 text-xs text-slate-600">{entry.deprecated.reason}</p> : null}
      <ul className="mt-1 space-y-0.5 pl-6">
        {entry.uses.map((u) => (
          <li key={u.scenarioId} className="text-sm">
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={isSelected(selection, u.scenarioId, u.moduleIds)}
                disabled={!entry.upgradable}
                onChange={(e) => onChange(toggle(selection, u.scenarioId, u.moduleIds, e.target.checked))}
              />
              <span>{u.scenarioName}</span>
              <span className="text-xs text-slate-500">
                module{u.moduleIds.length === 1 ? "" : "s"} {u.moduleIds.map((id) => `#${id}`).join(", ")} · revision {u.revision}
              </span>
              {u.active ? <Badge tone="green">active</Badge> : <Badge>inactive</Badge>}
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}

function dedupe<T extends { connectionId: string; needs: string }>(items: T[]): T[] {
  const seen = new Map<string, T>();
  for (const item of items) seen.set(`${item.connectionId}|${item.needs}`, item);
  return [...seen.values()];
}
