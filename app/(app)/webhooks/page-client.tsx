"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { WebhookView } from "@/lib/webhooks/service";
import { useCan } from "@/components/shell/actor-context";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Alert, Badge, Card, PageHeader } from "@/components/ui/misc";

export function WebhooksPageClient() {
  const canEdit = useCan("builder");
  const qc = useQueryClient();
  const hooks = useQuery({ queryKey: ["webhooks"], queryFn: () => api<{ items: WebhookView[] }>("/webhooks") });
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const create = useMutation({
    mutationFn: () => api<WebhookView>("/webhooks", { method: "POST", body: { name } }),
    onSuccess: () => {
      setName("");
      void qc.invalidateQueries({ queryKey: ["webhooks"] });
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api<void>(`/webhooks/${id}`, { method: "DELETE" }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["webhooks"] }),
  });
  const origin = typeof window === "undefined" ? "" : window.location.origin;

  return (
    <>
      <PageHeader title="Webhooks">
        Addresses that start a scenario when they receive data. Use one in a <code>webhooks:customWebhook</code> trigger (its id goes in the module&apos;s <code>webhook</code> setting).
      </PageHeader>
      {canEdit ? (
        <Card className="mb-6 p-4">
          <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => { e.preventDefault(); setError(undefined); create.mutate(); }}>
            <div className="min-w-64 flex-1"><TextField label="Webhook name" value={name} onChange={(e) => setName(e.target.value)} error={error} /></div>
            <Button type="submit" variant="primary" disabled={create.isPending}>Create webhook</Button>
          </form>
        </Card>
      ) : null}
      <Card>
        {hooks.isError ? <div className="p-4"><Alert>{errorMessage(hooks.error)}</Alert></div> : null}
        {hooks.data?.items.length === 0 ? <p className="p-8 text-center text-sm text-slate-500">No webhooks yet.</p> : null}
        <ul className="divide-y divide-slate-100">
          {hooks.data?.items.map((h) => (
            <li key={h.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm" data-testid="webhook-row">
              <div className="min-w-0 flex-1">
                <p className="font-medium">{h.name} <code className="text-xs text-slate-500">{h.id}</code></p>
                <code className="block break-all text-xs text-slate-600">{origin}{h.path}</code>
              </div>
              {h.scenario ? <Link className="text-brand-700 hover:underline" href={`/scenarios/${h.scenario.id}`}>{h.scenario.name}</Link> : <Badge>unused</Badge>}
              <Button variant="ghost" onClick={() => void navigator.clipboard?.writeText(origin + h.path)}>Copy URL<span className="sr-only"> of {h.name}</span></Button>
              {canEdit && !h.scenario ? <Button variant="ghost" className="text-red-700" onClick={() => remove.mutate(h.id)}>Delete<span className="sr-only"> {h.name}</span></Button> : null}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
