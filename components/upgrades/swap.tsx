"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { ScenarioDetail } from "@/lib/api/views";
import type { ConnectionSwap } from "@/lib/versioning/swap";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert, Card } from "@/components/ui/misc";
import { useConnections, useRefreshScenario, type ConnectionChoice, type RunDetail } from "./hooks";

const select = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";

/** App and connection, the two choices of a swap; the connection list narrows to the chosen app. */
function SwapFields({ apps, connections, app, connectionId, onApp, onConnection }: { apps: string[]; connections: ConnectionChoice[]; app: string; connectionId: string; onApp: (a: string) => void; onConnection: (c: string) => void }) {
  const appId = useId();
  const connId = useId();
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <div className="space-y-1">
        <label htmlFor={appId} className="block text-xs font-medium text-slate-700">App</label>
        <select id={appId} className={select} value={app} onChange={(e) => { onApp(e.target.value); onConnection(""); }}>
          <option value="">— choose —</option>
          {apps.map((a) => <option key={a} value={a}>{a}</option>)}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor={connId} className="block text-xs font-medium text-slate-700">Connection</label>
        <select id={connId} className={select} value={connectionId} disabled={app === ""} onChange={(e) => onConnection(e.target.value)}>
          <option value="">— choose —</option>
          {connections.filter((c) => c.app === app || c.type?.startsWith(`${app}@`)).map((c) => <option key={c.id} value={c.id}>{c.name} ({c.type})</option>)}
        </select>
      </div>
    </div>
  );
}

const appsOf = (connections: ConnectionChoice[]) => [...new Set(connections.map((c) => c.app ?? c.type?.split("@")[0]).filter((a): a is string => Boolean(a)))].sort();

/** Swap connection in one scenario: every module of the app that accepts the connection gets it; Revert undoes it. */
export function SwapConnectionDialog({ scenario, open, onClose }: { scenario: ScenarioDetail; open: boolean; onClose: () => void }) {
  const connections = useConnections(open);
  const refresh = useRefreshScenario();
  const [app, setApp] = useState("");
  const [connectionId, setConnectionId] = useState("");
  const [result, setResult] = useState<{ swap: ConnectionSwap; runId: string; scenario: ScenarioDetail } | null>(null);
  const [reverted, setReverted] = useState<RunDetail | null>(null);
  const used = new Set(scenario.blueprint.modules.map((m) => m.module.split(":")[0]));
  const apps = appsOf(connections.data?.items ?? []).filter((a) => used.has(a));
  const swap = useMutation({
    mutationFn: () => api<{ swap: ConnectionSwap; runId: string; scenario: ScenarioDetail }>(`/scenarios/${scenario.id}/swap-connection`, { method: "POST", body: { app, connectionId, baseRevision: scenario.revision } }),
    onSuccess: (r) => {
      setResult(r);
      refresh(scenario.id, r.scenario);
    },
  });
  const revert = useMutation({
    mutationFn: (runId: string) => api<RunDetail>(`/upgrades/${runId}/revert`, { method: "POST" }),
    onSuccess: (r) => {
      setReverted(r);
      refresh(scenario.id);
    },
  });
  return (
    <Dialog open={open} title="Swap connection" onClose={onClose}>
      {result ? (
        <div className="space-y-3">
          <Alert kind="success">
            Revision {result.scenario.revision}: {result.swap.swapped.length} module{result.swap.swapped.length === 1 ? "" : "s"} now use{result.swap.swapped.length === 1 ? "s" : ""} the connection.
          </Alert>
          {result.swap.skipped.length > 0 ? (
            <Alert kind="info"><ul className="list-disc pl-4">{result.swap.skipped.map((s) => <li key={s.moduleId}>Module {s.moduleId}: {s.reason}</li>)}</ul></Alert>
          ) : null}
          {reverted?.revert?.[0] ? <Alert kind={reverted.revert[0].outcome === "reverted" ? "success" : "error"}>{reverted.revert[0].outcome === "reverted" ? `Reverted (revision ${reverted.revert[0].revision}).` : reverted.revert[0].reason}</Alert> : null}
          <div className="flex justify-end gap-2">
            {!reverted ? <Button onClick={() => revert.mutate(result.runId)} disabled={revert.isPending}>Revert</Button> : null}
            <Button variant="primary" onClick={onClose}>Close</Button>
          </div>
        </div>
      ) : (
        <div className="space-y-3">
          <p className="text-sm text-slate-600">Every module of the app that can use the connection gets it, as one new revision.</p>
          <SwapFields apps={apps} connections={connections.data?.items ?? []} app={app} connectionId={connectionId} onApp={setApp} onConnection={setConnectionId} />
          {swap.isError ? <Alert>{errorMessage(swap.error)}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button onClick={onClose}>Cancel</Button>
            <Button variant="primary" disabled={!app || !connectionId || swap.isPending} onClick={() => swap.mutate()}>Swap</Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

/** Admins, in the upgrade center: the same swap in every selected scenario, as one revertible run. */
export function SwapAcrossScenarios({ scenarioIds, onDone }: { scenarioIds: string[]; onDone: (run: RunDetail) => void }) {
  const connections = useConnections(true);
  const [app, setApp] = useState("");
  const [connectionId, setConnectionId] = useState("");
  const swap = useMutation({
    mutationFn: () => api<RunDetail>("/upgrades/swap-connection", { method: "POST", body: { app, connectionId, scenarios: scenarioIds.map((scenarioId) => ({ scenarioId })) } }),
    onSuccess: onDone,
  });
  return (
    <Card className="space-y-3 p-4">
      <h2 className="text-base font-semibold">Swap connection in the selected scenarios</h2>
      <p className="text-sm text-slate-600">Gives one connection to every module of an app in each selected scenario; the run can be reverted as a whole.</p>
      <SwapFields apps={appsOf(connections.data?.items ?? [])} connections={connections.data?.items ?? []} app={app} connectionId={connectionId} onApp={setApp} onConnection={setConnectionId} />
      {swap.isError ? <Alert>{errorMessage(swap.error)}</Alert> : null}
      <Button disabled={!app || !connectionId || scenarioIds.length === 0 || swap.isPending} onClick={() => swap.mutate()}>
        Swap in {scenarioIds.length} selected scenario{scenarioIds.length === 1 ? "" : "s"}
      </Button>
    </Card>
  );
}
