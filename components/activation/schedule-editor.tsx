"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Schedule } from "@/lib/scheduler/schedule";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";

type Kind = Exclude<Schedule["type"], "immediately">;

const numbers = (text: string) => text.split(/[,\s]+/).filter(Boolean).map(Number);

/** Edits a schedule and shows its next five runs, from the server, before anything is saved. */
export function ScheduleEditor({ initial, timezone, busy, error, onSave }: { initial: Schedule; timezone: string; busy: boolean; error?: string; onSave: (s: Schedule) => void }) {
  const [kind, setKind] = useState<Kind>(initial.type === "immediately" ? "interval" : initial.type);
  const [minutes, setMinutes] = useState(initial.type === "interval" ? String(initial.minutes) : "15");
  const [at, setAt] = useState(initial.type === "once" ? initial.at : "");
  const [times, setTimes] = useState(initial.type === "daily" ? initial.times.join(", ") : "09:00");
  const [time, setTime] = useState(initial.type === "weekly" || initial.type === "monthly" ? initial.time : "09:00");
  const [days, setDays] = useState(initial.type === "weekly" || initial.type === "monthly" ? initial.days.join(", ") : "1");
  const [expression, setExpression] = useState(initial.type === "cron" ? initial.expression : "0 * * * *");

  const schedule: Schedule =
    kind === "interval" ? { type: "interval", minutes: Number(minutes), seconds: 0 }
    : kind === "once" ? { type: "once", at }
    : kind === "daily" ? { type: "daily", times: times.split(/[,\s]+/).filter(Boolean) }
    : kind === "weekly" ? { type: "weekly", days: numbers(days), time }
    : kind === "monthly" ? { type: "monthly", days: numbers(days), time }
    : { type: "cron", expression };

  const preview = useQuery({
    queryKey: ["schedule-preview", JSON.stringify(schedule), timezone],
    queryFn: () => api<{ nextRuns: string[] }>("/schedules/preview", { method: "POST", body: { schedule, timezone } }),
    retry: false,
  });

  return (
    <form className="space-y-3 rounded-md border border-slate-200 p-3" onSubmit={(e) => { e.preventDefault(); onSave(schedule); }}>
      <SelectField label="Run" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
        <option value="interval">At regular intervals</option>
        <option value="once">Once</option>
        <option value="daily">Every day</option>
        <option value="weekly">Days of the week</option>
        <option value="monthly">Days of the month</option>
        <option value="cron">Cron expression</option>
      </SelectField>
      {kind === "interval" ? <TextField label="Minutes" type="number" min={1} value={minutes} onChange={(e) => setMinutes(e.target.value)} /> : null}
      {kind === "once" ? <TextField label="Date and time" type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} /> : null}
      {kind === "daily" ? <TextField label="Times" value={times} onChange={(e) => setTimes(e.target.value)} hint="24-hour, comma-separated, e.g. 08:00, 17:30" /> : null}
      {kind === "weekly" || kind === "monthly" ? (
        <>
          <TextField label={kind === "weekly" ? "Days (1 = Monday … 7 = Sunday)" : "Days of the month"} value={days} onChange={(e) => setDays(e.target.value)} hint="Comma-separated" />
          <TextField label="Time" type="time" value={time} onChange={(e) => setTime(e.target.value)} />
        </>
      ) : null}
      {kind === "cron" ? <TextField label="Cron expression" value={expression} onChange={(e) => setExpression(e.target.value)} hint="minute hour day-of-month month day-of-week" /> : null}
      <div className="text-xs" data-testid="schedule-preview">
        {preview.isError ? (
          <p className="text-red-700">{errorMessage(preview.error)}</p>
        ) : (
          <>
            <p className="font-medium uppercase tracking-wide text-slate-500">Next runs ({timezone})</p>
            <ol className="text-slate-700">{preview.data?.nextRuns.map((r) => <li key={r}>{new Date(r).toLocaleString()}</li>)}</ol>
          </>
        )}
      </div>
      {error ? <Alert>{error}</Alert> : null}
      <Button type="submit" variant="primary" disabled={busy || preview.isError}>Save schedule</Button>
    </form>
  );
}
