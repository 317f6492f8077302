"use client";

import { useQuery } from "@tanstack/react-query";
import type { LoggedRequest } from "@/lib/engine/redact";
import { api, errorMessage } from "@/components/ui/api";
import { Alert, formatDateTime } from "@/components/ui/misc";
import type { UpgradePreview } from "./hooks";

function RequestBox({ request }: { request: LoggedRequest }) {
  return (
    <div className="space-y-1 rounded border border-slate-200 bg-slate-50 p-2 font-mono text-[11px] text-slate-800">
      <p className="break-all font-semibold">
        {request.method} {request.url}
      </p>
      <ul>
        {request.headers.map(([name, value], i) => (
          <li key={i} className="break-all">
            <span className="text-slate-500">{name}:</span> {value}
          </li>
        ))}
      </ul>
      {request.body !== undefined ? <pre className="max-h-40 overflow-auto whitespace-pre-wrap break-all border-t border-slate-200 pt-1">{request.body}</pre> : null}
    </div>
  );
}

function Side({ title, requests, note, testId }: { title: string; requests: LoggedRequest[]; note?: string; testId: string }) {
  return (
    <div className="min-w-0 space-y-1" data-testid={testId}>
      <h5 className="text-xs font-semibold text-slate-700">{title}</h5>
      {requests.map((r, i) => (
        <RequestBox key={i} request={r} />
      ))}
      {requests.length === 0 && !note ? <p className="text-xs text-slate-500">No request.</p> : null}
      {note ? <p className="text-xs text-slate-600">{note}</p> : null}
    </div>
  );
}

/**
 * For a connector module: the request the old version sent in the last execution, beside the one the new
 * version would send for the same input (built by the server, not sent). Secrets show as [redacted].
 */
export function RequestPreview({ scenarioId, moduleId, connection }: { scenarioId: string; moduleId: number; connection: string | null }) {
  const preview = useQuery({
    queryKey: ["upgrade-preview", scenarioId, moduleId, connection],
    queryFn: () => api<UpgradePreview>(`/scenarios/${scenarioId}/upgrade-preview`, { method: "POST", body: { moduleId, ...(connection ? { connection } : {}) } }),
    staleTime: 0,
    gcTime: 0,
  });
  if (preview.isPending) return <p className="text-xs text-slate-500">Building the requests…</p>;
  if (preview.isError) return <Alert>{errorMessage(preview.error)}</Alert>;
  const p = preview.data;
  return (
    <div className="space-y-2" aria-label={`Request preview of module ${moduleId}`}>
      <p className="text-xs text-slate-600">
        {p.execution ? <>Input from the execution of {formatDateTime(p.execution.createdAt)} ({p.execution.status}). </> : null}
        Nothing is sent by this preview.
      </p>
      <div className="grid gap-3 md:grid-cols-2">
        <Side
          title={p.before.source === "recorded" ? `v${p.from}: sent in that execution` : `v${p.from}: would send`}
          requests={p.before.requests}
          note={p.before.note}
          testId="preview-before"
        />
        <Side title={`v${p.to}: would send (not sent)`} requests={p.after.requests} note={p.after.note} testId="preview-after" />
      </div>
    </div>
  );
}
