"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import { FieldSpecInputs } from "@/components/forms/field-spec-form";
import type { ConnectionRowView, ConnectionTypeView } from "./types";

/** Create a connection, or edit one: non-secret fields in place, secrets replaced only when typed. */
export function ConnectionDialog({
  open,
  types,
  editing,
  initialType,
  onClose,
  onSaved,
}: {
  open: boolean;
  types: ConnectionTypeView[];
  editing: ConnectionRowView | null;
  initialType?: string;
  onClose: () => void;
  onSaved: (c: ConnectionRowView) => void;
}) {
  return (
    <Dialog open={open} title={editing ? `Edit “${editing.name}”` : "Add a connection"} onClose={onClose}>
      {open ? <ConnectionForm key={editing?.id ?? `new:${initialType ?? ""}`} types={types} editing={editing} initialType={initialType} onClose={onClose} onSaved={onSaved} /> : null}
    </Dialog>
  );
}

function ConnectionForm({
  types,
  editing,
  initialType,
  onClose,
  onSaved,
}: {
  types: ConnectionTypeView[];
  editing: ConnectionRowView | null;
  initialType?: string;
  onClose: () => void;
  onSaved: (c: ConnectionRowView) => void;
}) {
  const [chosenType, setTypeId] = useState(editing?.type ?? initialType ?? "");
  // The types may arrive after the form opens: until someone picks one, the first current type is it.
  const typeId = chosenType || (types.find((t) => !t.deprecated)?.id ?? "");
  const [name, setName] = useState(editing?.name ?? "");
  const [values, setValues] = useState<Record<string, unknown>>(editing?.values ?? {});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const type = types.find((t) => t.id === typeId);

  const save = useMutation({
    mutationFn: () => {
      if (!type) throw new Error("Pick a connection type.");
      const sensitive = new Set(type.fields.filter((f) => f.sensitive).map((f) => f.name));
      const typed = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== "" && v !== undefined));
      if (!editing) return api<ConnectionRowView>("/connections", { method: "POST", body: { name, type: type.id, values: typed } });
      const secrets = Object.fromEntries(Object.entries(typed).filter(([k]) => sensitive.has(k)));
      const plain = Object.fromEntries(Object.entries(values).filter(([k]) => !sensitive.has(k)));
      return api<ConnectionRowView>(`/connections/${editing.id}`, {
        method: "PUT",
        body: { name, values: plain, ...(Object.keys(secrets).length > 0 ? { secrets } : {}) },
      });
    },
    onSuccess: onSaved,
    onError: (error) => {
      const issues = error instanceof ApiError ? (error.details as { issues?: Array<{ path: string; message: string }> } | undefined)?.issues : undefined;
      setErrors(Object.fromEntries((issues ?? []).map((i) => [i.path.split(/[.[]/)[0], i.message])));
    },
  });

  return (
    <form className="space-y-4" onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <SelectField label="Type" value={typeId} disabled={editing !== null} onChange={(e) => { setTypeId(e.target.value); setValues({}); setErrors({}); }}>
        {types.map((t) => <option key={t.id} value={t.id}>{t.title} ({t.id}){t.deprecated ? " — deprecated" : ""}</option>)}
      </SelectField>
      {type ? <p className="text-xs text-slate-500">{type.description}</p> : null}
      <TextField label="Name *" value={name} error={errors.name} onChange={(e) => setName(e.target.value)} maxLength={200} placeholder="e.g. Billing API (production)" />
      {type ? (
        <FieldSpecInputs fields={type.fields} values={values} errors={errors} secretHints={editing?.secretHints} onChange={(n, v) => setValues((old) => ({ ...old, [n]: v }))} />
      ) : null}
      {save.isError ? <Alert>{errorMessage(save.error)}</Alert> : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={save.isPending || !type}>{editing ? "Save" : "Add connection"}</Button>
      </div>
    </form>
  );
}
