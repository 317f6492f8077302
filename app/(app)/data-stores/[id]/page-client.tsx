"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useCan } from "@/components/shell/actor-context";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Alert, Card, PageHeader } from "@/components/ui/misc";
import { Pager } from "@/components/ui/pager";
import { DeleteAllDialog } from "@/components/datastores/delete-all-dialog";
import { ImportDialog } from "@/components/datastores/import-dialog";
import { NoticeLine, type Notice } from "@/components/datastores/notice";
import { ConfirmDelete } from "@/components/datastores/row-actions";
import { RecordDialog } from "@/components/datastores/record-dialog";
import { RecordsTable, type SortState } from "@/components/datastores/records-table";
import { UsageBar } from "@/components/datastores/usage-bar";
import type { RecordPage, StoreView, StoredRecord, StructureView } from "@/components/datastores/types";

const PAGE_SIZE = 25;

export function DataStorePageClient({ id }: { id: string }) {
  const canEdit = useCan("builder");
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<SortState>({ field: "key", direction: "asc" });
  const [editing, setEditing] = useState<{ record: StoredRecord | null } | null>(null);
  const [deleting, setDeleting] = useState<StoredRecord | null>(null);
  const [dialog, setDialog] = useState<"import" | "deleteAll" | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const store = useQuery({ queryKey: ["data-store", id], queryFn: () => api<StoreView>(`/data-stores/${id}`) });
  const structureId = store.data?.structureId ?? null;
  const structure = useQuery({
    queryKey: ["data-structure", structureId],
    queryFn: () => api<StructureView>(`/data-structures/${structureId}`),
    enabled: structureId !== null,
  });
  const query = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE), sort: sort.field, direction: sort.direction, ...(search ? { q: search } : {}) });
  const records = useQuery({
    queryKey: ["data-store-records", id, query.toString()],
    queryFn: () => api<RecordPage>(`/data-stores/${id}/records?${query}`),
    placeholderData: keepPreviousData,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ["data-store", id] });
    void qc.invalidateQueries({ queryKey: ["data-store-records", id] });
    void qc.invalidateQueries({ queryKey: ["data-stores"] });
  };

  const removeRecord = useMutation({
    mutationFn: (r: StoredRecord) => api<void>(`/data-stores/${id}/records/${encodeURIComponent(r.key)}`, { method: "DELETE" }),
    onSuccess: (_, r) => {
      setDeleting(null);
      setNotice({ kind: "success", text: `Deleted record “${r.key}”.` });
      refresh();
    },
  });
  const removeAll = useMutation({
    mutationFn: () => api<{ deleted: number }>(`/data-stores/${id}/records?confirmed=true`, { method: "DELETE" }),
    onSuccess: ({ deleted }) => {
      setDialog(null);
      setPage(1);
      setNotice({ kind: "success", text: `Deleted ${deleted} record${deleted === 1 ? "" : "s"}.` });
      refresh();
    },
  });

  if (store.isError) return <Alert>{errorMessage(store.error)}</Alert>;
  if (!store.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const s = store.data;
  const fields = structure.data?.fields ?? [];
  const ready = structureId === null || structure.isSuccess;

  return (
    <>
      <Link href="/data-stores" className="text-sm text-brand-700 hover:underline">
        ← Data stores
      </Link>
      <PageHeader
        title={s.name}
        actions={
          <>
            <a className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50" href={`/api/v1/data-stores/${id}/records/export?format=csv`} download>
              Export CSV
            </a>
            <a className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50" href={`/api/v1/data-stores/${id}/records/export?format=json`} download>
              Export JSON
            </a>
            {canEdit ? (
              <>
                <Button onClick={() => setDialog("import")}>Import</Button>
                <Button variant="danger" disabled={s.records === 0} onClick={() => setDialog("deleteAll")}>
                  Delete all
                </Button>
                <Button variant="primary" disabled={!ready} onClick={() => setEditing({ record: null })}>
                  Add record
                </Button>
              </>
            ) : null}
          </>
        }
      >
        <span className="flex flex-wrap items-center gap-4">
          <span>{structure.data ? <>Structure: <Link className="text-brand-700 hover:underline" href="/data-structures">{structure.data.name}</Link></> : "Keys only"}</span>
          <span data-testid="record-count">
            {s.records} record{s.records === 1 ? "" : "s"}
          </span>
          <UsageBar used={s.usedBytes} max={s.maxBytes} />
        </span>
      </PageHeader>
      <NoticeLine notice={notice} />
      <Card>
        <div className="border-b border-slate-200 p-3">
          <label htmlFor="record-search" className="sr-only">
            Search keys
          </label>
          <input
            id="record-search"
            type="search"
            className="w-72 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
            placeholder="Search keys…"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
          />
        </div>
        {records.isError ? (
          <div className="p-4">
            <Alert>{errorMessage(records.error)}</Alert>
          </div>
        ) : null}
        {records.data?.total === 0 ? <p className="p-8 text-center text-sm text-slate-500">{search ? "No key matches." : "No records yet."}</p> : null}
        {records.data && records.data.total > 0 && ready ? (
          <RecordsTable
            fields={fields}
            records={records.data.items}
            sort={sort}
            onSort={(next) => {
              setSort(next);
              setPage(1);
            }}
            onEdit={canEdit ? (record) => setEditing({ record }) : undefined}
            onDelete={canEdit ? setDeleting : undefined}
          />
        ) : null}
        <div className="px-3 pb-3">
          <Pager page={page} total={records.data?.total} pageSize={PAGE_SIZE} onPage={setPage} />
        </div>
      </Card>
      {canEdit ? (
        <>
          <RecordDialog
            open={editing !== null}
            storeId={id}
            fields={fields}
            editing={editing?.record ?? null}
            onClose={() => setEditing(null)}
            onSaved={(r) => {
              setNotice({ kind: "success", text: `${editing?.record ? "Saved" : "Added"} record “${r.key}”.` });
              setEditing(null);
              refresh();
            }}
          />
          <ImportDialog
            open={dialog === "import"}
            storeId={id}
            onClose={() => setDialog(null)}
            onImported={(count) => {
              setDialog(null);
              setNotice({ kind: "success", text: `Imported ${count} record${count === 1 ? "" : "s"}.` });
              refresh();
            }}
          />
          <DeleteAllDialog
            open={dialog === "deleteAll"}
            storeName={s.name}
            records={s.records}
            busy={removeAll.isPending}
            error={removeAll.isError ? errorMessage(removeAll.error) : undefined}
            onConfirm={() => removeAll.mutate()}
            onClose={() => {
              setDialog(null);
              removeAll.reset();
            }}
          />
          <ConfirmDelete
            target={deleting}
            title={`Delete record “${deleting?.key}”?`}
            message="The record is deleted for good."
            confirmLabel="Delete record"
            remove={removeRecord}
            onClose={() => setDeleting(null)}
          />
        </>
      ) : null}
    </>
  );
}
