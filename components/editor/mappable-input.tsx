"use client";

import { useEffect, useRef, useState } from "react";
import { MappingChips } from "./chips";
import { useMappingTarget } from "./mapping-target";

const control = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-brand-500";

/**
 * A field that takes text with {{…}} anywhere. Focusing it makes it the mapping panel's target: pills and
 * functions clicked there are inserted at the caret. Mapped parts show as chips under the text.
 * Single-line fields report every keystroke; multi-line ones (JSON) report on blur and after an insert.
 */
export function MappableInput({
  id,
  value,
  onChange,
  multiline = false,
  mapping,
  placeholder,
  type = "text",
  describedBy,
  invalid,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  mapping: { label: string; upstreamOf: number; includeSelf?: boolean };
  placeholder?: string;
  type?: "text" | "password";
  describedBy?: string;
  invalid?: boolean;
}) {
  const element = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const caret = useRef<[number, number] | null>(null);
  const [draft, setDraft] = useState(value);
  const current = multiline ? draft : value;
  const latest = useRef({ current, onChange, multiline });
  useEffect(() => {
    latest.current = { current, onChange, multiline };
  });
  const setTarget = useMappingTarget((s) => s.setTarget);

  // A multi-line draft follows the stored value when it changes from outside (undo, another field).
  useEffect(() => {
    if (multiline && document.activeElement !== element.current) setDraft(value);
  }, [value, multiline]);

  // The panel must not keep inserting into a field that is gone.
  useEffect(() => () => {
    if (useMappingTarget.getState().target?.key === id) useMappingTarget.getState().setTarget(null);
  }, [id]);

  const remember = () => {
    const el = element.current;
    if (el && el.selectionStart !== null && el.selectionEnd !== null) caret.current = [el.selectionStart, el.selectionEnd];
  };
  /** Inside an open {{…}} the expression goes in as it is; elsewhere it is wrapped in braces. */
  const insert = (expression: string, caretBack = 0) => {
    const { current: before, onChange: report, multiline: ml } = latest.current;
    const [start, end] = caret.current ?? [before.length, before.length];
    const head = before.slice(0, start);
    const inside = head.lastIndexOf("{{") > head.lastIndexOf("}}");
    const text = inside ? expression : `{{${expression}}}`;
    const next = head + text + before.slice(end);
    if (ml) setDraft(next);
    report(next);
    // After a pill the caret goes past it; inside a function's parentheses it stays between them.
    const at = start + text.length - (caretBack > 0 ? caretBack + (inside ? 0 : 2) : 0);
    caret.current = [at, at];
    requestAnimationFrame(() => {
      const el = element.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(at, at);
    });
  };
  // Leaving the field for anything but the panel closes the panel, so it does not cover the canvas.
  const leave = (e: React.FocusEvent) => {
    remember();
    const panel = document.querySelector('[data-testid="mapping-panel"]');
    if (panel && e.relatedTarget instanceof Node && panel.contains(e.relatedTarget)) return;
    if (useMappingTarget.getState().target?.key === id) setTarget(null);
  };
  const focus = () => setTarget({ key: id, label: mapping.label, upstreamOf: mapping.upstreamOf, includeSelf: mapping.includeSelf ?? false, insert });

  const common = {
    id,
    ref: element,
    className: `${control} ${multiline ? "font-mono text-xs" : ""} ${invalid ? "border-red-400" : ""}`,
    placeholder,
    spellCheck: false,
    "aria-describedby": describedBy,
    "aria-invalid": invalid || undefined,
    onFocus: focus,
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === "Escape" && useMappingTarget.getState().target?.key === id) setTarget(null);
    },
    onSelect: remember,
    onKeyUp: remember,
    onClick: remember,
  };
  return (
    <div className="space-y-1">
      {multiline ? (
        <textarea
          {...common}
          rows={Math.min(10, Math.max(2, current.split("\n").length))}
          value={current}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={(e) => {
            leave(e);
            if (draft !== value) onChange(draft);
          }}
        />
      ) : (
        <input
          {...common}
          type={type}
          value={current}
          onChange={(e) => {
            onChange(e.target.value);
            caret.current = [e.target.selectionStart ?? e.target.value.length, e.target.selectionEnd ?? e.target.value.length];
          }}
          onBlur={leave}
        />
      )}
      {current.includes("{{") ? <MappingChips text={current} /> : null}
    </div>
  );
}
