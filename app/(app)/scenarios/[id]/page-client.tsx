"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ScenarioDetail } from "@/lib/api/views";
import { useCan } from "@/components/shell/actor-context";
import { ApiError, api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { TextAreaField, TextField } from "@/components/ui/field";
import { Alert, Badge, Card, PageHeader, formatDateTime } from "@/components/ui/misc";
import { RevisionHistory } from "@/components/scenarios/revision-history";
import { ExecutionsPanel } from "@/components/executions/executions-panel";
import { ActivationPanel } from "@/components/activation/activation-panel";
import { exportUrl, useScenarioMutations } from "@/components/scenarios/use-scenarios";
import { ReplaceModuleDialog } from "@/components/upgrades/replace-dialog";
import { SwapConnectionDialog } from "@/components/upgrades/swap";
import { UpgradeScenarioButton } from "@/components/upgrades/upgrade-scenario-button";
import { SunsetNotice, VersionCountBadges } from "@/components/upgrades/version-counts";

interface Draft {
  name: string;
  description: string;
  blueprint: string;
  message: string;
}

const toDraft = (s: ScenarioDetail): Draft => ({
  name: s.name,
  description: s.description,
  blueprint: JSON.stringify(s.blueprint, null, 2),
  message: "",
});

export function ScenarioPageClient({ id }: { id: string }) {
  const canEdit = useCan("builder");
  const router = useRouter();
  const qc = useQueryClient();
  const m = useScenarioMutations();
  const scenario = useQuery({ queryKey: ["scenario", id], queryFn: () => api<ScenarioDetail>(`/scenarios/${id}`) });
  const [draft, setDraft] = useState<Draft | null>(null);
  /** The server state the draft started from; its revision is what a save is based on. */
  const [source, setSource] = useState<ScenarioDetail | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [conflict, setConflict] = useState<string | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [changing, setChanging] = useState<"replace" | "swap" | null>(null);

  const adopt = (detail: ScenarioDetail) => {
    setDraft(toDraft(detail));
    setSource(detail);
  };

  // New server state (a restore, a rename from elsewhere) replaces the form only when it holds no edits.
  const [seen, setSeen] = useState<ScenarioDetail | undefined>();
  if (scenario.data && scenario.data !== seen) {
    setSeen(scenario.data);
    if (!draft || !source || !dirty(draft, source)) adopt(scenario.data);
  }

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<ScenarioDetail>(`/scenarios/${id}`, { method: "PUT", body }),
    onSuccess: (detail) => {
      qc.setQueryData(["scenario", id], detail);
      void qc.invalidateQueries({ queryKey: ["revisions", id] });
      void qc.invalidateQueries({ queryKey: ["scenarios"] });
      adopt(detail);
      setSaved(detail.revision);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) setConflict(error.message);
      else if (error instanceof ApiError && error.message.startsWith("Invalid body: name")) setFieldErrors({ name: error.message.replace(/^Invalid body: name: /, "") });
      else setFieldErrors({ blueprint: errorMessage(error) });
    },
  });

  if (scenario.isError) {
    return (
      <div className="space-y-4">
        <Alert>{errorMessage(scenario.error)}</Alert>
        <Link href="/scenarios" className="text-sm text-brand-700 underline">Back to scenarios</Link>
      </div>
    );
  }
  if (!scenario.data || !draft || !source) return <p className="text-sm text-slate-500">Loading…</p>;
  const s = scenario.data;
  const isDirty = dirty(draft, source);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!draft || !source) return;
    setConflict(null);
    setSaved(null);
    const errors: typeof fieldErrors = {};
    if (draft.name.trim() === "") errors.name = "Give the scenario a name.";
    let blueprint: unknown;
    try {
      blueprint = JSON.parse(draft.blueprint);
    } catch (e) {
      errors.blueprint = `The blueprint is not valid JSON: ${errorMessage(e)}`;
    }
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    save.mutate({ baseRevision: source.revision, name: draft.name.trim(), description: draft.description, blueprint, message: draft.message || undefined });
  }

  return (
    <>
      <PageHeader
        title={s.name}
        actions={
          <>
            <Link className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700" href={`/scenarios/${s.id}/edit`}>
              {canEdit ? "Open editor" : "View diagram"}
            </Link>
            <a className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50" href={exportUrl(s.id)} download>
              Export
            </a>
            {canEdit ? (
              <>
                <UpgradeScenarioButton scenarioId={s.id} outdated={s.versions.outdated} unsaved={isDirty} />
                <Button onClick={() => setChanging("replace")}>Replace a module…</Button>
                <Button onClick={() => setChanging("swap")}>Swap connection…</Button>
                <Button onClick={() => m.duplicate.mutate(s.id, { onSuccess: (copy) => router.push(`/scenarios/${copy.id}`) })}>Duplicate</Button>
                <Button variant="danger" onClick={() => setDeleting(true)}>Delete</Button>
              </>
            ) : null}
          </>
        }
      >
        <Link href="/scenarios" className="text-brand-700 hover:underline">Scenarios</Link> · revision{" "}
        <span data-testid="current-revision">{s.revision}</span> · updated {formatDateTime(s.updatedAt)} ·{" "}
        {s.blueprint.modules.length} module{s.blueprint.modules.length === 1 ? "" : "s"} <VersionCountBadges versions={s.versions} />
        {!canEdit ? <> · <Badge>read-only</Badge></> : null}
      </PageHeader>
      <div className="mb-4 empty:hidden"><SunsetNotice versions={s.versions} /></div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card className="p-5">
          <form onSubmit={submit} className="space-y-4" aria-label="Scenario">
            <fieldset disabled={!canEdit} className="space-y-4">
              <TextField label="Name" value={draft.name} maxLength={200} onChange={(e) => setDraft({ ...draft, name: e.target.value })} error={fieldErrors.name} />
              <TextAreaField label="Description" rows={2} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
              <TextAreaField
                label="Blueprint (JSON)"
                rows={18}
                spellCheck={false}
                className="font-mono"
                value={draft.blueprint}
                onChange={(e) => setDraft({ ...draft, blueprint: e.target.value })}
                error={fieldErrors.blueprint}
                hint="The scenario document: modules, links and settings. The visual editor comes later; every save here is a revision."
              />
              {s.warnings.length > 0 ? (
                <Alert kind="info">
                  <ul className="list-disc pl-4">{s.warnings.map((w, i) => <li key={i}>Module {w.moduleId}: {w.message}</li>)}</ul>
                </Alert>
              ) : null}
              {canEdit ? (
                <div className="flex flex-wrap items-end gap-3">
                  <div className="min-w-64 flex-1">
                    <TextField label="Revision message (optional)" value={draft.message} maxLength={500} onChange={(e) => setDraft({ ...draft, message: e.target.value })} />
                  </div>
                  <Button type="submit" variant="primary" disabled={!isDirty || save.isPending}>
                    {save.isPending ? "Saving…" : "Save"}
                  </Button>
                </div>
              ) : null}
            </fieldset>
            {saved !== null && !isDirty ? <Alert kind="success">Saved as revision {saved}.</Alert> : null}
            {conflict ? (
              <Alert>
                <p>{conflict}</p>
                <div className="mt-2 flex gap-2">
                  <Button onClick={() => { setConflict(null); void scenario.refetch().then((r) => { if (r.data) adopt(r.data); }); }}>
                    Reload (discard my changes)
                  </Button>
                  <Button
                    onClick={() => {
                      let blueprint: unknown;
                      try { blueprint = JSON.parse(draft.blueprint); } catch { return; }
                      void api<ScenarioDetail>("/scenarios", { method: "POST", body: { name: `${draft.name} (my copy)`, description: draft.description, blueprint } })
                        .then((copy) => router.push(`/scenarios/${copy.id}`))
                        .catch((e: unknown) => setConflict(errorMessage(e)));
                    }}
                  >
                    Save as a copy
                  </Button>
                </div>
              </Alert>
            ) : null}
          </form>
        </Card>
        <div className="space-y-6">
          <ActivationPanel scenarioId={s.id} timezone={s.blueprint.settings.timezone} canEdit={canEdit} />
          <ExecutionsPanel scenarioId={s.id} canRun={canEdit} active={s.active} />
          <RevisionHistory scenario={s} canEdit={canEdit} />
        </div>
      </div>

      {changing === "replace" ? <ReplaceModuleDialog scenario={s} open onClose={() => setChanging(null)} /> : null}
      {changing === "swap" ? <SwapConnectionDialog scenario={s} open onClose={() => setChanging(null)} /> : null}
      <ConfirmDialog
        open={deleting}
        title="Delete scenario?"
        message={<>“{s.name}” and all its revisions will be deleted. This cannot be undone.</>}
        confirmLabel="Delete"
        danger
        busy={m.remove.isPending}
        error={m.remove.isError ? errorMessage(m.remove.error) : undefined}
        onClose={() => setDeleting(false)}
        onConfirm={() => m.remove.mutate(s.id, { onSuccess: () => router.push("/scenarios") })}
      />
    </>
  );
}

function dirty(draft: Draft, s: ScenarioDetail): boolean {
  if (draft.name !== s.name || draft.description !== s.description) return true;
  try {
    return JSON.stringify(JSON.parse(draft.blueprint)) !== JSON.stringify(s.blueprint);
  } catch {
    return true;
  }
}
