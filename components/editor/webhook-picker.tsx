"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { WebhookView } from "@/lib/webhooks/service";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";

/** The webhook a listening trigger uses: pick one, or add one without leaving the editor; its URL to copy. */
export function WebhookPicker({ id, value, scenarioId, onChange }: { id: string; value: string; scenarioId: string; onChange: (webhookId: string | undefined) => void }) {
  const qc = useQueryClient();
  const hooks = useQuery({ queryKey: ["webhooks"], queryFn: () => api<{ items: WebhookView[] }>("/webhooks") });
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState("");
  const nameId = useId();
  const create = useMutation({
    mutationFn: () => api<WebhookView>("/webhooks", { method: "POST", body: { name } }),
    onSuccess: (hook) => {
      void qc.invalidateQueries({ queryKey: ["webhooks"] });
      onChange(hook.id);
      setAdding(false);
      setName("");
    },
  });
  const chosen = hooks.data?.items.find((h) => h.id === value);
  const url = chosen ? `${window.location.origin}${chosen.path}` : null;
  return (
    <div className="space-y-1">
      <div className="flex gap-1">
        <select id={id} className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm" value={value} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">{hooks.isLoading ? "Loading webhooks…" : "— choose a webhook —"}</option>
          {value && !chosen && hooks.isSuccess ? <option value={value}>{value} (not found)</option> : null}
          {hooks.data?.items.map((h) => (
            <option key={h.id} value={h.id} disabled={h.scenario !== null && h.scenario.id !== scenarioId}>
              {h.name}
              {h.scenario && h.scenario.id !== scenarioId ? ` (used by ${h.scenario.name})` : ""}
            </option>
          ))}
        </select>
        <Button onClick={() => setAdding((a) => !a)} aria-expanded={adding}>Add</Button>
      </div>
      {adding ? (
        <form
          className="flex items-end gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <div className="flex-1">
            <label htmlFor={nameId} className="block text-[11px] text-slate-600">Webhook name</label>
            <input id={nameId} className="block w-full rounded-md border border-slate-300 px-2 py-1 text-sm" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          </div>
          <Button type="submit" variant="primary" disabled={create.isPending}>Save webhook</Button>
        </form>
      ) : null}
      {create.isError ? <p role="alert" className="text-[11px] text-red-600">{errorMessage(create.error)}</p> : null}
      {url ? (
        <p className="flex items-center gap-1 text-[11px] text-slate-600">
          <code className="min-w-0 flex-1 truncate rounded bg-slate-100 px-1 py-0.5" data-testid="webhook-url">{url}</code>
          <button type="button" className="text-brand-700 underline" onClick={() => void navigator.clipboard?.writeText(url)}>Copy</button>
        </p>
      ) : null}
    </div>
  );
}
