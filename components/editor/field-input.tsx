"use client";

import { useId, useState } from "react";
import type { FieldSpec, SelectOption } from "@/lib/modules/field-spec";
import { api, errorMessage } from "@/components/ui/api";

const control = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-brand-500";

/**
 * One field of a module, drawn from its spec. Mappable fields take text with {{…}} anywhere; structured
 * fields (collections, arrays, any) are edited as JSON, and text that is not JSON is kept as a template.
 */
export function FieldInput({
  field,
  value,
  mappable,
  onChange,
  loadOptions,
}: {
  field: FieldSpec;
  value: unknown;
  mappable: boolean;
  onChange: (value: unknown) => void;
  loadOptions?: (name: string) => Promise<SelectOption[]>;
}) {
  const id = useId();
  const [options, setOptions] = useState<SelectOption[] | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const label = (
    <label htmlFor={id} className="block text-xs font-medium text-slate-700">
      {field.label}
      {field.required ? <span className="text-red-600"> *</span> : null}
      {mappable ? null : <span className="ml-1 text-[10px] font-normal text-slate-400">setting</span>}
    </label>
  );
  const help = field.help ? <p className="text-[11px] text-slate-500">{field.help}</p> : null;

  if (field.type === "select" && "options" in field && !mappable) {
    return (
      <div className="space-y-1">
        {label}
        <select id={id} className={control} value={typeof value === "string" ? value : String(field.default ?? "")} onChange={(e) => onChange(e.target.value)}>
          {field.default === undefined ? <option value="">—</option> : null}
          {field.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
        {help}
      </div>
    );
  }
  if (field.type === "boolean" && !mappable) {
    return (
      <label className="flex items-center gap-2 text-sm">
        <input id={id} type="checkbox" checked={value === true || (value === undefined && field.default === true)} onChange={(e) => onChange(e.target.checked)} />
        {field.label}
      </label>
    );
  }
  if (field.type === "any" || field.type === "collection" || field.type === "array") {
    const text = value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value, null, 2);
    return (
      <div className="space-y-1">
        {label}
        <textarea
          id={id}
          rows={Math.min(10, Math.max(2, text.split("\n").length))}
          className={`${control} font-mono text-xs`}
          spellCheck={false}
          defaultValue={text}
          onBlur={(e) => {
            const raw = e.target.value;
            if (raw.trim() === "") return onChange(undefined);
            try {
              onChange(JSON.parse(raw));
            } catch {
              onChange(raw);
            }
          }}
        />
        <p className="text-[11px] text-slate-500">JSON, with {"{{…}}"} inside strings; or one {"{{…}}"} expression.</p>
        {help}
      </div>
    );
  }
  const listId = `${id}-options`;
  const staticOptions = field.type === "select" && "options" in field ? field.options : null;
  const dynamic = field.type === "select" && "dynamicOptions" in field ? field.dynamicOptions : null;
  return (
    <div className="space-y-1">
      {label}
      <div className="flex gap-1">
        <input
          id={id}
          className={control}
          list={staticOptions || options ? listId : undefined}
          type={field.type === "text" && field.sensitive ? "password" : "text"}
          value={value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value)}
          placeholder={field.default !== undefined ? `default: ${String(field.default)}` : mappable ? "text or {{1.field}}" : undefined}
          onChange={(e) => onChange(e.target.value === "" ? undefined : field.type === "number" && !mappable && !Number.isNaN(Number(e.target.value)) ? Number(e.target.value) : e.target.value)}
        />
        {dynamic && loadOptions ? (
          <button
            type="button"
            className="rounded-md border border-slate-300 px-2 text-xs hover:bg-slate-50"
            onClick={() =>
              loadOptions(dynamic)
                .then((o) => {
                  setOptions(o);
                  setLoadError(undefined);
                })
                .catch((err: unknown) => setLoadError(errorMessage(err)))
            }
          >
            Load
          </button>
        ) : null}
      </div>
      {staticOptions || options ? (
        <datalist id={listId}>
          {(staticOptions ?? options ?? []).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </datalist>
      ) : null}
      {loadError ? <p role="alert" className="text-[11px] text-red-600">{loadError}</p> : null}
      {help}
    </div>
  );
}

export async function fetchOptions(key: string, version: number, name: string, connection: string | null | undefined, params: Record<string, unknown>) {
  const res = await api<{ items: SelectOption[] }>(`/modules/${encodeURIComponent(key)}/${version}/options/${name}`, { method: "POST", body: { connection: connection ?? null, params } });
  return res.items;
}
