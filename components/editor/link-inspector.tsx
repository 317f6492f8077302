"use client";

import { useId } from "react";
import { FILTER_OPERATORS, type OperatorType } from "@/lib/engine/filters";
import type { Filter } from "@/lib/scenario/blueprint";
import { Button } from "@/components/ui/button";
import { MappableInput } from "./mappable-input";
import { useEditor, type LinkKey } from "./store";

type Condition = Filter["conditions"][number][number];

const ROUTER = "flow:router";
const groups: Array<{ type: OperatorType; label: string }> = [
  { type: "basic", label: "Basic" },
  { type: "text", label: "Text" },
  { type: "number", label: "Numbers" },
  { type: "date", label: "Dates" },
  { type: "boolean", label: "Boolean" },
  { type: "array", label: "Arrays" },
];
const newCondition = (): Condition => ({ a: "", op: "text:equal", b: "" });

/**
 * A link in the inspector: its filter as a condition builder (OR groups of AND rules, operators per type,
 * mapping on both sides) and, after a router, whether it is the fallback route.
 */
export function LinkInspector({ link, readOnly, problems }: { link: LinkKey; readOnly: boolean; problems: string[] }) {
  const stored = useEditor((s) => s.blueprint.links.find((l) => l.from === link.from && l.to === link.to));
  const fromRouter = useEditor((s) => s.blueprint.modules.find((m) => m.id === link.from)?.module === ROUTER);
  const { setLinkFilter, setFallback, removeLink } = useEditor.getState();
  const labelId = useId();
  if (!stored) return <p className="p-4 text-sm text-slate-500">This link no longer exists.</p>;
  const filter: Filter = stored.filter ?? { label: "", conditions: [] };
  const save = (next: Filter) => setLinkFilter(link, next.conditions.length === 0 && next.label === "" ? null : next);
  const setCondition = (g: number, c: number, patch: Partial<Condition>) =>
    save({ ...filter, conditions: filter.conditions.map((group, gi) => (gi !== g ? group : group.map((cond, ci) => (ci !== c ? cond : { ...cond, ...patch })))) });
  const removeCondition = (g: number, c: number) =>
    save({ ...filter, conditions: filter.conditions.map((group, gi) => (gi !== g ? group : group.filter((_, ci) => ci !== c))).filter((group) => group.length > 0) });

  return (
    <div className="space-y-4 p-4 text-sm" data-testid="link-inspector">
      <div>
        <p className="text-base font-semibold">Link {link.from} → {link.to}</p>
        <p className="text-xs text-slate-500">Bundles pass this link only when the filter holds: any OR group whose rules all hold.</p>
      </div>
      {problems.map((p, i) => (
        <p key={i} className="text-[11px] text-red-700" role="alert">{p}</p>
      ))}
      <fieldset disabled={readOnly} className="space-y-3">
        <div className="space-y-1">
          <label htmlFor={labelId} className="block text-xs font-medium text-slate-700">Filter label</label>
          <input id={labelId} className="block w-full rounded-md border border-slate-300 px-2 py-1 text-sm" value={filter.label} placeholder="e.g. Only approved" onChange={(e) => save({ ...filter, label: e.target.value })} />
        </div>
        {fromRouter ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={stored.fallback === true} onChange={(e) => setFallback(link, e.target.checked)} />
            Fallback route: takes the bundles no other route took
          </label>
        ) : null}
        {filter.conditions.map((group, g) => (
          <div key={g} className="space-y-2">
            {g > 0 ? <p className="text-center text-xs font-semibold text-amber-700">OR</p> : null}
            <div className="space-y-2 rounded-md border border-slate-200 p-2" role="group" aria-label={`Condition group ${g + 1}`}>
              {group.map((cond, c) => (
                <ConditionRow key={c} group={g} index={c} condition={cond} upstreamOf={link.from} onChange={(patch) => setCondition(g, c, patch)} onRemove={() => removeCondition(g, c)} readOnly={readOnly} />
              ))}
              {!readOnly ? (
                <Button onClick={() => save({ ...filter, conditions: filter.conditions.map((gr, gi) => (gi === g ? [...gr, newCondition()] : gr)) })}>Add AND rule</Button>
              ) : null}
            </div>
          </div>
        ))}
        {!readOnly ? (
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => save({ ...filter, conditions: [...filter.conditions, [newCondition()]] })}>{filter.conditions.length === 0 ? "Add a condition" : "Add OR group"}</Button>
            {filter.conditions.length > 0 ? <Button onClick={() => setLinkFilter(link, null)}>Remove filter</Button> : null}
            <Button variant="danger" onClick={() => removeLink(link.from, link.to)}>Delete link</Button>
          </div>
        ) : null}
      </fieldset>
    </div>
  );
}

function ConditionRow({ group, index, condition, upstreamOf, onChange, onRemove, readOnly }: { group: number; index: number; condition: Condition; upstreamOf: number; onChange: (patch: Partial<Condition>) => void; onRemove: () => void; readOnly: boolean }) {
  const base = useId();
  const operator = FILTER_OPERATORS.find((o) => o.code === condition.op);
  const text = (v: unknown) => (v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v));
  const where = `rule ${index + 1} of group ${group + 1}`;
  return (
    <div className="space-y-1 rounded bg-slate-50 p-2" data-testid={`condition-${group}-${index}`}>
      {index > 0 ? <p className="text-[10px] font-semibold text-slate-500">AND</p> : null}
      <label htmlFor={`${base}-a`} className="block text-[11px] text-slate-600">Value ({where})</label>
      <MappableInput id={`${base}-a`} value={text(condition.a)} onChange={(a) => onChange({ a })} mapping={{ label: `Filter value, ${where}`, upstreamOf, includeSelf: true }} placeholder="{{1.status}}" />
      <label htmlFor={`${base}-op`} className="block text-[11px] text-slate-600">Operator ({where})</label>
      <select id={`${base}-op`} className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm" value={condition.op} onChange={(e) => onChange({ op: e.target.value })}>
        {operator ? null : <option value={condition.op}>{condition.op} (unknown)</option>}
        {groups.map((g) => (
          <optgroup key={g.type} label={g.label}>
            {FILTER_OPERATORS.filter((o) => o.type === g.type).map((o) => (
              <option key={o.code} value={o.code}>{g.label}: {o.label}</option>
            ))}
          </optgroup>
        ))}
      </select>
      {operator?.takesB !== false ? (
        <>
          <label htmlFor={`${base}-b`} className="block text-[11px] text-slate-600">Compare with ({where})</label>
          <MappableInput id={`${base}-b`} value={text(condition.b)} onChange={(b) => onChange({ b })} mapping={{ label: `Filter comparison, ${where}`, upstreamOf, includeSelf: true }} />
        </>
      ) : null}
      {!readOnly ? (
        <button type="button" className="text-[11px] text-red-700 underline" onClick={onRemove}>
          Remove rule
        </button>
      ) : null}
    </div>
  );
}
