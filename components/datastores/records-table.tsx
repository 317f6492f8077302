"use client";

import { RowActions } from "./row-actions";
import type { StoredRecord, StructureField } from "./types";

export interface SortState {
  field: string;
  direction: "asc" | "desc";
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** The records as a table: the key, then the structure's top-level fields; headers sort. */
export function RecordsTable({
  fields,
  records,
  sort,
  onSort,
  onEdit,
  onDelete,
}: {
  fields: readonly StructureField[];
  records: StoredRecord[];
  sort: SortState;
  onSort: (sort: SortState) => void;
  onEdit?: (record: StoredRecord) => void;
  onDelete?: (record: StoredRecord) => void;
}) {
  const columns = [{ name: "key", label: "Key" }, ...fields.map((f) => ({ name: f.name, label: f.label ?? f.name }))];
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="records-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            {columns.map((c) => {
              const active = sort.field === c.name;
              const next = active && sort.direction === "asc" ? "desc" : "asc";
              return (
                <th key={c.name} scope="col" aria-sort={active ? (sort.direction === "asc" ? "ascending" : "descending") : "none"} className="px-3 py-2 font-medium">
                  <button type="button" className="inline-flex items-center gap-1 rounded hover:text-slate-900" onClick={() => onSort({ field: c.name, direction: next })}>
                    {c.label}
                    <span aria-hidden className="text-slate-400">{active ? (sort.direction === "asc" ? "▲" : "▼") : "↕"}</span>
                    <span className="sr-only">, sort {next === "asc" ? "ascending" : "descending"}</span>
                  </button>
                </th>
              );
            })}
            {onEdit || onDelete ? <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {records.map((r) => (
            <tr key={r.key} data-testid="record-row">
              <td className="px-3 py-2 font-mono text-xs">{r.key}</td>
              {fields.map((f) => {
                const text = cellText(r.data[f.name]);
                return (
                  <td key={f.name} className="max-w-64 truncate px-3 py-2" title={text}>
                    {text}
                  </td>
                );
              })}
              {onEdit || onDelete ? (
                <td className="px-3 py-1">
                  <RowActions name={`record ${r.key}`} onEdit={onEdit && (() => onEdit(r))} onDelete={onDelete && (() => onDelete(r))} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
