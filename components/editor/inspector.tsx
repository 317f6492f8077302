"use client";

import { useQuery } from "@tanstack/react-query";
import { Fragment, useId } from "react";
import { AddConnection } from "@/components/connections/add-connection";
import { FieldAttention } from "@/components/upgrades/field-attention";
import { api } from "@/components/ui/api";
import { useCan } from "@/components/shell/actor-context";
import { Button } from "@/components/ui/button";
import { Alert, Badge } from "@/components/ui/misc";
import type { FieldSpec } from "@/lib/modules/field-spec";
import type { BlueprintModule } from "@/lib/scenario/blueprint";
import { useModuleDescription } from "./catalog";
import { FieldInput, fetchOptions, type FieldProblem } from "./field-input";
import { LinkInspector } from "./link-inspector";
import { GeneratedFieldsState, useGeneratedFields } from "./generated-fields";
import { LinkTo } from "./link-to";
import { MappableInput } from "./mappable-input";
import { Operations } from "./operations";
import { useEditor } from "./store";

export interface Problem {
  moduleId?: number;
  message: string;
  fieldPath?: string;
  severity: "error" | "warning";
}

const directives = ["ignore", "resume", "break", "rollback", "commit"] as const;

/** The selected module's form (or the selected link's filter), plus what it did in the run being shown. */
export function Inspector({ readOnly, problems }: { readOnly: boolean; problems: Problem[] }) {
  const selected = useEditor((s) => s.selected);
  const selectedLink = useEditor((s) => s.selectedLink);
  const mod = useEditor((s) => s.blueprint.modules.find((m) => m.id === s.selected));
  if (selectedLink) {
    const own = problems.filter((p) => p.moduleId === selectedLink.to && p.fieldPath?.startsWith("filter")).map((p) => p.message);
    return <LinkInspector link={selectedLink} readOnly={readOnly} problems={own} />;
  }
  if (selected === null || !mod) {
    return <p className="p-4 text-sm text-slate-500">Select a module to configure it, or a link&apos;s middle button to filter it. Add modules from the palette.</p>;
  }
  return <ModuleInspector key={mod.id} mod={mod} readOnly={readOnly} problems={problems.filter((p) => p.moduleId === mod.id)} />;
}

function ModuleInspector({ mod, readOnly, problems }: { mod: BlueprintModule; readOnly: boolean; problems: Problem[] }) {
  const { updateModule, removeModules, setNote } = useEditor.getState();
  const isAdmin = useCan("admin");
  const description = useModuleDescription(mod.module, mod.version);
  const connectionType = description.data?.connection ?? null;
  const connections = useQuery({
    queryKey: ["connections"],
    queryFn: () => api<{ items: Array<{ id: string; name: string; type?: string; status?: string }> }>("/connections"),
    enabled: connectionType !== null,
  });
  const noteId = useId();
  const scenarioId = useEditor((s) => s.scenarioId);
  const def = description.data;
  const accepted = connectionType?.split("|") ?? [];
  const usable = (connections.data?.items ?? []).filter((c) => !c.type || accepted.includes(c.type));
  const generated = useGeneratedFields(mod, def?.dynamicFields?.dependsOn ?? null);
  const renderField = (field: FieldSpec) => {
    const mappable = !field.static;
    const source = mappable ? mod.mapper : mod.params;
    return (
      <Fragment key={`${mod.id}:${field.name}`}>
        <FieldAttention scenarioId={scenarioId} step={mod} fieldPath={`${mappable ? "mapper" : "params"}.${field.name}`} />
        <FieldInput
          field={field}
          mappable={mappable}
          moduleId={mod.id}
          value={source[field.name]}
          problems={fieldProblems(field.name)}
          onChange={(value) => {
            const current = useEditor.getState().blueprint.modules.find((m) => m.id === mod.id);
            const base = (mappable ? current?.mapper : current?.params) ?? {};
            const next = { ...base };
            if (value === undefined) delete next[field.name];
            else next[field.name] = value;
            updateModule(mod.id, mappable ? { mapper: next } : { params: next });
          }}
          options={{ key: [mod.module, mod.version, mod.connection ?? null, JSON.stringify(mod.params)], load: (name) => fetchOptions(mod.module, mod.version, name, mod.connection, mod.params) }}
        />
      </Fragment>
    );
  };
  const fieldProblems = (name: string): FieldProblem[] => problems.filter((p) => fieldOf(p.fieldPath) === name).map((p) => ({ severity: p.severity, message: p.message }));
  const general = problems.filter((p) => ![...(def?.fields ?? []), ...(generated.data ?? [])].some((f) => f.name === fieldOf(p.fieldPath)));

  return (
    <div className="space-y-4 p-4 text-sm" data-testid="inspector">
      <div>
        <p className="text-base font-semibold">{def?.title ?? mod.module}</p>
        <p className="text-xs text-slate-500">
          #{mod.id} · {mod.module} · v{mod.version} {def?.deprecated ? <Badge tone="amber">deprecated</Badge> : null}
        </p>
        {def?.description ? <p className="mt-1 text-xs text-slate-600">{def.description}</p> : null}
      </div>
      {general.map((p, i) => (
        <Alert key={i} kind={p.severity === "error" ? "error" : "info"}>
          {p.fieldPath ? `${p.fieldPath}: ` : ""}
          {p.message}
        </Alert>
      ))}
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
            {isAdmin ? (
              <AddConnection
                accepted={accepted}
                label={usable.length === 0 && connections.isSuccess ? `Add a ${accepted.join(" or ")} connection` : "New connection"}
                onCreated={(c) => updateModule(mod.id, { connection: c.id })}
              />
            ) : usable.length === 0 && connections.isSuccess ? (
              <p className="text-[11px] text-slate-500">No {connectionType} connection is shared with you; ask an admin to add one under Connections.</p>
            ) : null}
            {usable.some((c) => c.id === mod.connection && c.status === "needs_reauthorization") && isAdmin ? (
              <a className="text-[11px] font-medium text-brand-700 underline" href="/connections" target="_blank" rel="noreferrer">This connection needs re-authorization</a>
            ) : null}
          </div>
        ) : null}
        {def?.fields.map(renderField)}
        {def?.dynamicFields ? <GeneratedFieldsState query={generated} dependsOn={def.dynamicFields.dependsOn} labels={def.fields} params={mod.params} /> : null}
        {generated.data?.map(renderField)}
        <ErrorHandler mod={mod} kind={def?.kind} />
        <div className="space-y-1">
          <label htmlFor={noteId} className="block text-xs font-medium text-slate-700">Note</label>
          <textarea
            id={noteId}
            rows={2}
            className="block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
            placeholder="Why this module is here, what to watch out for…"
            defaultValue={mod.ui?.note ?? ""}
            onBlur={(e) => e.target.value !== (mod.ui?.note ?? "") && setNote(mod.id, e.target.value)}
          />
        </div>
        {!readOnly ? <LinkTo moduleId={mod.id} /> : null}
        {!readOnly ? <Button variant="danger" onClick={() => removeModules([mod.id])}>Delete module</Button> : null}
      </fieldset>
      <Operations moduleId={mod.id} />
    </div>
  );
}

function ErrorHandler({ mod, kind }: { mod: BlueprintModule; kind: string | undefined }) {
  const { updateModule } = useEditor.getState();
  const outputId = useId();
  if (kind === "trigger") return <p className="text-[11px] text-slate-500">Triggers have no error handler: there is no bundle yet to retry or drop.</p>;
  const handler = mod.onError;
  const output = handler?.directive === "resume" ? handler.output : undefined;
  return (
    <div className="space-y-1 rounded-md border border-slate-200 p-2">
      <label htmlFor="error-handler" className="block text-xs font-medium text-slate-700">When this module fails</label>
      <select
        id="error-handler"
        className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        value={handler?.directive ?? ""}
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
      {handler?.directive === "resume" ? (
        <div className="space-y-1">
          <label htmlFor={outputId} className="block text-[11px] text-slate-600">Substitute output (JSON, mappable)</label>
          <MappableInput
            id={outputId}
            multiline
            value={output === undefined ? "" : typeof output === "string" ? output : JSON.stringify(output, null, 2)}
            onChange={(raw) => {
              let parsed: unknown = raw;
              try {
                parsed = JSON.parse(raw);
              } catch {
                // Kept as a template: one {{…}} expression producing a collection.
              }
              updateModule(mod.id, { onError: { ...handler, output: parsed } });
            }}
            mapping={{ label: "Substitute output", upstreamOf: mod.id }}
            placeholder='{"status": "skipped"}'
          />
        </div>
      ) : null}
      {handler?.directive === "break" ? <p className="text-[11px] text-slate-500">The failed bundle is kept as an incomplete execution; retry or discard it from the Executions tab.</p> : null}
    </div>
  );
}

/** `mapper.url` and `params.object.type` both belong to their field's top-level name. */
function fieldOf(path: string | undefined): string | undefined {
  return path?.replace(/^(mapper|params)\./, "").split(/[.[]/)[0];
}
