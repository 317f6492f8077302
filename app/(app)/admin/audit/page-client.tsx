"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorMessage } from "@/components/ui/api";
import { Pager } from "@/components/ui/pager";
import { Alert, Card, PageHeader, formatDateTime } from "@/components/ui/misc";

interface AuditEntry {
  id: number;
  at: string;
  actor: { id: string; email: string } | null;
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
}

const PAGE_SIZE = 50;

export function AuditPageClient() {
  const [page, setPage] = useState(1);
  const audit = useQuery({
    queryKey: ["audit", page],
    queryFn: () => api<{ items: AuditEntry[]; total: number }>(`/audit?page=${page}&pageSize=${PAGE_SIZE}`),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title="Audit log">Who changed users and connections, and when. Secrets are never recorded.</PageHeader>
      <Card>
        {audit.isError ? <div className="p-4"><Alert>{errorMessage(audit.error)}</Alert></div> : null}
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">When</th>
              <th scope="col" className="px-4 py-2 font-medium">Who</th>
              <th scope="col" className="px-4 py-2 font-medium">What</th>
              <th scope="col" className="px-4 py-2 font-medium">Details</th>
            </tr>
          </thead>
          <tbody>
            {audit.data?.items.map((e) => (
              <tr key={e.id} className="border-b border-slate-100 align-top last:border-0" data-testid="audit-row">
                <td className="whitespace-nowrap px-4 py-2 text-slate-600">{formatDateTime(e.at)}</td>
                <td className="px-4 py-2">{e.actor?.email ?? "system"}</td>
                <td className="px-4 py-2"><code className="text-xs">{e.action}</code> {e.targetType} <code className="text-xs text-slate-500">{e.targetId}</code></td>
                <td className="px-4 py-2 text-xs text-slate-600"><code className="break-all">{JSON.stringify(e.details)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Pager page={page} total={audit.data?.total} pageSize={PAGE_SIZE} onPage={setPage} />
    </>
  );
}
