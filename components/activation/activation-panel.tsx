"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Schedule } from "@/lib/scheduler/schedule";
import type { ActivationView } from "@/lib/scheduler/activation";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card } from "@/components/ui/misc";
import { ScheduleEditor } from "./schedule-editor";

export function ActivationPanel({ scenarioId, timezone, canEdit }: { scenarioId: string; timezone: string; canEdit: boolean }) {
  const qc = useQueryClient();
  const state = useQuery({ queryKey: ["activation", scenarioId], queryFn: () => api<ActivationView>(`/scenarios/${scenarioId}/schedule`) });
  const [editing, setEditing] = useState(false);
  const settle = (v: ActivationView) => {
    qc.setQueryData(["activation", scenarioId], v);
    void qc.invalidateQueries({ queryKey: ["scenarios"] });
    void qc.invalidateQueries({ queryKey: ["scenario", scenarioId] });
  };
  const toggle = useMutation({
    mutationFn: (on: boolean) => api<ActivationView>(`/scenarios/${scenarioId}/${on ? "activate" : "deactivate"}`, { method: "POST" }),
    onSuccess: settle,
  });
  const save = useMutation({
    mutationFn: (schedule: Schedule) => api<ActivationView>(`/scenarios/${scenarioId}/schedule`, { method: "PUT", body: { schedule } }),
    onSuccess: (v) => {
      settle(v);
      setEditing(false);
    },
  });
  const v = state.data;
  return (
    <Card className="p-4">
      <div className="flex items-center justify-between gap-3">
        <h2 className="text-sm font-semibold">Scheduling</h2>
        {v ? <Badge tone={v.active ? "green" : "slate"}>{v.active ? "active" : "off"}</Badge> : null}
      </div>
      {state.isError ? <Alert>{errorMessage(state.error)}</Alert> : null}
      {v ? (
        <div className="mt-3 space-y-3 text-sm">
          {v.deactivatedReason && !v.active ? <Alert>{v.deactivatedReason}</Alert> : null}
          <p className="text-slate-600" data-testid="schedule-summary">{v.instant ? "Runs immediately when its webhook receives data." : describe(v.schedule, timezone)}</p>
          {v.active && v.nextRuns.length > 0 ? (
            <div>
              <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Next runs</p>
              <ol className="text-xs text-slate-700">{v.nextRuns.map((r) => <li key={r}>{new Date(r).toLocaleString()}</li>)}</ol>
            </div>
          ) : null}
          {canEdit ? (
            <div className="flex flex-wrap gap-2">
              <Button variant={v.active ? "secondary" : "primary"} disabled={toggle.isPending} onClick={() => toggle.mutate(!v.active)}>
                {v.active ? "Deactivate" : "Activate"}
              </Button>
              {!v.instant ? <Button onClick={() => setEditing((e) => !e)}>{editing ? "Cancel" : "Edit schedule"}</Button> : null}
            </div>
          ) : null}
          {toggle.isError ? <Alert>{errorMessage(toggle.error)}</Alert> : null}
          {editing ? <ScheduleEditor initial={v.schedule} timezone={timezone} busy={save.isPending} error={save.isError ? errorMessage(save.error) : undefined} onSave={(s) => save.mutate(s)} /> : null}
        </div>
      ) : null}
    </Card>
  );
}

const dayNames = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function describe(s: Schedule, tz: string): string {
  switch (s.type) {
    case "immediately":
      return "Immediately as data arrives.";
    case "interval":
      return `Every ${s.minutes > 0 ? `${s.minutes} minute${s.minutes === 1 ? "" : "s"}` : ""}${s.seconds ? ` ${s.seconds} s` : ""}.`;
    case "once":
      return `Once, at ${s.at.replace("T", " ")} (${tz}).`;
    case "daily":
      return `Every day at ${s.times.join(", ")} (${tz}).`;
    case "weekly":
      return `On ${s.days.map((d) => dayNames[d]).join(", ")} at ${s.time} (${tz}).`;
    case "monthly":
      return `On day ${s.days.join(", ")} of each month at ${s.time} (${tz}).`;
    case "cron":
      return `Cron “${s.expression}” (${tz}).`;
  }
}
