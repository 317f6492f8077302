"use client";

import { useState } from "react";
import { formatPathKey } from "@/lib/mapping/tokenizer";
import { Alert } from "@/components/ui/misc";
import { useEditor } from "./store";

/** What one module did in the run being shown: each operation's input and output, or its error. */
export function Operations({ moduleId }: { moduleId: number }) {
  const entries = useEditor((s) => s.runLog).filter((e) => e.moduleId === moduleId);
  const past = useEditor((s) => s.runIsPast);
  if (entries.length === 0) return null;
  return (
    <section className="space-y-2" data-testid="module-operations" aria-label="Operations in the run shown">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        {past ? "Past run" : "Last run"}: {entries.length} operation{entries.length === 1 ? "" : "s"}
      </p>
      {entries.map((e, i) => (
        <details key={i} className="rounded border border-slate-200" open={i === 0}>
          <summary className={`cursor-pointer px-2 py-1 text-xs ${e.status === "error" ? "text-red-700" : "text-slate-600"}`}>
            Operation {e.bundleIndex} · {e.status}
            {e.handledBy ? ` · handled by ${e.handledBy}` : ""} · {e.durationMs} ms
          </summary>
          <div className="space-y-1 border-t border-slate-200 p-2">
            <JsonTree label="Input" value={e.input} />
            {e.error ? <Alert>{`${e.error.type}: ${e.error.message}`}</Alert> : null}
            {e.output !== undefined ? <JsonTree label="Output" value={e.output} mappingRoot={moduleId} /> : null}
          </div>
        </details>
      ))}
    </section>
  );
}

/**
 * Collapsible JSON with, on each line, "copy value" and (for outputs) "copy path as mapping", which gives
 * the `{{n.path}}` that reads that value in a later module.
 */
function JsonTree({ label, value, mappingRoot }: { label: string; value: unknown; mappingRoot?: number }) {
  if (value === undefined) return null;
  // Outputs are arrays of bundles; a path starts inside the bundle.
  const bundles = mappingRoot !== undefined && Array.isArray(value) ? value : null;
  return (
    <details className="rounded border border-slate-200 bg-slate-50" open>
      <summary className="cursor-pointer select-none px-2 py-1 text-xs font-medium text-slate-600">{label}</summary>
      <div className="max-h-80 overflow-auto border-t border-slate-200 px-2 py-1.5 font-mono text-xs text-slate-800">
        {bundles
          ? bundles.map((b, i) => (
              <div key={i}>
                {bundles.length > 1 ? <p className="text-[10px] text-slate-500">Bundle {i + 1}</p> : null}
                <Node value={b} path="" mappingRoot={mappingRoot} />
              </div>
            ))
          : <Node value={value} path="" />}
      </div>
    </details>
  );
}

function Node({ name, value, path, mappingRoot, last = true }: { name?: string; value: unknown; path: string; mappingRoot?: number; last?: boolean }) {
  const key = name === undefined ? "" : `${JSON.stringify(name)}: `;
  const comma = last ? "" : ",";
  if (value !== null && typeof value === "object") {
    const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
    const childPath = (k: string) => (Array.isArray(value) ? `${path}[${Number(k) + 1}]` : path === "" ? formatPathKey(k) : `${path}.${formatPathKey(k)}`);
    return (
      <details open className="pl-3 -indent-3">
        <summary className="cursor-pointer list-none">
          {key}
          {open}
          <span className="text-slate-400">{entries.length === 0 ? "" : ` ${entries.length} ${Array.isArray(value) ? "items" : "keys"}`}</span>
          {entries.length === 0 ? `${close}${comma}` : null}
          <Actions value={value} path={path} mappingRoot={mappingRoot} />
        </summary>
        {entries.map(([k, v], i) => (
          <Node key={k} name={Array.isArray(value) ? undefined : k} value={v} path={childPath(k)} mappingRoot={mappingRoot} last={i === entries.length - 1} />
        ))}
        {entries.length > 0 ? <div>{close}{comma}</div> : null}
      </details>
    );
  }
  return (
    <div className="group pl-3 -indent-3 break-all">
      {key}
      <span className={typeof value === "string" ? "text-green-800" : "text-brand-800"}>{JSON.stringify(value)}</span>
      {comma}
      <Actions value={value} path={path} mappingRoot={mappingRoot} />
    </div>
  );
}

function Actions({ value, path, mappingRoot }: { value: unknown; path: string; mappingRoot?: number }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = (what: string, text: string) => {
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(what),
      () => setCopied("copy failed"),
    );
    setTimeout(() => setCopied(null), 1500);
  };
  return (
    <span className="ml-2 inline-flex gap-1 indent-0 font-sans opacity-60 hover:opacity-100 focus-within:opacity-100">
      <button type="button" className="rounded px-1 text-[10px] text-slate-600 underline" onClick={() => copy("value", typeof value === "string" ? value : JSON.stringify(value, null, 2))}>
        copy value
      </button>
      {mappingRoot !== undefined && path !== "" ? (
        <button type="button" className="rounded px-1 text-[10px] text-brand-700 underline" onClick={() => copy("path", `{{${mappingRoot}.${path}}}`)} title={`{{${mappingRoot}.${path}}}`}>
          copy path
        </button>
      ) : null}
      {copied ? <span className="text-[10px] text-green-700" role="status">{copied === "copy failed" ? copied : "copied"}</span> : null}
    </span>
  );
}
