"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useCan } from "@/components/shell/actor-context";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card, PageHeader } from "@/components/ui/misc";
import { NoticeLine, type Notice } from "@/components/datastores/notice";
import { ConfirmDelete, RowActions } from "@/components/datastores/row-actions";
import { StoreDialog } from "@/components/datastores/store-dialog";
import { UsageBar } from "@/components/datastores/usage-bar";
import type { StoreView, StructureView } from "@/components/datastores/types";


export function DataStoresPageClient() {
  const canEdit = useCan("builder");
  const qc = useQueryClient();
  const stores = useQuery({ queryKey: ["data-stores"], queryFn: () => api<{ items: StoreView[] }>("/data-stores") });
  const structures = useQuery({ queryKey: ["data-structures"], queryFn: () => api<{ items: StructureView[] }>("/data-structures") });
  const [dialog, setDialog] = useState<{ editing: StoreView | null } | null>(null);
  const [deleting, setDeleting] = useState<StoreView | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const structureName = (id: string | null) => (id ? (structures.data?.items.find((s) => s.id === id)?.name ?? id) : null);

  const remove = useMutation({
    mutationFn: (store: StoreView) => api<void>(`/data-stores/${store.id}`, { method: "DELETE" }),
    onSuccess: (_, store) => {
      setDeleting(null);
      setNotice({ kind: "success", text: `Deleted “${store.name}”.` });
      void qc.invalidateQueries({ queryKey: ["data-stores"] });
    },
  });

  return (
    <>
      <PageHeader
        title="Data stores"
        actions={
          <>
            <Link href="/data-structures" className="text-sm font-medium text-brand-700 hover:underline">
              Data structures
            </Link>
            {canEdit ? (
              <Button variant="primary" onClick={() => setDialog({ editing: null })}>
                New data store
              </Button>
            ) : null}
          </>
        }
      >
        Records that scenarios keep between runs, under a key. {canEdit ? "" : "You can browse and export them; builders change them."}
      </PageHeader>
      <NoticeLine notice={notice} />
      <Card>
        {stores.isError ? (
          <div className="p-4">
            <Alert>{errorMessage(stores.error)}</Alert>
          </div>
        ) : null}
        {stores.data?.items.length === 0 ? <p className="p-8 text-center text-sm text-slate-500">No data stores yet.</p> : null}
        <ul className="divide-y divide-slate-100">
          {stores.data?.items.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center gap-4 px-4 py-3 text-sm" data-testid="store-row">
              <div className="min-w-48 flex-1">
                <Link href={`/data-stores/${s.id}`} className="font-medium text-brand-700 hover:underline">
                  {s.name}
                </Link>
                <p className="text-xs text-slate-500">{structureName(s.structureId) ? `Structure: ${structureName(s.structureId)}` : "Keys only"}</p>
              </div>
              <Badge>
                {s.records} record{s.records === 1 ? "" : "s"}
              </Badge>
              <UsageBar used={s.usedBytes} max={s.maxBytes} />
              {canEdit ? <RowActions name={s.name} onEdit={() => setDialog({ editing: s })} onDelete={() => setDeleting(s)} /> : null}
            </li>
          ))}
        </ul>
      </Card>
      {canEdit ? (
        <StoreDialog
          open={dialog !== null}
          editing={dialog?.editing ?? null}
          structures={structures.data?.items ?? []}
          onClose={() => setDialog(null)}
          onSaved={(store) => {
            setDialog(null);
            setNotice({ kind: "success", text: `Saved “${store.name}”.` });
            void qc.invalidateQueries({ queryKey: ["data-stores"] });
          }}
        />
      ) : null}
      <ConfirmDelete
        target={deleting}
        title={`Delete “${deleting?.name}”?`}
        message={`Its ${deleting?.records ?? 0} record(s) are deleted with it. Scenarios using it will fail until they get another store.`}
        confirmLabel="Delete data store"
        remove={remove}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
