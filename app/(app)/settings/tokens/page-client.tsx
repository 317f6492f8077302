"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { TokenView } from "@/lib/api/views";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { Alert, Card, PageHeader, formatDateTime } from "@/components/ui/misc";

export function TokensPageClient() {
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: ["tokens"], queryFn: () => api<{ items: TokenView[] }>("/tokens") });
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string>();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<TokenView | null>(null);
  const create = useMutation({
    mutationFn: (tokenName: string) => api<TokenView & { token: string }>("/tokens", { method: "POST", body: { name: tokenName } }),
    onSuccess: (t) => {
      setCreated({ name: t.name, token: t.token });
      setName("");
      void qc.invalidateQueries({ queryKey: ["tokens"] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api<void>(`/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      setRevoking(null);
      void qc.invalidateQueries({ queryKey: ["tokens"] });
    },
  });

  return (
    <>
      <PageHeader title="My API tokens">
        Tokens act as you on the API: <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;token&gt;</code> on any /api/v1 route, with your role.
      </PageHeader>
      <Card className="mb-6 p-5">
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim() === "") {
              setNameError("Give the token a name.");
              return;
            }
            setNameError(undefined);
            create.mutate(name.trim());
          }}
        >
          <div className="min-w-64 flex-1">
            <TextField label="Token name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} error={nameError ?? (create.isError ? errorMessage(create.error) : undefined)} placeholder="e.g. CI deploy script" />
          </div>
          <Button type="submit" variant="primary" disabled={create.isPending}>Create token</Button>
        </form>
        {created ? (
          <div className="mt-4">
            <Alert kind="success">
              <p>Copy the token “{created.name}” now; it will not be shown again.</p>
              <code className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-xs" data-testid="new-token">{created.token}</code>
              <div className="mt-2 flex gap-2">
                <Button onClick={() => void navigator.clipboard?.writeText(created.token)}>Copy</Button>
                <Button variant="ghost" onClick={() => setCreated(null)}>Done</Button>
              </div>
            </Alert>
          </div>
        ) : null}
      </Card>
      <Card>
        {tokens.data && tokens.data.items.length === 0 ? <p className="p-6 text-center text-sm text-slate-500">No tokens.</p> : null}
        <ul className="divide-y divide-slate-100">
          {tokens.data?.items.map((t) => (
            <li key={t.id} className="flex items-center gap-4 px-4 py-3 text-sm" data-testid="token-row">
              <div className="flex-1">
                <p className="font-medium">{t.name}</p>
                <p className="text-xs text-slate-500">
                  <code>{t.prefix}…</code> · created {formatDateTime(t.createdAt)} · {t.lastUsedAt ? `last used ${formatDateTime(t.lastUsedAt)}` : "never used"}
                </p>
              </div>
              <Button variant="ghost" className="text-red-700" onClick={() => setRevoking(t)}>Revoke<span className="sr-only"> {t.name}</span></Button>
            </li>
          ))}
        </ul>
      </Card>
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke token?"
        message={<>Anything using “{revoking?.name}” stops working at once.</>}
        confirmLabel="Revoke"
        danger
        busy={revoke.isPending}
        error={revoke.isError ? errorMessage(revoke.error) : undefined}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
      />
    </>
  );
}
