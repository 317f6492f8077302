"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { ScenarioDetail } from "@/lib/api/views";
import type { ReplacementPlan } from "@/lib/versioning/replace";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/misc";
import { ConnectionPicker } from "./connection-picker";
import { useConnections, useRefreshScenario } from "./hooks";
import { RewrittenReferences } from "./plan-view";

type Plan = ReplacementPlan & { baseRevision: number };
interface Catalog {
  apps: Array<{ name: string; title: string; modules: Array<{ key: string; title: string; latestVersion: number; versions: Array<{ version: number }> }> }>;
}

const select = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";

/**
 * "Choose new": another module takes a module's place when no migration exists. The plan shows what is
 * carried over by name, the references re-pointed to the new module, and what cannot be carried.
 */
export function ReplaceModuleDialog({ scenario, open, onClose }: { scenario: ScenarioDetail; open: boolean; onClose: () => void }) {
  const catalog = useQuery({ queryKey: ["modules"], queryFn: () => api<Catalog>("/modules"), staleTime: Infinity, enabled: open });
  const connections = useConnections(open);
  const refresh = useRefreshScenario();
  const ids = { module: useId(), replacement: useId() };
  const [moduleId, setModuleId] = useState<number | null>(null);
  const [replacement, setReplacement] = useState("");
  const [connection, setConnection] = useState("");
  const [done, setDone] = useState<{ scenario: ScenarioDetail; plan: Plan } | null>(null);
  const [key, version] = replacement ? [replacement.split("@")[0], Number(replacement.split("@")[1])] : ["", 0];

  const plan = useMutation({ mutationFn: () => api<Plan>(`/scenarios/${scenario.id}/replace-plan`, { method: "POST", body: { moduleId, module: key, version } }) });
  const apply = useMutation({
    mutationFn: (p: Plan) => api<{ scenario: ScenarioDetail; plan: Plan }>(`/scenarios/${scenario.id}/replace`, { method: "POST", body: { moduleId, module: key, version, baseRevision: p.baseRevision, ...(connection ? { connection } : {}) } }),
    onSuccess: (r) => {
      setDone(r);
      refresh(scenario.id, r.scenario);
    },
  });
  const undo = useMutation({
    mutationFn: (d: { scenario: ScenarioDetail; plan: Plan }) => api<ScenarioDetail>(`/scenarios/${scenario.id}/revisions/${d.plan.baseRevision}/restore`, { method: "POST", body: { baseRevision: d.scenario.revision } }),
    onSuccess: (detail) => refresh(scenario.id, detail),
  });

  const p = plan.data;
  const titleOf = (id: number) => scenario.blueprint.modules.find((m) => m.id === id)?.module ?? "";
  return (
    <Dialog open={open} title="Replace a module" onClose={onClose} wide>
      {done ? (
        <div className="space-y-3">
          <Alert kind="success">Revision {done.scenario.revision}: module {done.plan.moduleId} is now module {done.plan.newModuleId} ({done.plan.after.title} v{done.plan.after.version}).</Alert>
          {undo.isSuccess ? <Alert kind="success">Reverted: revision {undo.data.revision} brings back revision {done.plan.baseRevision}.</Alert> : null}
          {undo.isError ? <Alert>{errorMessage(undo.error)}</Alert> : null}
          <div className="flex justify-end gap-2">
            {!undo.isSuccess ? <Button onClick={() => undo.mutate(done)} disabled={undo.isPending}>Revert</Button> : null}
            <Button variant="primary" onClick={onClose}>Close</Button>
          </div>
        </div>
      ) : (
        <div className="max-h-[75vh] space-y-3 overflow-auto pr-1">
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="space-y-1">
              <label htmlFor={ids.module} className="block text-xs font-medium text-slate-700">Module to replace</label>
              <select id={ids.module} className={select} value={moduleId ?? ""} onChange={(e) => { setModuleId(e.target.value ? Number(e.target.value) : null); plan.reset(); }}>
                <option value="">— choose —</option>
                {scenario.blueprint.modules.map((m) => <option key={m.id} value={m.id}>#{m.id} {m.module} v{m.version}</option>)}
              </select>
            </div>
            <div className="space-y-1">
              <label htmlFor={ids.replacement} className="block text-xs font-medium text-slate-700">Replace with</label>
              <select id={ids.replacement} className={select} value={replacement} onChange={(e) => { setReplacement(e.target.value); plan.reset(); }}>
                <option value="">— choose —</option>
                {catalog.data?.apps.map((app) => (
                  <optgroup key={app.name} label={app.title}>
                    {app.modules.flatMap((m) => m.versions.map((v) => <option key={`${m.key}@${v.version}`} value={`${m.key}@${v.version}`}>{m.title} v{v.version}{v.version === m.latestVersion ? "" : " (old)"}</option>))}
                  </optgroup>
                ))}
              </select>
            </div>
          </div>
          <Button disabled={moduleId === null || !replacement || plan.isPending} onClick={() => plan.mutate()}>Plan the replacement</Button>
          {plan.isError ? <Alert>{errorMessage(plan.error)}</Alert> : null}
          {p ? (
            <div className="space-y-3" data-testid="replace-plan">
              <p className="text-sm">
                Module {p.moduleId} ({p.before.title} v{p.before.version}) becomes module {p.newModuleId} ({p.after.title} v{p.after.version}); its links and error handler stay.
              </p>
              <p className="text-xs text-slate-700">Carried over: {p.copied.length > 0 ? p.copied.join(", ") : "nothing"}.</p>
              {p.notCarried.length > 0 ? (
                <Alert kind="info">
                  <p className="font-medium">Could not be carried:</p>
                  <ul className="list-disc pl-4">{p.notCarried.map((n) => <li key={n.fieldPath}><span className="font-mono">{n.fieldPath}</span>: {n.reason}</li>)}</ul>
                </Alert>
              ) : null}
              <RewrittenReferences refs={p.rewrittenReferences} titleOf={titleOf} />
              {p.warnings.length > 0 ? (
                <Alert kind="info">
                  <p className="font-medium">To check after the replacement:</p>
                  <ul className="list-disc pl-4">{p.warnings.map((w, i) => <li key={i}>Module {w.moduleId}{w.fieldPath ? `, ${w.fieldPath}` : ""}: {w.message}</li>)}</ul>
                </Alert>
              ) : null}
              {p.errors.length > 0 ? <Alert><ul className="list-disc pl-4">{p.errors.map((e, i) => <li key={i}>Module {e.moduleId}: {e.message}</li>)}</ul></Alert> : null}
              {p.connectionType && p.after.connection === null ? <ConnectionPicker declared={p.connectionType} connections={connections.data?.items} value={connection} onChange={setConnection} label="Connection for the new module" /> : null}
              {apply.isError ? <Alert>{errorMessage(apply.error)}</Alert> : null}
              <div className="flex justify-end gap-2">
                <Button onClick={onClose}>Cancel</Button>
                <Button variant="primary" disabled={!p.applicable || apply.isPending} onClick={() => apply.mutate(p)}>Replace</Button>
              </div>
            </div>
          ) : null}
        </div>
      )}
    </Dialog>
  );
}
