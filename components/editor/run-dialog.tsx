"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { ExecutionSummary } from "@/lib/executions/service";
import type { ListeningView } from "@/lib/webhooks/listen";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/misc";

const CUSTOM_WEBHOOK = "webhooks:customWebhook";

/**
 * "Run once": with data typed here, or (for a custom webhook) by waiting for the next call of its URL,
 * which runs the scenario even while it is inactive. Reports the execution to follow.
 */
export function RunDialog({ open, scenarioId, triggerModule, onClose, onStarted }: { open: boolean; scenarioId: string; triggerModule: string | null; onClose: () => void; onStarted: (executionId: string) => void }) {
  const webhook = triggerModule === CUSTOM_WEBHOOK;
  // Until the person picks, a webhook trigger waits for a call (its trigger may be chosen after mount).
  const [chosenMode, setMode] = useState<"wait" | "payload" | null>(null);
  const mode = chosenMode ?? (webhook ? "wait" : "payload");
  const [payload, setPayload] = useState("");
  const [payloadError, setPayloadError] = useState<string | null>(null);
  const [listening, setListening] = useState<ListeningView | null>(null);
  const payloadId = useId();

  const run = useMutation({
    mutationFn: (data: unknown) => api<ExecutionSummary>(`/scenarios/${scenarioId}/run`, { method: "POST", body: data === undefined ? {} : { payload: data } }),
    onSuccess: (e) => {
      onStarted(e.id);
      onClose();
    },
  });
  const listen = useMutation({
    mutationFn: () => api<ListeningView>(`/scenarios/${scenarioId}/listen`, { method: "POST" }),
    onSuccess: setListening,
  });
  const stop = () => {
    if (listening) void api(`/scenarios/${scenarioId}/listen`, { method: "DELETE" }).catch(() => undefined);
    setListening(null);
  };

  // While waiting, the first execution created after we started listening is the one to follow.
  useQuery({
    queryKey: ["listen", scenarioId, listening?.since],
    queryFn: async () => {
      const { items } = await api<{ items: ExecutionSummary[] }>(`/scenarios/${scenarioId}/executions?pageSize=5`);
      const hit = listening ? items.find((e) => e.trigger === "webhook" && e.createdAt >= listening.since) : undefined;
      if (hit) {
        setListening(null);
        onStarted(hit.id);
        onClose();
      }
      return items.length;
    },
    enabled: listening !== null,
    refetchInterval: 700,
  });

  const submitPayload = () => {
    if (payload.trim() === "") return run.mutate(undefined);
    try {
      const data: unknown = JSON.parse(payload);
      setPayloadError(null);
      run.mutate(data);
    } catch {
      setPayloadError("This is not valid JSON, e.g. {\"name\": \"Ada\"}.");
    }
  };
  const url = listening ? `${window.location.origin}${listening.path}` : null;

  return (
    <Dialog
      open={open}
      title="Run once"
      onClose={() => {
        stop();
        onClose();
      }}
    >
      {webhook ? (
        <div role="radiogroup" aria-label="How to run" className="flex gap-4 text-sm">
          <label className="flex items-center gap-1.5">
            <input type="radio" name="run-mode" checked={mode === "wait"} onChange={() => setMode("wait")} /> Wait for the next webhook call
          </label>
          <label className="flex items-center gap-1.5">
            <input type="radio" name="run-mode" checked={mode === "payload"} onChange={() => setMode("payload")} /> Use data I type
          </label>
        </div>
      ) : null}
      {webhook && mode === "wait" ? (
        listening && url ? (
          <div className="space-y-2 text-sm" role="status">
            <p>Waiting for data… Send a request to:</p>
            <p className="flex items-center gap-2">
              <code className="min-w-0 flex-1 break-all rounded bg-slate-100 px-2 py-1 text-xs" data-testid="listen-url">{url}</code>
              <Button onClick={() => void navigator.clipboard?.writeText(url)}>Copy</Button>
            </p>
            <p className="text-xs text-slate-500">The next call runs this scenario once, even though it is not active (until {new Date(listening.until).toLocaleTimeString()}).</p>
            <Button onClick={stop}>Stop waiting</Button>
          </div>
        ) : (
          <div className="space-y-2 text-sm">
            <p className="text-slate-600">The scenario runs once with the next call of its webhook, so you can see real data flow through it.</p>
            <Button variant="primary" disabled={listen.isPending} onClick={() => listen.mutate()}>Start waiting</Button>
            {listen.isError ? <Alert>{errorMessage(listen.error)}</Alert> : null}
          </div>
        )
      ) : (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            submitPayload();
          }}
        >
          <label htmlFor={payloadId} className="block text-xs font-medium text-slate-700">
            {webhook ? "Webhook data (JSON body)" : "Trigger data (optional JSON; empty uses the trigger's own)"}
          </label>
          <textarea id={payloadId} rows={6} className="block w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs" value={payload} onChange={(e) => setPayload(e.target.value)} aria-describedby={payloadError ? `${payloadId}-error` : undefined} />
          {payloadError ? <p id={`${payloadId}-error`} className="text-[11px] text-red-700">{payloadError}</p> : null}
          {run.isError ? <Alert>{errorMessage(run.error)}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={run.isPending}>Run now</Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
