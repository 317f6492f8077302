"use client";

import { useState } from "react";
import type { RevisionSummary, ScenarioDetail } from "@/lib/api/views";
import { errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { Alert, Badge, Card, formatDateTime } from "@/components/ui/misc";
import { useRestoreRevision, useRevision, useRevisions } from "./use-revisions";
import { RevertRunButton } from "@/components/upgrades/revert-run-button";

export function RevisionHistory({ scenario, canEdit }: { scenario: ScenarioDetail; canEdit: boolean }) {
  const revisions = useRevisions(scenario.id);
  const [restoring, setRestoring] = useState<RevisionSummary | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const restore = useRestoreRevision(scenario.id, () => setRestoring(null));

  return (
    <Card>
      <h2 className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">Revision history</h2>
      {revisions.isError ? <div className="p-4"><Alert>{errorMessage(revisions.error)}</Alert></div> : null}
      <ol className="max-h-[32rem] divide-y divide-slate-100 overflow-auto" aria-label="Revisions">
        {revisions.data?.items.map((r) => (
          <li key={r.number} className="flex items-start gap-3 px-4 py-2.5 text-sm" data-testid="revision">
            <span className="mt-0.5 w-8 shrink-0 font-mono text-xs text-slate-500">#{r.number}</span>
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium text-slate-800">{r.message || "Saved"}</p>
              <p className="text-xs text-slate-500">
                {r.author?.email ?? (r.meta?.kind === "schema-migration" ? "Patchbay" : "deleted user")} · {formatDateTime(r.createdAt)}
              </p>
            </div>
            {canEdit && r.meta?.runId && (r.meta.kind === "upgrade" || r.meta.kind === "swap-connection") ? <RevertRunButton runId={r.meta.runId} scenarioId={scenario.id} revision={r.number} /> : null}
            {r.number === scenario.revision ? (
              <Badge tone="green">current</Badge>
            ) : (
              <div className="flex gap-1">
                <Button variant="ghost" onClick={() => setViewing(r.number)}>View<span className="sr-only"> revision {r.number}</span></Button>
                {canEdit ? (
                  <Button variant="ghost" onClick={() => setRestoring(r)}>Restore<span className="sr-only"> revision {r.number}</span></Button>
                ) : null}
              </div>
            )}
          </li>
        ))}
      </ol>
      <ConfirmDialog
        open={restoring !== null}
        title={`Restore revision ${restoring?.number}?`}
        message="Its name and blueprint become a new revision on top of the history; nothing is deleted."
        confirmLabel="Restore"
        busy={restore.isPending}
        error={restore.isError ? errorMessage(restore.error) : undefined}
        onClose={() => { setRestoring(null); restore.reset(); }}
        onConfirm={() => restoring && restore.mutate({ number: restoring.number, baseRevision: scenario.revision })}
      />
      <RevisionViewer scenarioId={scenario.id} number={viewing} onClose={() => setViewing(null)} />
    </Card>
  );
}

function RevisionViewer({ scenarioId, number, onClose }: { scenarioId: string; number: number | null; onClose: () => void }) {
  const revision = useRevision(scenarioId, number);
  return (
    <Dialog open={number !== null} title={`Revision ${number}`} onClose={onClose}>
      {revision.data ? (
        <div className="space-y-2 text-sm">
          <p><span className="text-slate-500">Name:</span> {revision.data.name}</p>
          <p><span className="text-slate-500">Message:</span> {revision.data.message}</p>
          <pre className="max-h-80 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
            {JSON.stringify(revision.data.blueprint, null, 2)}
          </pre>
        </div>
      ) : revision.isError ? (
        <Alert>{errorMessage(revision.error)}</Alert>
      ) : (
        <p className="text-sm text-slate-500">Loading…</p>
      )}
      <div className="flex justify-end"><Button onClick={onClose}>Close</Button></div>
    </Dialog>
  );
}
