"use client";

import { memo } from "react";
import { parseTemplate } from "@/lib/mapping/client";

/**
 * A mapped value as the person reads it: literal text as text, each {{…}} as a chip. Text that does not
 * parse is shown as it is (the checker reports the syntax error next to the field).
 */
export const MappingChips = memo(function MappingChips({ text }: { text: string }) {
  let parts: Array<{ kind: "text"; value: string } | { kind: "expression"; value: string }>;
  try {
    const template = parseTemplate(text);
    parts = template.parts.map((p) => (p.kind === "expression" ? { kind: "expression", value: text.slice(p.start, p.end) } : { kind: "text", value: p.text }));
  } catch {
    return null;
  }
  if (!parts.some((p) => p.kind === "expression")) return null;
  return (
    <span className="flex flex-wrap items-center gap-0.5 text-xs" aria-hidden="true" data-testid="mapping-chips">
      {parts.map((p, i) =>
        p.kind === "text" ? (
          <span key={i} className="whitespace-pre-wrap text-slate-700">{p.value}</span>
        ) : (
          <span key={i} className="rounded-full bg-brand-100 px-1.5 py-px font-mono text-[11px] text-brand-800 ring-1 ring-brand-200">{chipLabel(p.value)}</span>
        ),
      )}
    </span>
  );
});

/** `{{1.user.name}}` reads as `1 · user.name`; functions keep their text. */
function chipLabel(source: string): string {
  const inner = source.replace(/^\{\{\s*/, "").replace(/\s*\}\}$/, "");
  const ref = /^(\d+)\.(.+)$/.exec(inner);
  return ref ? `${ref[1]} · ${ref[2]}` : inner;
}
