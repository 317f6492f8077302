"use client";

import { useState } from "react";
import { authorName, useRestoreRevision, useRevisions } from "@/components/scenarios/use-revisions";
import { errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { Alert, Badge, formatDateTime } from "@/components/ui/misc";
import { RevisionDiff } from "./revision-diff";

/**
 * The scenario's revisions, newest first: pick two to compare them side by side, or restore one.
 * Restoring replaces what is on the canvas, so it is refused while the canvas has unsaved changes; once
 * restored, the scenario's cached detail changes and the editor loads it like any newer revision.
 */
export function HistoryPanel({
  scenarioId,
  currentRevision,
  dirty,
  canEdit,
}: {
  scenarioId: string;
  /** The revision the canvas is based on; a restore is refused (409) if someone saved since. */
  currentRevision: number;
  dirty: boolean;
  canEdit: boolean;
}) {
  const revisions = useRevisions(scenarioId);
  const [picked, setPicked] = useState<number[]>([]);
  const [comparing, setComparing] = useState<[older: number, newer: number] | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const restore = useRestoreRevision(scenarioId, () => setRestoring(null));

  const toggle = (n: number) =>
    // A third pick replaces the earliest one, so the two latest choices are always the pair compared.
    setPicked((p) => (p.includes(n) ? p.filter((x) => x !== n) : [...p, n].slice(-2)));
  const askRestore = (n: number) => {
    if (dirty) {
      setRefusal(`The canvas has unsaved changes. Save them first (they become a revision you can come back to), then restore revision ${n}.`);
      return;
    }
    setRefusal(null);
    restore.reset();
    setRestoring(n);
  };
  const pair = picked.length === 2 ? ([Math.min(...picked), Math.max(...picked)] as [number, number]) : null;

  return (
    <div className="space-y-3 p-4 text-sm" data-testid="history-panel">
      <div className="flex items-center justify-between gap-2">
        <h2 className="font-semibold text-slate-900">Revision history</h2>
        <Button disabled={!pair} onClick={() => pair && setComparing(pair)}>
          {pair ? `Compare ${pair[0]} and ${pair[1]}` : "Compare"}
        </Button>
      </div>
      <p className="text-xs text-slate-500">Tick two revisions to compare them side by side.</p>
      {refusal ? <Alert>{refusal}</Alert> : null}
      {revisions.isError ? <Alert>{errorMessage(revisions.error)}</Alert> : null}
      {revisions.isPending ? <p className="text-slate-500">Loading…</p> : null}
      <ol className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Revisions">
        {revisions.data?.items.map((r) => (
          <li key={r.number} className="flex items-start gap-2 px-2 py-2" data-testid="revision-row">
            <input
              type="checkbox"
              className="mt-1"
              aria-label={`Select revision ${r.number} to compare`}
              checked={picked.includes(r.number)}
              onChange={() => toggle(r.number)}
            />
            <div className="min-w-0 flex-1">
              <p className="flex items-center gap-1.5">
                <span className="font-mono text-xs text-slate-500">#{r.number}</span>
                <span className="truncate font-medium text-slate-800" title={r.message}>{r.message || "Saved"}</span>
              </p>
              <p className="text-xs text-slate-500">{authorName(r.author)} · {formatDateTime(r.createdAt)}</p>
            </div>
            {r.number === currentRevision ? (
              <Badge tone="green">current</Badge>
            ) : canEdit ? (
              <Button variant="ghost" className="px-2 py-1 text-xs" aria-label={`Restore revision ${r.number}`} onClick={() => askRestore(r.number)}>
                Restore
              </Button>
            ) : null}
          </li>
        ))}
      </ol>

      <Dialog open={comparing !== null} wide title={comparing ? `Revision ${comparing[0]} compared with revision ${comparing[1]}` : "Compare"} onClose={() => setComparing(null)}>
        <div className="max-h-[70vh] overflow-auto pr-1">{comparing ? <RevisionDiff scenarioId={scenarioId} older={comparing[0]} newer={comparing[1]} /> : null}</div>
        <div className="flex justify-end"><Button onClick={() => setComparing(null)}>Close</Button></div>
      </Dialog>
      <ConfirmDialog
        open={restoring !== null}
        title={`Restore revision ${restoring}?`}
        message={`Its blueprint and name become revision ${currentRevision + 1}, on top of the history (nothing is deleted), and the canvas shows it.`}
        confirmLabel="Restore"
        busy={restore.isPending}
        error={restore.isError ? errorMessage(restore.error) : undefined}
        onClose={() => setRestoring(null)}
        onConfirm={() => restoring !== null && restore.mutate({ number: restoring, baseRevision: currentRevision })}
      />
    </div>
  );
}
