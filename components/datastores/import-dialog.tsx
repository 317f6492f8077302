"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/misc";
import type { ImportRowError } from "./types";

type ImportBody = { format: "csv"; csv: string; replace: boolean } | { format: "json"; records: unknown[]; replace: boolean };

/** A JSON file is this store's export ({records: [...]}) or a bare list of {key, data}. */
function jsonBody(text: string, replace: boolean): ImportBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error("The file is not valid JSON.");
  }
  const records = Array.isArray(parsed) ? parsed : (parsed as { records?: unknown } | null)?.records;
  if (!Array.isArray(records)) throw new Error("Expected a list of {key, data} records, or an export file with “records”.");
  return { format: "json", records, replace };
}

/** Import CSV or JSON: all rows or none; a refused file lists its bad rows. */
export function ImportDialog({ open, storeId, onClose, onImported }: { open: boolean; storeId: string; onClose: () => void; onImported: (count: number) => void }) {
  return (
    <Dialog open={open} title="Import records" onClose={onClose} wide>
      {open ? <ImportForm storeId={storeId} onClose={onClose} onImported={onImported} /> : null}
    </Dialog>
  );
}

function ImportForm({ storeId, onClose, onImported }: { storeId: string; onClose: () => void; onImported: (count: number) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const [rows, setRows] = useState<ImportRowError[]>([]);

  const run = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error("Choose a CSV or JSON file.");
      const text = await file.text();
      const body: ImportBody = /\.json$/i.test(file.name) || file.type === "application/json" ? jsonBody(text, replace) : { format: "csv", csv: text, replace };
      return api<{ imported: number }>(`/data-stores/${storeId}/records/import`, { method: "POST", body });
    },
    onMutate: () => setRows([]),
    onSuccess: (r) => onImported(r.imported),
    onError: (error) => {
      const details = error instanceof ApiError ? (error.details as { rows?: ImportRowError[] } | undefined) : undefined;
      setRows(details?.rows ?? []);
    },
  });

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        run.mutate();
      }}
    >
      <div className="space-y-1 text-sm">
        <label htmlFor="import-file" className="block font-medium text-slate-700">
          File (CSV or JSON) *
        </label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.json,text/csv,application/json"
          className="block text-sm"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            run.reset();
          }}
        />
        <p className="text-xs text-slate-500">
          CSV: a header row starting with <code>key</code>, then the structure&apos;s fields (lists and collections as JSON in their cell). JSON: this
          store&apos;s export, or a list of <code>{"{key, data}"}</code>.
        </p>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
        Replace records whose key already exists
      </label>
      {run.isError ? <Alert>{errorMessage(run.error)}</Alert> : null}
      {rows.length > 0 ? (
        <div className="max-h-64 overflow-auto rounded-md border border-red-200">
          <table className="w-full text-left text-xs" data-testid="import-errors">
            <caption className="sr-only">Rows that can&apos;t be imported</caption>
            <thead className="bg-red-50 text-red-900">
              <tr>
                <th className="px-2 py-1">Row</th>
                <th className="px-2 py-1">Key</th>
                <th className="px-2 py-1">Field</th>
                <th className="px-2 py-1">Problem</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-red-100">
              {rows.map((r) => (
                <tr key={`${r.row}:${r.field ?? ""}`}>
                  <td className="px-2 py-1">{r.row}</td>
                  <td className="px-2 py-1 font-mono">{r.key}</td>
                  <td className="px-2 py-1 font-mono">{r.field ?? ""}</td>
                  <td className="px-2 py-1">{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Close</Button>
        <Button type="submit" variant="primary" disabled={run.isPending || !file}>
          Import
        </Button>
      </div>
    </form>
  );
}
