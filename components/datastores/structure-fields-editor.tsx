"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { newEditorField, type EditorField, type ItemType } from "./structure-draft";

const TYPES = ["text", "number", "boolean", "date", "array", "collection"] as const;
const ITEM_TYPES: ItemType[] = ["text", "number", "boolean", "date", "collection"];
const control = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm aria-[invalid=true]:border-red-500";

type Errors = Record<string, string>;

/**
 * The field editor: name, type, required, default and, for lists, the item type; collections (and lists of
 * collections) nest another editor. `path` is where the API reports problems ("fields[1].items.fields[0].name").
 */
export function StructureFieldsEditor({
  fields,
  onChange,
  errors,
  path = "fields",
  depth = 0,
  numbering = "",
}: {
  fields: EditorField[];
  onChange: (next: EditorField[]) => void;
  errors: Errors;
  path?: string;
  depth?: number;
  /** "2." inside the second field: rows are told apart as "field 2.1" for screen readers and tests. */
  numbering?: string;
}) {
  const uid = useId();
  const update = (i: number, patch: Partial<EditorField>) => onChange(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const move = (i: number, by: number) => {
    const next = [...fields];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };
  return (
    <div className="space-y-2">
      {errors[path] ? <p role="alert" className="text-xs text-red-600">{errors[path]}</p> : null}
      {fields.map((f, i) => {
        const at = `${path}[${i}]`;
        const nestedPath = f.type === "array" ? `${at}.items.fields` : `${at}.fields`;
        const nests = f.type === "collection" || (f.type === "array" && f.itemType === "collection");
        const problems = [errors[at], errors[`${at}.type`], errors[`${at}.items`], errors[`${at}.default`]].filter(Boolean);
        const number = `${numbering}${i + 1}`;
        const label = f.name || `field ${number}`;
        const which = <span className="sr-only"> of field {number}</span>;
        return (
          <div key={i} className="rounded-md border border-slate-200 bg-white p-2" data-testid="structure-field">
            <div className="flex flex-wrap items-end gap-2">
              <div className="w-40">
                <label className="block text-xs font-medium text-slate-700" htmlFor={`${uid}${i}-name`}>Name{which}</label>
                <input id={`${uid}${i}-name`} className={control} value={f.name} aria-invalid={errors[`${at}.name`] ? true : undefined} onChange={(e) => update(i, { name: e.target.value })} />
              </div>
              <div className="w-32">
                <label className="block text-xs font-medium text-slate-700" htmlFor={`${uid}${i}-type`}>Type{which}</label>
                <select id={`${uid}${i}-type`} className={control} value={f.type} onChange={(e) => update(i, { type: e.target.value as EditorField["type"], default: "" })}>
                  {TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
                </select>
              </div>
              {f.type === "array" ? (
                <div className="w-32">
                  <label className="block text-xs font-medium text-slate-700" htmlFor={`${uid}${i}-items`}>Items{which}</label>
                  <select id={`${uid}${i}-items`} className={control} value={f.itemType} onChange={(e) => update(i, { itemType: e.target.value as ItemType })}>
                    {ITEM_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
                  </select>
                </div>
              ) : null}
              {f.type !== "array" && f.type !== "collection" ? (
                <div className="w-36">
                  <label className="block text-xs font-medium text-slate-700" htmlFor={`${uid}${i}-default`}>Default{which}</label>
                  <input id={`${uid}${i}-default`} className={control} value={f.default} aria-invalid={errors[`${at}.default`] ? true : undefined} placeholder={f.type === "boolean" ? "true / false" : undefined} onChange={(e) => update(i, { default: e.target.value })} />
                </div>
              ) : null}
              <label className="flex items-center gap-1 pb-1.5 text-sm">
                <input type="checkbox" checked={f.required} onChange={(e) => update(i, { required: e.target.checked })} />
                Required{which}
              </label>
              <div className="ml-auto flex gap-1">
                <Button variant="ghost" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${label} up`}>↑</Button>
                <Button variant="ghost" disabled={i === fields.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${label} down`}>↓</Button>
                <Button variant="ghost" className="text-red-700" onClick={() => onChange(fields.filter((_, j) => j !== i))}>
                  Remove<span className="sr-only"> {label}</span>
                </Button>
              </div>
            </div>
            {errors[`${at}.name`] ? <p role="alert" className="mt-1 text-xs text-red-600">{errors[`${at}.name`]}</p> : null}
            {problems.map((p) => <p key={p} role="alert" className="mt-1 text-xs text-red-600">{p}</p>)}
            {nests ? (
              <div className="mt-2 border-l-2 border-slate-200 pl-3">
                <p className="mb-1 text-xs text-slate-500">{f.type === "array" ? "Fields of each item" : `Fields of ${label}`}</p>
                <StructureFieldsEditor fields={f.fields} onChange={(nested) => update(i, { fields: nested })} errors={errors} path={nestedPath} depth={depth + 1} numbering={`${number}.`} />
              </div>
            ) : null}
          </div>
        );
      })}
      <Button onClick={() => onChange([...fields, newEditorField()])}>{depth === 0 ? "Add field" : "Add nested field"}</Button>
    </div>
  );
}
