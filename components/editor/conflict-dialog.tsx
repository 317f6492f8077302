"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { ScenarioDetail } from "@/lib/api/views";
import type { Blueprint } from "@/lib/scenario/blueprint";
import { authorName, useRevisions } from "@/components/scenarios/use-revisions";
import { ApiError, api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert, formatDateTime } from "@/components/ui/misc";

/** A save refused because someone saved the scenario after the revision the canvas was based on. */
export interface StaleSave {
  baseRevision: number;
  currentRevision: number | null;
}

/** The stale-save refusal (409 conflict) from a save's error, or null for any other error. */
export function staleSave(error: unknown): StaleSave | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const details = (error.details ?? {}) as { baseRevision?: unknown; currentRevision?: unknown };
  if (typeof details.baseRevision !== "number") return null;
  return { baseRevision: details.baseRevision, currentRevision: typeof details.currentRevision === "number" ? details.currentRevision : null };
}

/**
 * Explains who saved what since the canvas was loaded, and offers the two ways out that lose nobody's work
 * silently: reload (drop my changes) or save my blueprint as a new scenario and continue there.
 */
export function ConflictDialog({
  scenario,
  conflict,
  blueprint,
  onReload,
  onClose,
}: {
  scenario: Pick<ScenarioDetail, "id" | "name" | "description">;
  conflict: StaleSave | null;
  /** The canvas's blueprint, read when the copy is made. */
  blueprint: () => Blueprint;
  onReload: (latest: ScenarioDetail) => void;
  onClose: () => void;
}) {
  const router = useRouter();
  const qc = useQueryClient();
  const revisions = useRevisions(scenario.id);
  const [copied, setCopied] = useState<{ id: string; name: string; clearedWebhooks: number[] } | null>(null);
  useEffect(() => {
    if (conflict) void revisions.refetch();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [conflict]);

  const reload = useMutation({ mutationFn: () => api<ScenarioDetail>(`/scenarios/${scenario.id}`), onSuccess: onReload });
  const copy = useMutation({
    mutationFn: () => saveCopy(scenario, blueprint(), conflict),
    onSuccess: (result) => {
      void qc.invalidateQueries({ queryKey: ["scenarios"] });
      if (result.clearedWebhooks.length === 0) router.push(`/scenarios/${result.id}/edit`);
      else setCopied(result);
    },
  });
  const close = () => {
    reload.reset();
    copy.reset();
    setCopied(null);
    onClose();
  };

  const since = (revisions.data?.items ?? []).filter((r) => conflict && r.number > conflict.baseRevision);
  const error = reload.error ?? copy.error;
  return (
    <Dialog open={conflict !== null} wide title="This scenario was saved in the meantime" onClose={close}>
      <div className="space-y-3 text-sm text-slate-700" data-testid="conflict-dialog">
        <p>
          Your changes were not saved: you edited revision {conflict?.baseRevision}, and since you opened it{" "}
          {since.length === 1 ? "this save was made" : "these saves were made"}:
        </p>
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Saves since you opened the scenario">
          {since.map((r) => (
            <li key={r.number} className="px-3 py-2">
              <span className="font-medium">Revision {r.number}</span> by {authorName(r.author)}, {formatDateTime(r.createdAt)}: “{r.message || "Saved"}”
            </li>
          ))}
          {revisions.isPending ? <li className="px-3 py-2 text-slate-500">Loading…</li> : null}
        </ul>
        <p>Your changes are still on the canvas. Saving them over the newer revision would lose that work, so choose:</p>
        {error ? <Alert>{errorMessage(error)}</Alert> : null}
        {copied ? (
          <Alert kind="success">
            Saved as “{copied.name}”. A webhook belongs to one scenario, so module{copied.clearedWebhooks.length === 1 ? "" : "s"}{" "}
            {copied.clearedWebhooks.join(", ")} of the copy wait{copied.clearedWebhooks.length === 1 ? "s" : ""} for a webhook of its own.{" "}
            <Button variant="primary" onClick={() => router.push(`/scenarios/${copied.id}/edit`)}>Open the copy</Button>
          </Alert>
        ) : null}
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-2 rounded-md border border-slate-200 p-3">
            <p>Drop your changes and load revision {conflict?.currentRevision ?? "the latest revision"}.</p>
            <Button variant="danger" disabled={reload.isPending} onClick={() => reload.mutate()}>Reload</Button>
          </div>
          <div className="space-y-2 rounded-md border border-slate-200 p-3">
            <p>Keep your changes in a new scenario, “{copyName(scenario.name)}”, and continue there.</p>
            <Button variant="primary" disabled={copy.isPending || copied !== null} onClick={() => copy.mutate()}>
              {copy.isPending ? "Saving the copy…" : "Save as a copy"}
            </Button>
          </div>
        </div>
        <div className="flex justify-end">
          <Button onClick={close}>Keep editing</Button>
        </div>
      </div>
    </Dialog>
  );
}

function copyName(name: string): string {
  return `${name.slice(0, 193)} (copy)`;
}

/**
 * Creates the copy. A webhook serves one scenario, so when the server refuses the copy only because its
 * webhooks are taken by the original, the copy is saved without them (nothing is required to save) and the
 * caller says which modules need a webhook of their own.
 */
async function saveCopy(scenario: Pick<ScenarioDetail, "name" | "description">, blueprint: Blueprint, conflict: StaleSave | null) {
  const body = {
    name: copyName(scenario.name),
    description: scenario.description,
    message: `Copy of “${scenario.name}” with changes to revision ${conflict?.baseRevision} that could not be saved there`,
  };
  try {
    const created = await api<ScenarioDetail>("/scenarios", { method: "POST", body: { ...body, blueprint } });
    return { id: created.id, name: created.name, clearedWebhooks: [] };
  } catch (error) {
    const taken = webhooksTaken(error);
    if (!taken) throw error;
    const freed = {
      ...blueprint,
      modules: blueprint.modules.map((m) => (taken.includes(m.id) ? { ...m, params: Object.fromEntries(Object.entries(m.params).filter(([k]) => k !== "webhook")) } : m)),
    };
    const created = await api<ScenarioDetail>("/scenarios", { method: "POST", body: { ...body, blueprint: freed } });
    return { id: created.id, name: created.name, clearedWebhooks: taken };
  }
}

/** The modules whose webhook is the only reason a save was refused, or null. */
function webhooksTaken(error: unknown): number[] | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const errors = (error.details as { errors?: Array<{ moduleId?: number; code?: string }> } | undefined)?.errors ?? [];
  if (errors.length === 0 || !errors.every((e) => e.code === "webhook-in-use" && typeof e.moduleId === "number")) return null;
  return errors.map((e) => e.moduleId as number);
}
