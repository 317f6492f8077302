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
import { StructureDialog } from "@/components/datastores/structure-dialog";
import type { StoreView, StructureField, StructureView } from "@/components/datastores/types";

const describeField = (f: StructureField): string =>
  `${f.name}: ${f.type === "array" ? `list of ${f.items?.type ?? "text"}` : f.type}${f.required ? " (required)" : ""}`;

export function DataStructuresPageClient() {
  const canEdit = useCan("builder");
  const qc = useQueryClient();
  const structures = useQuery({ queryKey: ["data-structures"], queryFn: () => api<{ items: StructureView[] }>("/data-structures") });
  const stores = useQuery({ queryKey: ["data-stores"], queryFn: () => api<{ items: StoreView[] }>("/data-stores") });
  const [dialog, setDialog] = useState<{ editing: StructureView | null } | null>(null);
  const [deleting, setDeleting] = useState<StructureView | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const usedBy = (id: string) => (stores.data?.items ?? []).filter((s) => s.structureId === id);

  const remove = useMutation({
    mutationFn: (s: StructureView) => api<void>(`/data-structures/${s.id}`, { method: "DELETE" }),
    onSuccess: (_, s) => {
      setDeleting(null);
      setNotice({ kind: "success", text: `Deleted “${s.name}”.` });
      void qc.invalidateQueries({ queryKey: ["data-structures"] });
    },
  });

  return (
    <>
      <Link href="/data-stores" className="text-sm text-brand-700 hover:underline">
        ← Data stores
      </Link>
      <PageHeader title="Data structures" actions={canEdit ? <Button variant="primary" onClick={() => setDialog({ editing: null })}>New data structure</Button> : null}>
        Typed shapes for data store records, webhook data and JSON. Build one by hand or generate it from a sample.
      </PageHeader>
      <NoticeLine notice={notice} />
      <Card>
        {structures.isError ? (
          <div className="p-4">
            <Alert>{errorMessage(structures.error)}</Alert>
          </div>
        ) : null}
        {structures.data?.items.length === 0 ? <p className="p-8 text-center text-sm text-slate-500">No data structures yet.</p> : null}
        <ul className="divide-y divide-slate-100">
          {structures.data?.items.map((s) => {
            const using = usedBy(s.id);
            return (
              <li key={s.id} className="flex flex-wrap items-start gap-4 px-4 py-3 text-sm" data-testid="structure-row">
                <div className="min-w-64 flex-1">
                  <p className="font-medium">{s.name}</p>
                  <p className="text-xs text-slate-600">{s.fields.length === 0 ? "No fields" : s.fields.map(describeField).join(" · ")}</p>
                </div>
                <Badge tone={using.length > 0 ? "brand" : "slate"}>
                  {using.length > 0 ? `used by ${using.map((x) => x.name).join(", ")}` : "not used by a store"}
                </Badge>
                {canEdit ? <RowActions name={s.name} onEdit={() => setDialog({ editing: s })} onDelete={() => setDeleting(s)} /> : null}
              </li>
            );
          })}
        </ul>
      </Card>
      {canEdit ? (
        <StructureDialog
          open={dialog !== null}
          editing={dialog?.editing ?? null}
          onClose={() => setDialog(null)}
          onSaved={(s) => {
            setDialog(null);
            setNotice({ kind: "success", text: `Saved “${s.name}”.` });
            void qc.invalidateQueries({ queryKey: ["data-structures"] });
            void qc.invalidateQueries({ queryKey: ["data-structure", s.id] });
          }}
        />
      ) : null}
      <ConfirmDelete
        target={deleting}
        title={`Delete data structure “${deleting?.name}”?`}
        message="Scenarios that pick it (json, webhooks) lose their shape. A structure that a data store uses can't be deleted."
        confirmLabel="Delete data structure"
        remove={remove}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
