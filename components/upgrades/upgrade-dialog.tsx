"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { ScenarioDetail } from "@/lib/api/views";
import type { ModuleUpgrade, UpgradeTargets } from "@/lib/versioning/types";
import { ApiError, api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/misc";
import { ConnectionPicker } from "./connection-picker";
import { useConnections, useRefreshScenario, useUpgradePlan, type RunDetail, type ScenarioPlan } from "./hooks";
import { ChangeLists, FieldDiff, RewrittenReferences, VersionStep } from "./plan-view";
import { RequestPreview } from "./request-preview";

interface Applied {
  scenario: ScenarioDetail;
  plan: ScenarioPlan;
  runId: string | null;
}

/**
 * The upgrade dialog: the plan for one module, a few, or the whole scenario ("all"), with every field
 * before and after, what was done automatically, the references rewritten downstream, what needs
 * attention, a connection picker where the old connection no longer fits, and a request preview. Apply
 * writes one revision; Revert undoes it in one click.
 */
export function UpgradeDialog({
  scenarioId,
  moduleIds,
  open,
  onClose,
  onApplied,
  unsaved = false,
}: {
  scenarioId: string;
  moduleIds: number[] | "all";
  open: boolean;
  onClose: () => void;
  onApplied?: (scenario: ScenarioDetail) => void;
  /** The editor holds unsaved changes: an upgrade works on the saved revision, so it waits. */
  unsaved?: boolean;
}) {
  const targets: UpgradeTargets = moduleIds;
  const title = moduleIds === "all" ? "Upgrade the whole scenario" : moduleIds.length === 1 ? `Upgrade module ${moduleIds[0]}` : `Upgrade ${moduleIds.length} modules`;
  return (
    <Dialog open={open} title={title} onClose={onClose} wide>
      {open ? <DialogBody key={String(targets)} scenarioId={scenarioId} targets={targets} onClose={onClose} onApplied={onApplied} unsaved={unsaved} /> : null}
    </Dialog>
  );
}

function DialogBody({ scenarioId, targets, onClose, onApplied, unsaved }: { scenarioId: string; targets: UpgradeTargets; onClose: () => void; onApplied?: (scenario: ScenarioDetail) => void; unsaved: boolean }) {
  const plan = useUpgradePlan(scenarioId, targets, true);
  const connections = useConnections(true);
  const scenario = useQuery({ queryKey: ["scenario", scenarioId], queryFn: () => api<ScenarioDetail>(`/scenarios/${scenarioId}`) });
  const refresh = useRefreshScenario();
  const [picked, setPicked] = useState<Record<number, string>>({});
  const [previewing, setPreviewing] = useState<Record<number, boolean>>({});
  const [applied, setApplied] = useState<Applied | null>(null);
  const [reverted, setReverted] = useState<RunDetail | null>(null);

  const apply = useMutation({
    mutationFn: (p: ScenarioPlan) =>
      api<Applied>(`/scenarios/${scenarioId}/upgrade`, {
        method: "POST",
        body: { targets, baseRevision: p.baseRevision, connections: Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== "")) },
      }),
    onSuccess: (result) => {
      setApplied(result);
      refresh(scenarioId, result.scenario);
      onApplied?.(result.scenario);
    },
  });
  const revert = useMutation({
    mutationFn: (runId: string) => api<RunDetail>(`/upgrades/${runId}/revert`, { method: "POST" }),
    onSuccess: (run) => {
      setReverted(run);
      refresh(scenarioId);
      void api<ScenarioDetail>(`/scenarios/${scenarioId}`).then((detail) => onApplied?.(detail));
    },
  });

  const titleOf = (moduleId: number) => scenario.data?.blueprint.modules.find((m) => m.id === moduleId)?.module ?? "";

  if (applied) {
    const entry = reverted?.revert?.[0];
    return (
      <div className="space-y-3" data-testid="upgrade-result">
        {applied.runId === null ? (
          <Alert kind="info">Nothing to upgrade: these modules are on their latest versions.</Alert>
        ) : (
          <Alert kind="success">
            Upgraded: revision {applied.scenario.revision} — “{applied.scenario.name}”.{" "}
            {applied.plan.modules.map((m) => `${m.title} v${m.before.version} → v${m.after.version}`).join(", ")}.
          </Alert>
        )}
        {applied.plan.modules.some((m) => m.attentionFields.length > 0) && !entry ? (
          <p className="text-sm text-slate-700">The fields that need your attention are highlighted in the editor&apos;s inspector until you edit them.</p>
        ) : null}
        {entry ? (
          entry.outcome === "reverted" ? (
            <Alert kind="success">Reverted: revision {entry.revision} brings back revision {applied.plan.baseRevision}.</Alert>
          ) : (
            <Alert>{entry.reason ?? "Not reverted."}</Alert>
          )
        ) : null}
        {revert.isError ? <Alert>{errorMessage(revert.error)}</Alert> : null}
        <div className="flex justify-end gap-2">
          {applied.runId && !entry ? (
            <Button onClick={() => revert.mutate(applied.runId!)} disabled={revert.isPending}>
              {revert.isPending ? "Reverting…" : "Revert"}
            </Button>
          ) : null}
          <Button variant="primary" onClick={onClose} autoFocus>
            Close
          </Button>
        </div>
      </div>
    );
  }

  if (plan.isPending) return <p className="text-sm text-slate-500">Planning…</p>;
  if (plan.isError) return <Alert>{errorMessage(plan.error)}</Alert>;
  const p = plan.data;
  const stale = apply.error instanceof ApiError && apply.error.status === 409;

  return (
    <div className="max-h-[75vh] space-y-4 overflow-auto pr-1" data-testid="upgrade-plan">
      <p className="text-sm text-slate-600">
        Plan for revision {p.baseRevision}. Applying writes one new revision; Revert brings this one back.
      </p>
      {p.modules.length === 0 && p.kept.length === 0 ? <Alert kind="info">Everything is up to date.</Alert> : null}
      {p.kept.length > 0 ? (
        <Alert kind="info">
          <p className="font-medium">Kept as they are:</p>
          <ul className="list-disc pl-4">{p.kept.map((k) => <li key={k.moduleId}>Module {k.moduleId}{k.module ? ` (${k.module} v${k.version})` : ""}: {k.reason}</li>)}</ul>
        </Alert>
      ) : null}
      {p.errors.length > 0 ? (
        <Alert>
          <p className="font-medium">The upgrade would make the scenario invalid:</p>
          <ul className="list-disc pl-4">{p.errors.map((e, i) => <li key={i}>Module {e.moduleId}: {e.message}</li>)}</ul>
        </Alert>
      ) : null}
      {p.warnings.length > 0 ? (
        <Alert kind="info">
          <p className="font-medium">New warnings after the upgrade:</p>
          <ul className="list-disc pl-4">{p.warnings.map((w, i) => <li key={i}>Module {w.moduleId}{w.fieldPath ? `, ${w.fieldPath}` : ""}: {w.message}</li>)}</ul>
        </Alert>
      ) : null}
      {p.modules.map((m) => (
        <ModuleSection
          key={m.moduleId}
          scenarioId={scenarioId}
          m={m}
          titleOf={titleOf}
          connections={connections.data?.items}
          picked={picked[m.moduleId] ?? ""}
          onPick={(id) => setPicked({ ...picked, [m.moduleId]: id })}
          previewing={previewing[m.moduleId] ?? false}
          onPreview={() => setPreviewing({ ...previewing, [m.moduleId]: !previewing[m.moduleId] })}
        />
      ))}
      {unsaved ? <Alert kind="info">Save or discard your changes in the editor first: an upgrade is a new revision of the saved scenario.</Alert> : null}
      {apply.isError ? (
        <Alert>
          <p>{errorMessage(apply.error)}</p>
          {stale ? (
            <Button className="mt-2" onClick={() => { apply.reset(); void plan.refetch(); }}>
              Plan again
            </Button>
          ) : null}
        </Alert>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="primary" disabled={!p.applicable || p.modules.length === 0 || apply.isPending || unsaved} onClick={() => apply.mutate(p)}>
          {apply.isPending ? "Applying…" : p.modules.length === 1 ? "Apply upgrade" : `Apply ${p.modules.length} upgrades`}
        </Button>
      </div>
    </div>
  );
}

function ModuleSection(props: {
  scenarioId: string;
  m: ModuleUpgrade;
  titleOf: (moduleId: number) => string;
  connections: Parameters<typeof ConnectionPicker>[0]["connections"];
  picked: string;
  onPick: (id: string) => void;
  previewing: boolean;
  onPreview: () => void;
}) {
  const { m } = props;
  const needsPick = m.connectionType !== null && m.after.connection === null;
  const headingId = `upgrade-module-${m.moduleId}`;
  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-lg border border-slate-200 p-3" data-testid={`upgrade-module-${m.moduleId}`}>
      <h3 id={headingId} className="flex flex-wrap items-center gap-2 text-sm font-semibold">
        Module {m.moduleId} · {m.title} <VersionStep from={m.before.version} to={m.after.version} />
      </h3>
      <FieldDiff m={m} connectionName={(id) => props.connections?.find((c) => c.id === id)?.name ?? id} />
      <ChangeLists automatic={m.automatic} attention={m.attention} />
      <RewrittenReferences refs={m.rewrittenReferences} titleOf={props.titleOf} />
      {needsPick ? <ConnectionPicker declared={m.connectionType!} connections={props.connections} value={props.picked} onChange={props.onPick} label={`Connection for v${m.after.version}`} /> : null}
      <div>
        <Button variant="ghost" aria-expanded={props.previewing} onClick={props.onPreview}>
          {props.previewing ? "Hide request preview" : "Preview the request"}
        </Button>
        {props.previewing ? <RequestPreview scenarioId={props.scenarioId} moduleId={m.moduleId} connection={props.picked || m.after.connection} /> : null}
      </div>
    </section>
  );
}
