"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import { fieldErrors, formatBytes, type StoreView, type StructureView } from "./types";

const MB = 1024 * 1024;

/** Create a store (name, structure, size limit) or rename one and change its limit; errors sit by their field. */
export function StoreDialog({
  open,
  editing,
  structures,
  onClose,
  onSaved,
}: {
  open: boolean;
  editing: StoreView | null;
  structures: StructureView[];
  onClose: () => void;
  onSaved: (store: StoreView) => void;
}) {
  return (
    <Dialog open={open} title={editing ? `Edit “${editing.name}”` : "New data store"} onClose={onClose}>
      {open ? <StoreForm key={editing?.id ?? "new"} editing={editing} structures={structures} onClose={onClose} onSaved={onSaved} /> : null}
    </Dialog>
  );
}

function StoreForm({ editing, structures, onClose, onSaved }: { editing: StoreView | null; structures: StructureView[]; onClose: () => void; onSaved: (s: StoreView) => void }) {
  const [name, setName] = useState(editing?.name ?? "");
  const [structureId, setStructureId] = useState(editing?.structureId ?? "");
  const [limitMb, setLimitMb] = useState(String((editing?.maxBytes ?? 10 * MB) / MB));
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: () => {
      const mb = Number(limitMb.replace(",", "."));
      if (limitMb.trim() === "" || !Number.isFinite(mb) || mb <= 0) throw new LocalError({ maxBytes: "Give the size limit in MB, e.g. 10 or 0.5." });
      const maxBytes = Math.round(mb * MB);
      if (editing) return api<StoreView>(`/data-stores/${editing.id}`, { method: "PUT", body: { name, maxBytes } });
      return api<StoreView>("/data-stores", { method: "POST", body: { name, structureId: structureId || null, maxBytes } });
    },
    onSuccess: onSaved,
    onError: (error) => setErrors(error instanceof LocalError ? error.fields : fieldErrors(error)),
  });
  const general = save.isError && Object.keys(errors).length === 0 ? errorMessage(save.error) : undefined;

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        setErrors({});
        save.mutate();
      }}
    >
      <TextField label="Name *" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} error={errors.name} placeholder="e.g. Proofed tasks" />
      <SelectField
        label="Data structure"
        value={structureId}
        disabled={editing !== null}
        onChange={(e) => setStructureId(e.target.value)}
        error={errors.structureId}
        hint={editing ? "A store keeps its structure; edit the structure itself under Data structures." : "Without one the store only keeps keys (useful to remember what was already done)."}
      >
        <option value="">— none: keys only —</option>
        {structures.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Size limit (MB) *"
        inputMode="decimal"
        value={limitMb}
        onChange={(e) => setLimitMb(e.target.value)}
        error={errors.maxBytes}
        hint={editing ? `In use: ${formatBytes(editing.usedBytes)}. Between 1 KB and 100 MB.` : "Between 1 KB and 100 MB."}
      />
      {general ? <Alert>{general}</Alert> : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {editing ? "Save" : "Create data store"}
        </Button>
      </div>
    </form>
  );
}

/** A problem found before asking the server, shown by its field like the server's. */
class LocalError extends Error {
  constructor(readonly fields: Record<string, string>) {
    super(Object.values(fields)[0]);
  }
}
