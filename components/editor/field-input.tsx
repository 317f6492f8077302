"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { FieldSpec, SelectOption } from "@/lib/modules/field-spec";
import { api, errorMessage } from "@/components/ui/api";
import { MappableInput } from "./mappable-input";
import { JsonOrExpression, SelectOrMap, StructuredInput } from "./structured-fields";
import { useEditor } from "./store";
import { WebhookPicker } from "./webhook-picker";

const control = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-brand-500";

export interface FieldProblem {
  severity: "error" | "warning";
  message: string;
}

export interface OptionsSource {
  /** Changes when what the options depend on changes (connection, params). */
  key: readonly unknown[];
  load(name: string): Promise<SelectOption[]>;
}

/**
 * One field of a module, drawn from its spec. Mappable fields take text with {{…}} anywhere; structured
 * fields (collections, arrays, any) are edited as JSON, and text that is not JSON is kept as a template.
 */
export function FieldInput({
  field,
  value,
  mappable,
  moduleId,
  onChange,
  options,
  problems = [],
}: {
  field: FieldSpec;
  value: unknown;
  mappable: boolean;
  moduleId: number;
  onChange: (value: unknown) => void;
  options?: OptionsSource;
  problems?: FieldProblem[];
}) {
  const id = useId();
  const problemId = `${id}-problems`;
  const label = (
    <label htmlFor={id} className="block text-xs font-medium text-slate-700">
      {field.label}
      {field.required ? <span className="text-red-600" aria-hidden="true"> *</span> : null}
      {mappable ? null : <span className="ml-1 text-[10px] font-normal text-slate-400">setting</span>}
    </label>
  );
  const help = field.help ? <p className="text-[11px] text-slate-500">{field.help}</p> : null;
  const shownProblems =
    problems.length > 0 ? (
      <ul id={problemId} className="space-y-0.5" data-testid={`field-problems-${field.name}`}>
        {problems.map((p, i) => (
          <li key={i} className={`text-[11px] ${p.severity === "error" ? "text-red-700" : "text-amber-700"}`}>
            {p.severity === "error" ? "Error: " : "Warning: "}
            {p.message}
          </li>
        ))}
      </ul>
    ) : null;
  const describedBy = problems.length > 0 ? problemId : undefined;
  const invalid = problems.some((p) => p.severity === "error");
  const mapping = { label: field.label, upstreamOf: moduleId };

  if (field.name === "webhook" && !mappable) {
    return (
      <div className="space-y-1">
        {label}
        <WebhookPicker id={id} value={typeof value === "string" ? value : ""} scenarioId={useEditor.getState().scenarioId} onChange={onChange} />
        {help}
        {shownProblems}
      </div>
    );
  }
  if (field.type === "select" && "options" in field && !mappable) {
    return (
      <div className="space-y-1">
        {label}
        <select id={id} className={control} value={typeof value === "string" ? value : String(field.default ?? "")} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy}>
          {field.default === undefined ? <option value="">—</option> : null}
          {field.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
        {help}
        {shownProblems}
      </div>
    );
  }
  if (field.type === "boolean" && !mappable) {
    return (
      <div className="space-y-1">
        <label className="flex items-center gap-2 text-sm">
          <input id={id} type="checkbox" checked={value === true || (value === undefined && field.default === true)} onChange={(e) => onChange(e.target.checked)} />
          {field.label}
        </label>
        {help}
        {shownProblems}
      </div>
    );
  }
  if (field.type === "collection" || field.type === "array") {
    return (
      <div className="space-y-1">
        {label}
        <StructuredInput
          id={id}
          field={field}
          value={value}
          onChange={onChange}
          wholeValue={(v, change) => (mappable ? <JsonOrExpression id={id} value={v} onChange={change} moduleId={moduleId} label={field.label} /> : <StaticJson id={id} value={v} onChange={change} />)}
          renderField={(sub, v, change) => <FieldInput field={sub} value={v} mappable={mappable} moduleId={moduleId} onChange={change} />}
        />
        {help}
        {shownProblems}
      </div>
    );
  }
  if (field.type === "any") {
    return (
      <div className="space-y-1">
        {label}
        {mappable ? (
          <JsonOrExpression id={id} value={value} onChange={onChange} moduleId={moduleId} label={field.label} describedBy={describedBy} invalid={invalid} />
        ) : (
          <StaticJson id={id} value={value} onChange={onChange} />
        )}
        {help}
        {shownProblems}
      </div>
    );
  }
  if (field.type === "select" && "options" in field && mappable) {
    return (
      <div className="space-y-1">
        {label}
        <SelectOrMap id={id} field={field} value={value} moduleId={moduleId} onChange={onChange} describedBy={describedBy} />
        {help}
        {shownProblems}
      </div>
    );
  }
  const staticOptions = field.type === "select" && "options" in field ? field.options : null;
  const dynamic = field.type === "select" && "dynamicOptions" in field ? field.dynamicOptions : null;
  const text = value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value);
  const placeholder = field.default !== undefined ? `default: ${String(field.default)}` : mappable ? "text or {{1.field}}" : undefined;
  const report = (raw: string) => onChange(raw === "" ? undefined : field.type === "number" && !mappable && !Number.isNaN(Number(raw)) ? Number(raw) : raw);
  return (
    <div className="space-y-1">
      {label}
      {dynamic && options ? (
        <DynamicSelect id={id} name={dynamic} label={field.label} value={text} options={options} onChange={report} describedBy={describedBy} />
      ) : mappable ? (
        <MappableInput id={id} value={text} onChange={report} mapping={mapping} placeholder={placeholder} type={field.type === "text" && field.sensitive ? "password" : "text"} describedBy={describedBy} invalid={invalid} />
      ) : (
        <>
          <input id={id} className={control} list={staticOptions ? `${id}-options` : undefined} value={text} placeholder={placeholder} onChange={(e) => report(e.target.value)} aria-describedby={describedBy} />
          {staticOptions ? (
            <datalist id={`${id}-options`}>
              {staticOptions.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </datalist>
          ) : null}
        </>
      )}
      {help}
      {shownProblems}
    </div>
  );
}

/** JSON for settings (not mappable); text that is not JSON is kept as written. */
function StaticJson({ id, value, onChange }: { id: string; value: unknown; onChange: (value: unknown) => void }) {
  const text = value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value, null, 2);
  const [draft, setDraft] = useState(text);
  return (
    <>
      <textarea
        id={id}
        rows={Math.min(10, Math.max(2, draft.split("\n").length))}
        className={`${control} font-mono text-xs`}
        spellCheck={false}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          if (draft === text) return;
          if (draft.trim() === "") return onChange(undefined);
          try {
            onChange(JSON.parse(draft));
          } catch {
            onChange(draft);
          }
        }}
      />
      <p className="text-[11px] text-slate-500">JSON.</p>
    </>
  );
}

/**
 * Options loaded through the module's connection (object types, fields, workspaces, data stores…): a list to
 * pick from by name once loaded, with "type a value" for a mapped value or one the list does not know.
 */
function DynamicSelect({ id, name, label, value, options, onChange, describedBy }: { id: string; name: string; label: string; value: string; options: OptionsSource; onChange: (raw: string) => void; describedBy?: string }) {
  const loaded = useQuery({ queryKey: ["options", name, ...options.key], queryFn: () => options.load(name), retry: false, staleTime: 60_000 });
  const [typing, setTyping] = useState(false);
  const listId = `${id}-options`;
  const items = loaded.data ?? [];
  const pickable = loaded.isSuccess && items.length > 0 && !typing && (value === "" || items.some((o) => o.value === value));
  return (
    <div className="space-y-1">
      <div className="flex gap-1">
        {pickable ? (
          <select id={id} className={control} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy}>
            <option value="">— choose —</option>
            {items.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        ) : (
          <input id={id} className={control} list={listId} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} placeholder={loaded.isFetching ? "Loading options…" : "Pick or type"} />
        )}
        {pickable ? (
          <button type="button" className="shrink-0 rounded-md border border-slate-300 px-2 text-[11px] hover:bg-slate-50" onClick={() => setTyping(true)} aria-label={`Type a value for ${label}`} title="Type or map a value instead">
            {"{{…}}"}
          </button>
        ) : null}
        <button type="button" className="rounded-md border border-slate-300 px-2 text-xs hover:bg-slate-50" onClick={() => void loaded.refetch()} aria-label={`Reload the options of ${label}`}>
          ↻
        </button>
      </div>
      <datalist id={listId}>
        {items.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </datalist>
      {loaded.isFetching ? <p className="text-[11px] text-slate-500" role="status">Loading options…</p> : null}
      {loaded.isError ? <p role="alert" className="text-[11px] text-red-600">Could not load the options: {errorMessage(loaded.error)}</p> : null}
      {loaded.isSuccess && !loaded.isFetching && items.length === 0 ? <p className="text-[11px] text-slate-500">No options.</p> : null}
    </div>
  );
}

export async function fetchOptions(key: string, version: number, name: string, connection: string | null | undefined, params: Record<string, unknown>) {
  const res = await api<{ items: SelectOption[] }>(`/modules/${encodeURIComponent(key)}/${version}/options/${name}`, { method: "POST", body: { connection: connection ?? null, params } });
  return res.items;
}
