"use client";

import { useId } from "react";
import { AddConnection } from "@/components/connections/add-connection";
import { useCan } from "@/components/shell/actor-context";
import { accepts, type ConnectionChoice } from "./hooks";

/**
 * A connection of a type the new version accepts. Admins can create one of exactly those types on the spot;
 * others are told to ask an admin.
 */
export function ConnectionPicker({
  declared,
  connections,
  value,
  onChange,
  label,
}: {
  declared: string;
  connections: ConnectionChoice[] | undefined;
  value: string;
  onChange: (id: string) => void;
  label: string;
}) {
  const id = useId();
  const isAdmin = useCan("admin");
  const types = declared.split("|");
  const usable = (connections ?? []).filter((c) => accepts(declared, c.type));
  const chosen = usable.find((c) => c.id === value);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label} <span className="font-normal text-slate-500">({types.join(" or ")})</span>
      </label>
      <select id={id} className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">— leave empty and pick it later —</option>
        {usable.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
            {c.status ? ` (${c.status.replace(/_/g, " ")})` : ""}
          </option>
        ))}
      </select>
      {isAdmin ? (
        <AddConnection accepted={types} label={connections && usable.length === 0 ? "Create a compatible connection" : "New connection"} onCreated={(c) => onChange(c.id)} />
      ) : connections && usable.length === 0 ? (
        <p className="text-[11px] text-slate-600">No {types.join(" or ")} connection is shared with you; ask an admin to create one under Connections.</p>
      ) : null}
      {chosen?.status === "needs_reauthorization" ? (
        isAdmin ? (
          <a className="text-[11px] font-medium text-brand-700 underline" href="/connections" target="_blank" rel="noreferrer">
            “{chosen.name}” needs re-authorization
          </a>
        ) : (
          <p className="text-[11px] text-amber-800">“{chosen.name}” needs re-authorization by an admin.</p>
        )
      ) : null}
    </div>
  );
}
