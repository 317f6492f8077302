"use client";

import { useQuery } from "@tanstack/react-query";
import { Fragment } from "react";
import { FieldAttention } from "@/components/upgrades/field-attention";
import type { LogEntry } from "@/lib/engine/types";
import { api } from "@/components/ui/api";
import { useCan } from "@/components/shell/actor-context";
import { Button } from "@/components/ui/button";
import { Alert, Badge } from "@/components/ui/misc";
import { JsonView } from "@/components/executions/json-view";
import { useModuleDescription } from "./catalog";
import { FieldInput, fetchOptions } from "./field-input";
import { useEditor } from "./store";

const directives = ["ignore", "resume", "break", "rollback", "commit"] as const;

/** The selected module's form, drawn from its field spec, plus what it did in the run being shown. */
export function Inspector({ readOnly, log, problems }: { readOnly: boolean; log: LogEntry[]; problems: Array<{ moduleId?: number; message: string; fieldPath?: string }> }) {
  const selected = useEditor((s) => s.selected);
  const mod = useEditor((s) => s.blueprint.modules.find((m) => m.id === s.selected));
  const scenarioId = useEditor((s) => s.scenarioId);
  const { updateModule, removeModule } = useEditor.getState();
  const isAdmin = useCan("admin");
  const description = useModuleDescription(mod?.module, mod?.version);
  const connectionType = description.data?.connection ?? null;
  const connections = useQuery({
    queryKey: ["connections"],
    queryFn: () => api<{ items: Array<{ id: string; name: string; type?: string; status?: string }> }>("/connections"),
    enabled: connectionType !== null,
  });
  if (selected === null || !mod) {
    return <p className="p-4 text-sm text-slate-500">Select a module to configure it, or add one from the palette.</p>;
  }
  const def = description.data;
  const accepted = connectionType?.split("|") ?? [];
  const usable = (connections.data?.items ?? []).filter((c) => !c.type || accepted.includes(c.type));
  const entries = log.filter((e) => e.moduleId === mod.id);
  const own = problems.filter((p) => p.moduleId === mod.id);

  return (
    <div className="space-y-4 p-4 text-sm" data-testid="inspector">
      <div>
        <p className="text-base font-semibold">{def?.title ?? mod.module}</p>
        <p className="text-xs text-slate-500">
          #{mod.id} · {mod.module} · v{mod.version} {def?.deprecated ? <Badge tone="amber">deprecated</Badge> : null}
        </p>
        {def?.description ? <p className="mt-1 text-xs text-slate-600">{def.description}</p> : null}
      </div>
      {own.map((p, i) => <Alert key={i} kind="info">{p.fieldPath ? `${p.fieldPath}: ` : ""}{p.message}</Alert>)}
      <fieldset disabled={readOnly} className="space-y-3">
        {connectionType ? (
          <div className="space-y-1">
            <FieldAttention scenarioId={scenarioId} step={mod} fieldPath="connection" />
            <label htmlFor="connection-picker" className="block text-xs font-medium text-slate-700">Connection <span className="text-red-600">*</span></label>
            <select
              id="connection-picker"
              className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
              value={mod.connection ?? ""}
              onChange={(e) => updateModule(mod.id, { connection: e.target.value || null })}
            >
              <option value="">— choose a {connectionType} connection —</option>
              {usable.map((c) => <option key={c.id} value={c.id}>{c.name}{c.status ? ` (${c.status})` : ""}</option>)}
            </select>
            {usable.length === 0 && connections.isSuccess ? (
              isAdmin ? (
                <p className="text-[11px] text-slate-600">
                  No {connectionType} connection yet.{" "}
                  {accepted.map((t) => (
                    <a key={t} className="mr-2 font-medium text-brand-700 underline" href={`/connections?create=${encodeURIComponent(t)}`} target="_blank" rel="noreferrer">
                      Add a {t} connection
                    </a>
                  ))}
                </p>
              ) : (
                <p className="text-[11px] text-slate-500">No {connectionType} connection is shared with you; ask an admin to add one under Connections.</p>
              )
            ) : null}
            {usable.some((c) => c.id === mod.connection && c.status === "needs_reauthorization") && isAdmin ? (
              <a className="text-[11px] font-medium text-brand-700 underline" href="/connections" target="_blank" rel="noreferrer">This connection needs re-authorization</a>
            ) : null}
          </div>
        ) : null}
        {def?.fields.map((field) => {
          const mappable = !field.static;
          const source = mappable ? mod.mapper : mod.params;
          return (
            <Fragment key={`${mod.id}:${field.name}`}>
            <FieldAttention scenarioId={scenarioId} step={mod} fieldPath={`${mappable ? "mapper" : "params"}.${field.name}`} />
            <FieldInput
              field={field}
              mappable={mappable}
              value={source[field.name]}
              onChange={(value) => {
                const next = { ...source };
                if (value === undefined) delete next[field.name];
                else next[field.name] = value;
                updateModule(mod.id, mappable ? { mapper: next } : { params: next });
              }}
              loadOptions={(name) => fetchOptions(mod.module, mod.version, name, mod.connection, mod.params)}
            />
            </Fragment>
          );
        })}
        <div className="space-y-1">
          <label htmlFor="error-handler" className="block text-xs font-medium text-slate-700">When this module fails</label>
          <select
            id="error-handler"
            className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
            value={mod.onError?.directive ?? ""}
            onChange={(e) => {
              const directive = directives.find((d) => d === e.target.value);
              updateModule(mod.id, { onError: directive ? { directive } : null });
            }}
          >
            <option value="">Stop the run (error)</option>
            <option value="ignore">Ignore: drop the bundle, run ends as a warning</option>
            <option value="resume">Resume: substitute an output</option>
            <option value="break">Break: store an incomplete execution to retry</option>
            <option value="rollback">Rollback: stop and undo</option>
            <option value="commit">Commit: stop and keep</option>
          </select>
        </div>
        {!readOnly ? <Button variant="danger" onClick={() => removeModule(mod.id)}>Delete module</Button> : null}
      </fieldset>
      {entries.length > 0 ? (
        <div className="space-y-2" data-testid="module-operations">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Last run: {entries.length} operation{entries.length === 1 ? "" : "s"}</p>
          {entries.map((e, i) => (
            <div key={i} className="space-y-1 rounded border border-slate-200 p-2">
              <p className="text-xs text-slate-500">Operation {e.bundleIndex} · {e.status}</p>
              <JsonView label="Input" value={e.input} />
              {e.error ? <Alert>{e.error.message}</Alert> : <JsonView label="Output" value={e.output} />}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
