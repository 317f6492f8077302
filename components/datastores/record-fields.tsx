"use client";

import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { childPath, emptyItem, itemPath, type Draft, type DraftRecord } from "./record-draft";
import type { StructureField, StructureFieldType } from "./types";

type Errors = Record<string, string>;

const PLACEHOLDER: Partial<Record<StructureFieldType, string>> = { date: "2026-01-31 or 2026-01-31T09:30:00Z", number: "e.g. 42" };

const labelOf = (f: StructureField) => `${f.label ?? f.name}${f.required ? " *" : ""}`;
const hintOf = (f: StructureField) => (f.default !== undefined ? `Default: ${typeof f.default === "string" ? f.default : JSON.stringify(f.default)}` : undefined);

/** Inputs drawn from a data structure; each shows the API's error for its path right under it. */
export function RecordFields({ fields, value, onChange, errors, prefix = "" }: { fields: readonly StructureField[]; value: DraftRecord; onChange: (next: DraftRecord) => void; errors: Errors; prefix?: string }) {
  return (
    <div className="space-y-3">
      {fields.map((f) => {
        const path = childPath(prefix, f.name);
        const set = (v: Draft) => onChange({ ...value, [f.name]: v });
        const current = value[f.name] ?? "";
        if (f.type === "array") return <ArrayInput key={f.name} field={f} path={path} value={Array.isArray(current) ? current : []} onChange={set} errors={errors} />;
        return <ValueInput key={f.name} type={f.type} nested={f.fields} label={labelOf(f)} hint={hintOf(f)} path={path} value={current} onChange={set} errors={errors} />;
      })}
    </div>
  );
}

function ValueInput({
  type,
  nested,
  label,
  hint,
  path,
  value,
  onChange,
  errors,
}: {
  type: Exclude<StructureFieldType, "array">;
  nested?: StructureField[];
  label: string;
  hint?: string;
  path: string;
  value: Draft;
  onChange: (v: Draft) => void;
  errors: Errors;
}) {
  const error = errors[path];
  if (type === "collection") {
    return (
      <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-700">{label}</legend>
        {error ? <p role="alert" className="text-xs text-red-600">{error}</p> : null}
        <RecordFields fields={nested ?? []} value={typeof value === "object" && !Array.isArray(value) ? value : {}} onChange={onChange} errors={errors} prefix={path} />
      </fieldset>
    );
  }
  const text = typeof value === "string" ? value : "";
  if (type === "boolean") {
    return (
      <SelectField label={label} value={text} error={error} hint={hint} onChange={(e) => onChange(e.target.value)}>
        <option value="">— not set —</option>
        <option value="true">Yes</option>
        <option value="false">No</option>
      </SelectField>
    );
  }
  return (
    <TextField
      label={label}
      value={text}
      error={error}
      hint={hint}
      inputMode={type === "number" ? "decimal" : undefined}
      placeholder={PLACEHOLDER[type]}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function ArrayInput({ field, path, value, onChange, errors }: { field: StructureField; path: string; value: Draft[]; onChange: (v: Draft[]) => void; errors: Errors }) {
  const items = field.items ?? { type: "text" as const };
  const name = field.label ?? field.name;
  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">
        {labelOf(field)} <span className="font-normal text-slate-500">(list of {items.type})</span>
      </legend>
      {errors[path] ? <p role="alert" className="text-xs text-red-600">{errors[path]}</p> : null}
      {value.length === 0 ? <p className="text-xs text-slate-500">No items.</p> : null}
      {value.map((item, i) => (
        <div key={i} className="flex items-start gap-2">
          <div className="min-w-0 flex-1">
            <ValueInput
              type={items.type}
              nested={items.fields}
              label={`${name} ${i + 1}`}
              path={itemPath(path, i)}
              value={item}
              onChange={(v) => onChange(value.map((old, j) => (j === i ? v : old)))}
              errors={errors}
            />
          </div>
          <Button variant="ghost" className="mt-5 text-red-700" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            Remove<span className="sr-only"> {name} {i + 1}</span>
          </Button>
        </div>
      ))}
      <Button onClick={() => onChange([...value, emptyItem(items)])}>
        Add {name} item
      </Button>
    </fieldset>
  );
}
