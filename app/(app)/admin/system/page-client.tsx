"use client";

import { useQuery } from "@tanstack/react-query";
import type { SystemStatus } from "@/lib/system";
import { api, errorMessage } from "@/components/ui/api";
import { Alert, Badge, Card, PageHeader } from "@/components/ui/misc";

function Stat({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) {
  return (
    <Card className="p-4">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId}>{value}</p>
    </Card>
  );
}

export function SystemPageClient() {
  const status = useQuery({ queryKey: ["system"], queryFn: () => api<SystemStatus>("/system"), refetchInterval: 5000 });
  const s = status.data;
  return (
    <>
      <PageHeader title="System">How this instance runs: processes, queue and recent load. Refreshes every 5 seconds.</PageHeader>
      {status.isError ? <Alert>{errorMessage(status.error)}</Alert> : null}
      {s ? (
        <div className="space-y-6">
          <div className="flex flex-wrap gap-2 text-sm">
            <Badge tone="brand">{s.mode}</Badge>
            <Badge>database: {s.database}</Badge>
            <Badge tone={s.queue.reachable ? "green" : "red"}>queue: {s.queue.kind}{s.queue.reachable ? "" : " (unreachable)"}</Badge>
          </div>
          <div className="grid gap-4 sm:grid-cols-3 lg:grid-cols-6">
            <Stat label="Workers alive" value={s.workers.length} testId="workers-alive" />
            <Stat label="Queue depth" value={s.queue.depth ?? "?"} />
            <Stat label="Runs in flight" value={s.inFlight} />
            <Stat label="Runs, last minute" value={s.runsLastMinute} />
            <Stat label="Failures, last hour" value={s.failuresLastHour} />
            <Stat label="Active scenarios" value={s.activeScenarios} />
          </div>
          <Card>
            <h2 className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">Workers</h2>
            <ul className="divide-y divide-slate-100 text-sm">
              {s.workers.map((w) => (
                <li key={w.id + w.name} className="flex gap-4 px-4 py-2" data-testid="worker-row">
                  <span className="font-mono text-xs">{w.name || w.id}</span>
                  {w.addr ? <span className="text-slate-500">{w.addr}</span> : null}
                  {w.age !== undefined ? <span className="text-slate-500">connected {Math.round(w.age)} s</span> : null}
                  {w.recentRuns !== undefined ? <span className="ml-auto text-slate-700" data-testid="worker-share">ran {w.recentRuns} of the last {recentTotal(s.workers)} finished runs</span> : null}
                </li>
              ))}
            </ul>
          </Card>
          {s.queue.counts ? (
            <p className="text-xs text-slate-500">Jobs: {Object.entries(s.queue.counts).map(([k, v]) => `${k} ${v}`).join(" · ")}</p>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

function recentTotal(workers: Array<{ recentRuns?: number }>): number {
  return workers.reduce((sum, w) => sum + (w.recentRuns ?? 0), 0);
}
