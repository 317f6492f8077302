"use client";

/** Collapsible JSON for inspecting bundles; long values stay readable without flooding the page. */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  if (value === undefined) return null;
  const text = JSON.stringify(value, null, 2);
  return (
    <details className="group rounded border border-slate-200 bg-slate-50" open={text.length < 400}>
      <summary className="cursor-pointer select-none px-2 py-1 text-xs font-medium text-slate-600">{label}</summary>
      <pre className="max-h-72 overflow-auto border-t border-slate-200 px-2 py-1.5 font-mono text-xs text-slate-800">{text}</pre>
    </details>
  );
}
