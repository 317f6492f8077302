"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useCan } from "@/components/shell/actor-context";
import { ApiError, api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Alert, Badge, Card, PageHeader, formatDateTime } from "@/components/ui/misc";
import { ConnectionDialog } from "@/components/connections/connection-dialog";
import { statusLabel, type ConnectionRowView, type ConnectionTypeView } from "@/components/connections/types";

type Notice = { kind: "error" | "success" | "info"; text: string } | null;

export function ConnectionsPageClient({ authorized, authorizationError, createType }: { authorized?: string; authorizationError?: string; createType?: string }) {
  const isAdmin = useCan("admin");
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ["connections"], queryFn: () => api<{ items: ConnectionRowView[] }>("/connections") });
  const types = useQuery({ queryKey: ["connection-types"], queryFn: () => api<{ items: ConnectionTypeView[] }>("/connection-types"), enabled: isAdmin });
  // Arriving from a module that needs a connection type nobody has yet: the form opens on that type.
  const [dialog, setDialog] = useState<{ editing: ConnectionRowView | null; type?: string } | null>(isAdmin && createType ? { editing: null, type: createType } : null);
  const [deleting, setDeleting] = useState<{ row: ConnectionRowView; inUse?: Array<{ id: string; name: string }> } | null>(null);
  const [notice, setNotice] = useState<Notice>(
    authorizationError ? { kind: "error", text: authorizationError } : authorized ? { kind: "success", text: "The connection was authorized." } : null,
  );
  const [testResults, setTestResults] = useState<Record<string, { ok: boolean; message: string }>>({});
  const refresh = () => void qc.invalidateQueries({ queryKey: ["connections"] });

  const test = useMutation({
    mutationFn: (id: string) => api<{ ok: boolean; message: string }>(`/connections/${id}/test`, { method: "POST" }),
    onSuccess: (result, id) => {
      setTestResults((r) => ({ ...r, [id]: result }));
      refresh();
    },
    onError: (e, id) => setTestResults((r) => ({ ...r, [id]: { ok: false, message: errorMessage(e) } })),
  });
  const authorize = useMutation({
    mutationFn: (id: string) => api<{ url: string }>(`/connections/${id}/authorize`, { method: "POST" }),
    onSuccess: ({ url }) => window.location.assign(url),
    onError: (e) => setNotice({ kind: "error", text: errorMessage(e) }),
  });
  const remove = useMutation({
    mutationFn: (v: { id: string; force: boolean }) => api<{ unconfigured: unknown[] }>(`/connections/${v.id}?force=${v.force}`, { method: "DELETE" }),
    onSuccess: (r) => {
      setNotice({ kind: "success", text: r.unconfigured.length > 0 ? `Deleted; ${r.unconfigured.length} scenario(s) need a new connection.` : "Deleted." });
      setDeleting(null);
      refresh();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409 && deleting) {
        setDeleting({ ...deleting, inUse: (e.details as { scenarios: Array<{ id: string; name: string }> }).scenarios });
      } else setNotice({ kind: "error", text: errorMessage(e) });
    },
  });

  return (
    <>
      <PageHeader title="Connections" actions={isAdmin ? <Button variant="primary" onClick={() => setDialog({ editing: null })}>Add connection</Button> : null}>
        Stored credentials that modules use. {isAdmin ? "Secrets are encrypted and never shown again." : "Admins manage them; you can pick the ones shared with you."}
      </PageHeader>
      {notice ? <div className="mb-4"><Alert kind={notice.kind}>{notice.text}</Alert></div> : null}
      <Card>
        {list.isError ? <div className="p-4"><Alert>{errorMessage(list.error)}</Alert></div> : null}
        {list.data?.items.length === 0 ? <p className="p-8 text-center text-sm text-slate-500">No connections yet.</p> : null}
        <ul className="divide-y divide-slate-100">
          {list.data?.items.map((c) => {
            const status = c.status ? statusLabel[c.status] : null;
            const result = testResults[c.id];
            return (
              <li key={c.id} className="px-4 py-3 text-sm" data-testid="connection-row">
                <div className="flex flex-wrap items-center gap-3">
                  <div className="min-w-48 flex-1">
                    <p className="font-medium">{c.name}</p>
                    {c.type ? <p className="text-xs text-slate-500">{c.typeTitle ?? c.type} · {c.type}</p> : null}
                  </div>
                  {status ? <Badge tone={status[1]}>{status[0]}</Badge> : null}
                  {c.lastVerifiedAt ? <span className="text-xs text-slate-500">verified {formatDateTime(c.lastVerifiedAt)}</span> : null}
                  {c.usedBy ? <span className="text-xs text-slate-500">used by {c.usedBy.length} scenario{c.usedBy.length === 1 ? "" : "s"}</span> : null}
                  {isAdmin ? (
                    <div className="flex gap-1">
                      <Button variant="ghost" onClick={() => test.mutate(c.id)} disabled={test.isPending && test.variables === c.id}>Test<span className="sr-only"> {c.name}</span></Button>
                      {c.oauth2 ? <Button variant="ghost" onClick={() => authorize.mutate(c.id)}>Re-authorize<span className="sr-only"> {c.name}</span></Button> : null}
                      <Button variant="ghost" onClick={() => setDialog({ editing: c })}>Edit<span className="sr-only"> {c.name}</span></Button>
                      <Button variant="ghost" className="text-red-700" onClick={() => setDeleting({ row: c })}>Delete<span className="sr-only"> {c.name}</span></Button>
                    </div>
                  ) : null}
                </div>
                {result ? (
                  <div className="mt-2" data-testid="test-result">
                    <Alert kind={result.ok ? "success" : "error"}>{result.ok ? `Connection works: ${result.message}` : `Test failed: ${result.message}`}</Alert>
                  </div>
                ) : c.lastError && isAdmin ? <p className="mt-1 text-xs text-red-700">Last error: {c.lastError}</p> : null}
              </li>
            );
          })}
        </ul>
      </Card>
      {isAdmin ? (
        <ConnectionDialog
          open={dialog !== null}
          types={types.data?.items ?? []}
          editing={dialog?.editing ?? null}
          initialType={dialog?.type}
          onClose={() => setDialog(null)}
          onSaved={(c) => {
            setDialog(null);
            setNotice({ kind: "success", text: `Saved “${c.name}”.` });
            refresh();
          }}
        />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.row.name}”?`}
        message={
          deleting?.inUse ? (
            <>It is used by {deleting.inUse.map((s) => `“${s.name}”`).join(", ")}. Deleting it leaves those modules without a connection (a new revision records the change).</>
          ) : (
            "Scenarios using it will need another connection."
          )
        }
        confirmLabel={deleting?.inUse ? "Delete anyway" : "Delete"}
        danger
        busy={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.row.id, force: deleting.inUse !== undefined })}
      />
    </>
  );
}
