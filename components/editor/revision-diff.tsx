"use client";

import { useState, type ReactNode } from "react";
import type { RevisionDetail } from "@/lib/api/views";
import { alignLinkFields, alignModuleFields, diffRevisions, summarizeDiff, type FieldRow, type ModuleDiff } from "@/lib/scenario/diff";
import { errorMessage } from "@/components/ui/api";
import { authorName, useRevision } from "@/components/scenarios/use-revisions";
import { Alert, Badge, formatDateTime } from "@/components/ui/misc";
import { useCatalog } from "./catalog";

const statusTone = { added: "green", removed: "red", changed: "amber", unchanged: "slate" } as const;

/** Two revisions side by side: the older on the left, the newer on the right, changed fields highlighted. */
export function RevisionDiff({ scenarioId, older, newer }: { scenarioId: string; older: number; newer: number }) {
  const left = useRevision(scenarioId, older);
  const right = useRevision(scenarioId, newer);
  const [showUnchanged, setShowUnchanged] = useState(false);
  if (left.isError || right.isError) return <Alert>{errorMessage(left.error ?? right.error)}</Alert>;
  if (!left.data || !right.data) return <p className="text-sm text-slate-500">Loading both revisions…</p>;

  const diff = diffRevisions(left.data, right.data);
  const summary = summarizeDiff(diff);
  const modules = diff.modules.filter((m) => showUnchanged || m.status !== "unchanged" || m.moved);
  return (
    <div className="space-y-4 text-sm" data-testid="revision-diff">
      <div className="grid grid-cols-2 gap-3">
        <RevisionHeading side="Older" revision={left.data} />
        <RevisionHeading side="Newer" revision={right.data} />
      </div>
      <p className="text-slate-700" data-testid="diff-summary">{sentence(summary)}</p>
      <label className="flex items-center gap-2 text-xs text-slate-600">
        <input type="checkbox" checked={showUnchanged} onChange={(e) => setShowUnchanged(e.target.checked)} />
        Show unchanged modules
      </label>

      {diff.meta.length > 0 ? <Section title="Scenario"><SideBySide caption="Scenario name and description" rows={diff.meta.map((f) => ({ ...f, changed: true }))} /></Section> : null}

      {modules.length > 0 ? (
        <Section title="Modules">
          {modules.map((m) => <ModuleSides key={`${m.id}-${m.status}`} diff={m} />)}
        </Section>
      ) : null}

      {diff.links.length > 0 ? (
        <Section title="Links">
          {diff.links.map((l) => (
            <div key={`${l.from}-${l.to}`} data-testid={`diff-link-${l.from}-${l.to}`} className="space-y-1">
              <p className="flex items-center gap-2 text-xs font-medium text-slate-700">
                {l.from} → {l.to} <Badge tone={statusTone[l.status]}>{l.status}</Badge>
              </p>
              <SideBySide caption={`Link from module ${l.from} to module ${l.to}`} rows={alignLinkFields(l.before, l.after)} />
            </div>
          ))}
        </Section>
      ) : null}

      {diff.settings.length > 0 ? (
        <Section title="Settings">
          <SideBySide caption="Scenario settings" rows={diff.settings.map((f) => ({ ...f, changed: true }))} />
        </Section>
      ) : null}
    </div>
  );
}

function RevisionHeading({ side, revision }: { side: string; revision: RevisionDetail }) {
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
      <p className="text-xs uppercase tracking-wide text-slate-500">{side}</p>
      <p className="font-semibold text-slate-900">Revision {revision.number}: {revision.message || "Saved"}</p>
      <p className="text-xs text-slate-600">{authorName(revision.author)} · {formatDateTime(revision.createdAt)}</p>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-3">
      <h3 className="border-b border-slate-200 pb-1 text-sm font-semibold text-slate-900">{title}</h3>
      {children}
    </section>
  );
}

function ModuleSides({ diff }: { diff: ModuleDiff }) {
  const catalog = useCatalog();
  const mod = diff.after ?? diff.before!;
  const title = catalog.data?.apps.flatMap((a) => a.modules).find((m) => m.key === mod.module)?.title ?? mod.module;
  return (
    <div className="space-y-1" data-testid={`diff-module-${diff.id}`} data-status={diff.status}>
      <p className="flex flex-wrap items-center gap-2 text-xs font-medium text-slate-800">
        <span className="font-mono">#{diff.id}</span> {title} <span className="font-normal text-slate-500">{mod.module}</span>
        <Badge tone={statusTone[diff.status]}>{diff.status}</Badge>
        {diff.moved ? <Badge>moved</Badge> : null}
      </p>
      <SideBySide caption={`Module ${diff.id}, ${title}`} rows={alignModuleFields(diff.before, diff.after)} />
    </div>
  );
}

/** One row per field: its value in the older revision, then in the newer; a changed row is tinted and says so. */
function SideBySide({ caption, rows }: { caption: string; rows: FieldRow[] }) {
  return (
    <table className="w-full table-fixed border-collapse text-xs">
      <caption className="sr-only">{caption}: older revision on the left, newer on the right</caption>
      <thead className="sr-only">
        <tr><th scope="col">Field</th><th scope="col">Older</th><th scope="col">Newer</th></tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.path} className="border-t border-slate-100 align-top" data-changed={row.changed || undefined}>
            <th scope="row" className={`w-32 px-2 py-1 text-left font-mono font-medium ${row.changed ? "text-amber-900" : "text-slate-500"}`}>
              {row.path}
              {row.changed ? <span className="sr-only"> (changed)</span> : null}
            </th>
            <td className={`px-2 py-1 ${row.changed && row.before !== undefined ? "bg-red-50" : ""}`}><Value value={row.before} /></td>
            <td className={`px-2 py-1 ${row.changed && row.after !== undefined ? "bg-green-50" : ""}`}><Value value={row.after} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Value({ value }: { value: unknown }) {
  if (value === undefined) return <span className="italic text-slate-400">not set</span>;
  const text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
  return <pre className="max-h-40 overflow-auto whitespace-pre-wrap break-words font-mono text-slate-800">{text}</pre>;
}

function sentence(s: ReturnType<typeof summarizeDiff>): string {
  if (s.identical) return s.moved > 0 ? `No changes except positions: ${plural(s.moved, "module")} moved.` : "The two revisions are identical.";
  const parts = [
    s.added && `${plural(s.added, "module")} added`,
    s.removed && `${plural(s.removed, "module")} removed`,
    s.changed && `${plural(s.changed, "module")} changed`,
    s.moved && `${plural(s.moved, "module")} moved`,
    s.links.added && `${plural(s.links.added, "link")} added`,
    s.links.removed && `${plural(s.links.removed, "link")} removed`,
    s.links.changed && `${plural(s.links.changed, "link")} changed`,
    s.settings && `${plural(s.settings, "setting")} changed`,
    s.meta && "name or description changed",
  ].filter(Boolean);
  return `${parts.join(", ")}.`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
