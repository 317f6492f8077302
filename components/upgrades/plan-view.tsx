"use client";

import type { ModuleUpgrade, RewrittenReference } from "@/lib/versioning/types";
import { Badge } from "@/components/ui/misc";

const show = (value: unknown) => (value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value));

/** Every top-level field whose value the upgrade changes, with its value before and after. */
function changedFields(m: ModuleUpgrade): Array<{ path: string; before: unknown; after: unknown }> {
  const rows: Array<{ path: string; before: unknown; after: unknown }> = [];
  for (const area of ["params", "mapper"] as const) {
    const keys = new Set([...Object.keys(m.before[area]), ...Object.keys(m.after[area])]);
    for (const key of keys) {
      const before = m.before[area][key];
      const after = m.after[area][key];
      if (JSON.stringify(before) !== JSON.stringify(after)) rows.push({ path: `${area}.${key}`, before, after });
    }
  }
  if (m.before.connection !== m.after.connection) rows.push({ path: "connection", before: m.before.connection ?? undefined, after: m.after.connection ?? undefined });
  return rows;
}

export function FieldDiff({ m, connectionName }: { m: ModuleUpgrade; connectionName: (id: string) => string }) {
  const rows = changedFields(m).map((r) =>
    r.path === "connection" ? { ...r, before: typeof r.before === "string" ? connectionName(r.before) : r.before, after: typeof r.after === "string" ? connectionName(r.after) : r.after } : r,
  );
  if (rows.length === 0) return <p className="text-xs text-slate-500">No field changes.</p>;
  return (
    <table className="w-full table-fixed text-left text-xs" aria-label={`Fields of module ${m.moduleId} before and after`}>
      <thead className="text-slate-500">
        <tr>
          <th scope="col" className="w-1/5 py-1 font-medium">Field</th>
          <th scope="col" className="py-1 font-medium">Before (v{m.before.version})</th>
          <th scope="col" className="py-1 font-medium">After (v{m.after.version})</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.path} className="border-t border-slate-100 align-top" data-testid="field-diff-row">
            <td className="py-1 pr-2 font-mono text-slate-700">{r.path}</td>
            <td className="py-1 pr-2"><code className="block whitespace-pre-wrap break-all rounded bg-red-50 px-1 text-red-900">{show(r.before)}</code></td>
            <td className="py-1"><code className="block whitespace-pre-wrap break-all rounded bg-green-50 px-1 text-green-900">{show(r.after)}</code></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RewrittenReferences({ refs, titleOf }: { refs: RewrittenReference[]; titleOf: (moduleId: number) => string }) {
  if (refs.length === 0) return null;
  return (
    <div>
      <h4 className="text-xs font-semibold text-slate-700">References rewritten in later modules</h4>
      <ul className="mt-1 space-y-1 text-xs" aria-label="Rewritten references">
        {refs.map((r, i) => (
          <li key={i} className="rounded border border-slate-200 px-2 py-1" data-testid="rewritten-reference">
            <span className="font-medium">Module {r.moduleId} ({titleOf(r.moduleId)})</span> · <span className="font-mono">{r.fieldPath}</span>
            <div className="mt-0.5 font-mono">
              <span className="text-red-800 line-through decoration-red-400">{r.before}</span> → <span className="text-green-800">{r.after}</span>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ChangeLists({ automatic, attention }: { automatic: string[]; attention: string[] }) {
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <div>
        <h4 className="text-xs font-semibold text-slate-700">Done automatically</h4>
        <ul className="mt-1 list-disc space-y-0.5 pl-4 text-xs text-slate-700">{automatic.map((a, i) => <li key={i}>{a}</li>)}</ul>
      </div>
      <div>
        <h4 className="text-xs font-semibold text-amber-800">Needs your attention</h4>
        {attention.length === 0 ? (
          <p className="mt-1 text-xs text-slate-500">Nothing.</p>
        ) : (
          <ul className="mt-1 list-disc space-y-0.5 pl-4 text-xs text-amber-900" data-testid="attention-items">{attention.map((a, i) => <li key={i}>{a}</li>)}</ul>
        )}
      </div>
    </div>
  );
}

export function VersionStep({ from, to }: { from: number; to: number }) {
  return <Badge tone="brand">v{from} → v{to}</Badge>;
}
