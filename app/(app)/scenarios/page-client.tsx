"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { ScenarioSummary } from "@/lib/api/views";
import { useCan } from "@/components/shell/actor-context";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Pager } from "@/components/ui/pager";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { Alert, Badge, Card, PageHeader, formatDateTime } from "@/components/ui/misc";
import { exportUrl, useScenarioMutations } from "@/components/scenarios/use-scenarios";
import { importNotice } from "@/components/datastores/import-notice";
import { VersionCountBadges } from "@/components/upgrades/version-counts";

interface Page {
  items: ScenarioSummary[];
  page: number;
  pageSize: number;
  total: number;
}

const PAGE_SIZE = 20;

export function ScenariosPageClient() {
  const canEdit = useCan("builder");
  const router = useRouter();
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<ScenarioSummary | null>(null);
  const [deleting, setDeleting] = useState<ScenarioSummary | null>(null);
  const [notice, setNotice] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const m = useScenarioMutations();

  useEffect(() => {
    const t = setTimeout(() => {
      setQuery(search.trim());
      setPage(1);
    }, 250);
    return () => clearTimeout(t);
  }, [search]);

  const list = useQuery({
    queryKey: ["scenarios", query, page],
    queryFn: () => api<Page>(`/scenarios?query=${encodeURIComponent(query)}&page=${page}&pageSize=${PAGE_SIZE}`),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title="Scenarios"
        actions={
          canEdit ? (
            <>
              <input
                ref={fileInput}
                type="file"
                accept="application/json,.json"
                className="sr-only"
                aria-label="Blueprint file to import"
                data-testid="import-file"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = "";
                  if (!file) return;
                  m.importFile.mutate(file, {
                    onSuccess: (s) => setNotice({ kind: "success", text: importNotice(s) }),
                    onError: (err) => setNotice({ kind: "error", text: `Import failed: ${errorMessage(err)}` }),
                  });
                }}
              />
              <Button onClick={() => fileInput.current?.click()}>Import</Button>
              <Button variant="primary" onClick={() => setCreating(true)}>
                Create scenario
              </Button>
            </>
          ) : null
        }
      >
        Scenarios connect modules into automated flows.
      </PageHeader>

      {notice ? <div className="mb-4"><Alert kind={notice.kind}>{notice.text}</Alert></div> : null}

      <div className="mb-4 max-w-sm">
        <TextField label="Search by name" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="e.g. Proof review" />
      </div>

      <Card>
        {list.isError ? (
          <div className="p-4"><Alert>{errorMessage(list.error)}</Alert></div>
        ) : list.data && list.data.items.length === 0 ? (
          <p className="p-8 text-center text-sm text-slate-500">
            {query ? `No scenario matches “${query}”.` : canEdit ? "No scenarios yet. Create your first one." : "No scenarios yet."}
          </p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Name</th>
                <th scope="col" className="px-4 py-2 font-medium">Status</th>
                <th scope="col" className="px-4 py-2 font-medium">Modules</th>
                <th scope="col" className="px-4 py-2 font-medium">Revision</th>
                <th scope="col" className="px-4 py-2 font-medium">Updated</th>
                <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {list.data?.items.map((s) => (
                <tr key={s.id} className="border-b border-slate-100 last:border-0" data-testid="scenario-row">
                  <td className="px-4 py-2">
                    <Link href={`/scenarios/${s.id}`} className="font-medium text-brand-700 hover:underline">
                      {s.name}
                    </Link>
                    {s.description ? <p className="truncate text-xs text-slate-500">{s.description}</p> : null}
                  </td>
                  <td className="px-4 py-2">
                    {s.active ? <Badge tone="green">active</Badge> : s.deactivatedReason ? <span title={s.deactivatedReason}><Badge tone="red">switched off</Badge></span> : <Badge>off</Badge>}
                  </td>
                  <td className="px-4 py-2">
                    <span className="tabular-nums">{s.moduleCount}</span> <VersionCountBadges versions={s.versions} scenarioName={s.name} />
                  </td>
                  <td className="px-4 py-2 tabular-nums">{s.revision}</td>
                  <td className="px-4 py-2 text-slate-600">{formatDateTime(s.updatedAt)}</td>
                  <td className="px-4 py-2">
                    <div className="flex justify-end gap-1">
                      <a className="inline-flex items-center rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100" href={exportUrl(s.id)} download>
                        Export<span className="sr-only"> {s.name}</span>
                      </a>
                      {canEdit ? (
                        <>
                          <Button variant="ghost" onClick={() => setRenaming(s)}>Rename<span className="sr-only"> {s.name}</span></Button>
                          <Button
                            variant="ghost"
                            onClick={() =>
                              m.duplicate.mutate(s.id, {
                                onSuccess: (copy) => setNotice({ kind: "success", text: `Created “${copy.name}”.` }),
                                onError: (err) => setNotice({ kind: "error", text: errorMessage(err) }),
                              })
                            }
                          >
                            Duplicate<span className="sr-only"> {s.name}</span>
                          </Button>
                          <Button variant="ghost" className="text-red-700" onClick={() => setDeleting(s)}>
                            Delete<span className="sr-only"> {s.name}</span>
                          </Button>
                        </>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>

      <Pager page={page} total={list.data?.total} pageSize={PAGE_SIZE} onPage={setPage} />

      <NameDialog
        open={creating}
        title="Create a scenario"
        submitLabel="Create"
        initial=""
        busy={m.create.isPending}
        error={m.create.isError ? errorMessage(m.create.error) : undefined}
        onClose={() => { setCreating(false); m.create.reset(); }}
        onSubmit={(name) => m.create.mutate(name, { onSuccess: (s) => router.push(`/scenarios/${s.id}`) })}
      />
      <NameDialog
        open={renaming !== null}
        title="Rename scenario"
        submitLabel="Rename"
        initial={renaming?.name ?? ""}
        busy={m.rename.isPending}
        error={m.rename.isError ? errorMessage(m.rename.error) : undefined}
        onClose={() => { setRenaming(null); m.rename.reset(); }}
        onSubmit={(name) =>
          renaming && m.rename.mutate({ id: renaming.id, name, baseRevision: renaming.revision }, { onSuccess: () => setRenaming(null) })
        }
      />
      <ConfirmDialog
        open={deleting !== null}
        title="Delete scenario?"
        message={<>“{deleting?.name}” and all its revisions will be deleted. This cannot be undone.</>}
        confirmLabel="Delete"
        danger
        busy={m.remove.isPending}
        error={m.remove.isError ? errorMessage(m.remove.error) : undefined}
        onClose={() => { setDeleting(null); m.remove.reset(); }}
        onConfirm={() => deleting && m.remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      />
    </>
  );
}

export function NameDialog(props: {
  open: boolean;
  title: string;
  submitLabel: string;
  initial: string;
  busy: boolean;
  error?: string;
  onClose: () => void;
  onSubmit: (name: string) => void;
}) {
  return (
    <Dialog open={props.open} title={props.title} onClose={props.onClose}>
      {/* Keyed so each opening starts from the current name, without syncing state in an effect. */}
      <NameForm key={`${props.open}:${props.initial}`} {...props} />
    </Dialog>
  );
}

function NameForm({
  submitLabel,
  initial,
  busy,
  error,
  onClose,
  onSubmit,
}: {
  submitLabel: string;
  initial: string;
  busy: boolean;
  error?: string;
  onClose: () => void;
  onSubmit: (name: string) => void;
}) {
  const [value, setValue] = useState(initial);
  const [touched, setTouched] = useState(false);
  const empty = value.trim() === "";
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (!empty) onSubmit(value.trim());
      }}
    >
      <TextField label="Name" value={value} onChange={(e) => setValue(e.target.value)} autoFocus maxLength={200} error={touched && empty ? "Give the scenario a name." : error} />
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={busy}>{submitLabel}</Button>
      </div>
    </form>
  );
}
