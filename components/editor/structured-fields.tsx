"use client";

import { useState, type ReactNode } from "react";
import type { ArrayField, CollectionField, FieldSpec, StaticSelectField } from "@/lib/modules/field-spec";
import { MappableInput } from "./mappable-input";

/**
 * Collections and arrays drawn as nested forms (headers as rows, a body's type and content), as Fusion
 * draws them. "Map the whole value" switches to one expression or JSON for when the structure comes from
 * an upstream module; values that are already an expression open that way.
 */
export function StructuredInput({
  id,
  field,
  value,
  onChange,
  renderField,
  wholeValue,
}: {
  id: string;
  field: CollectionField | ArrayField;
  value: unknown;
  onChange: (value: unknown) => void;
  renderField: (field: FieldSpec, value: unknown, onChange: (value: unknown) => void) => ReactNode;
  /** The editor for the whole value at once: an expression for mappable fields, JSON for settings. */
  wholeValue: (value: unknown, onChange: (value: unknown) => void) => ReactNode;
}) {
  const formShaped = value === undefined || (field.type === "collection" ? isRecord(value) : Array.isArray(value));
  const [asForm, setAsForm] = useState(formShaped);
  if (!asForm || !formShaped) {
    return (
      <div className="space-y-1">
        {wholeValue(value, onChange)}
        <button type="button" className="text-[11px] text-brand-700 underline" onClick={() => (onChange(undefined), setAsForm(true))}>
          Use a form instead (clears this value)
        </button>
      </div>
    );
  }
  const switchToMapping = (
    <button type="button" className="text-[11px] text-brand-700 underline" onClick={() => setAsForm(false)}>
      Edit the whole value at once
    </button>
  );
  if (field.type === "collection") {
    const record = isRecord(value) ? value : {};
    return (
      <div className="space-y-2 rounded-md border border-slate-200 p-2" role="group" aria-label={field.label} id={id}>
        {field.fields.map((sub) => (
          <div key={sub.name}>{renderField(sub, record[sub.name], (v) => onChange(withKey(record, sub.name, v)))}</div>
        ))}
        {switchToMapping}
      </div>
    );
  }
  const items = Array.isArray(value) ? value : [];
  const itemSpec = field.items;
  const update = (index: number, item: unknown) => onChange(items.map((old, i) => (i === index ? item : old)));
  const remove = (index: number) => {
    const next = items.filter((_, i) => i !== index);
    onChange(next.length === 0 ? undefined : next);
  };
  return (
    <div className="space-y-2 rounded-md border border-slate-200 p-2" role="group" aria-label={field.label} id={id}>
      {items.length === 0 ? <p className="text-[11px] text-slate-500">No items.</p> : null}
      {items.map((item, index) => (
        <div key={index} className="space-y-2 rounded bg-slate-50 p-2" role="group" aria-label={`${field.label} item ${index + 1}`}>
          <div className="flex items-center justify-between">
            <span className="text-[11px] font-semibold text-slate-600">Item {index + 1}</span>
            <button type="button" className="text-[11px] text-red-700 underline" onClick={() => remove(index)} aria-label={`Remove ${field.label} item ${index + 1}`}>
              Remove
            </button>
          </div>
          {itemSpec.type === "collection"
            ? itemSpec.fields.map((sub) => {
                const record = isRecord(item) ? item : {};
                return <div key={sub.name}>{renderField(sub, record[sub.name], (v) => update(index, withKey(record, sub.name, v)))}</div>;
              })
            : renderField({ name: "value", label: `${field.label} ${index + 1}`, type: itemSpec.type } as FieldSpec, item, (v) => update(index, v ?? ""))}
        </div>
      ))}
      <div className="flex items-center gap-3">
        <button
          type="button"
          className="rounded-md border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-brand-500"
          disabled={field.maxItems !== undefined && items.length >= field.maxItems}
          onClick={() => onChange([...items, itemSpec.type === "collection" ? {} : ""])}
        >
          Add {field.label.toLowerCase()} item
        </button>
        {switchToMapping}
      </div>
    </div>
  );
}

/** A static list the person picks from, or a mapped value when the choice comes from upstream data. */
export function SelectOrMap({ id, field, value, moduleId, onChange, describedBy }: { id: string; field: StaticSelectField; value: unknown; moduleId: number; onChange: (value: string | undefined) => void; describedBy?: string }) {
  const text = value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value);
  const listed = text === "" || field.options.some((o) => o.value === text);
  const [mapping, setMapping] = useState(!listed);
  if (mapping || !listed) {
    return (
      <div className="space-y-1">
        <MappableInput id={id} value={text} onChange={(v) => onChange(v === "" ? undefined : v)} mapping={{ label: field.label, upstreamOf: moduleId }} describedBy={describedBy} />
        <button type="button" className="text-[11px] text-brand-700 underline" onClick={() => (onChange(undefined), setMapping(false))}>
          Choose from the list
        </button>
      </div>
    );
  }
  return (
    <div className="flex gap-1">
      <select id={id} className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm" value={text || String(field.default ?? "")} onChange={(e) => onChange(e.target.value || undefined)} aria-describedby={describedBy}>
        {field.default === undefined ? <option value="">—</option> : null}
        {field.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <button type="button" className="shrink-0 rounded-md border border-slate-300 px-2 text-[11px] hover:bg-slate-50" onClick={() => setMapping(true)} aria-label={`Map ${field.label}`} title="Map a value instead">
        {"{{…}}"}
      </button>
    </div>
  );
}

/** JSON with {{…}} inside strings, or one expression; text that is not JSON is kept as a template. */
export function JsonOrExpression({ id, value, onChange, moduleId, label, describedBy, invalid }: { id: string; value: unknown; onChange: (value: unknown) => void; moduleId: number; label: string; describedBy?: string; invalid?: boolean }) {
  const text = value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value, null, 2);
  const commit = (raw: string) => {
    if (raw.trim() === "") return onChange(undefined);
    try {
      onChange(JSON.parse(raw));
    } catch {
      onChange(raw);
    }
  };
  return (
    <>
      <MappableInput id={id} multiline value={text} onChange={commit} mapping={{ label, upstreamOf: moduleId }} describedBy={describedBy} invalid={invalid} />
      <p className="text-[11px] text-slate-500">JSON, with {"{{…}}"} inside strings; or one {"{{…}}"} expression.</p>
    </>
  );
}

function withKey(record: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const next = { ...record };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
