"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import { draftOf, emptyDraft, recordOf, type DraftRecord } from "./record-draft";
import { RecordFields } from "./record-fields";
import { fieldErrors, type StoredRecord, type StructureField } from "./types";

/** Add a record by hand, or edit one (its key stays); the form is drawn from the store's structure. */
export function RecordDialog({
  open,
  storeId,
  fields,
  editing,
  onClose,
  onSaved,
}: {
  open: boolean;
  storeId: string;
  fields: readonly StructureField[];
  editing: StoredRecord | null;
  onClose: () => void;
  onSaved: (record: StoredRecord) => void;
}) {
  return (
    <Dialog open={open} title={editing ? `Edit record “${editing.key}”` : "Add a record"} onClose={onClose} wide>
      {open ? <RecordForm key={editing?.key ?? "new"} storeId={storeId} fields={fields} editing={editing} onClose={onClose} onSaved={onSaved} /> : null}
    </Dialog>
  );
}

function RecordForm({ storeId, fields, editing, onClose, onSaved }: { storeId: string; fields: readonly StructureField[]; editing: StoredRecord | null; onClose: () => void; onSaved: (r: StoredRecord) => void }) {
  const [key, setKey] = useState(editing?.key ?? "");
  const [draft, setDraft] = useState<DraftRecord>(() => (editing ? draftOf(fields, editing.data) : emptyDraft(fields)));
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: () => {
      const data = recordOf(fields, draft);
      if (editing) return api<StoredRecord>(`/data-stores/${storeId}/records/${encodeURIComponent(editing.key)}`, { method: "PUT", body: { data } });
      return api<StoredRecord>(`/data-stores/${storeId}/records`, { method: "POST", body: { ...(key.trim() ? { key: key.trim() } : {}), data } });
    },
    onSuccess: onSaved,
    onError: (error) => {
      // A taken key is the key field's problem.
      if (error instanceof ApiError && error.status === 409) return setErrors({ key: error.message });
      setErrors(fieldErrors(error));
    },
  });
  const general = save.isError && Object.keys(errors).length === 0 ? errorMessage(save.error) : undefined;

  return (
    <form
      className="max-h-[70vh] space-y-4 overflow-y-auto pr-1"
      onSubmit={(e) => {
        e.preventDefault();
        setErrors({});
        save.mutate();
      }}
    >
      <TextField
        label="Key"
        value={key}
        disabled={editing !== null}
        onChange={(e) => setKey(e.target.value)}
        maxLength={256}
        error={errors.key}
        hint={editing ? "A record's key can't change; add a new record to use another key." : "Leave empty for a random key."}
      />
      {fields.length === 0 ? <p className="text-sm text-slate-500">This store keeps keys only.</p> : <RecordFields fields={fields} value={draft} onChange={setDraft} errors={errors} />}
      {general ? <Alert>{general}</Alert> : null}
      {errors[""] ? <Alert>{errors[""]}</Alert> : null}
      <div className="sticky bottom-0 flex justify-end gap-2 bg-white pt-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {editing ? "Save record" : "Add record"}
        </Button>
      </div>
    </form>
  );
}
