"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { inferStructure, RecordValidationError } from "@/lib/datastores/structure";
import { ApiError, api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextAreaField, TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import { fromEditorFields, newEditorField, toEditorFields, type EditorField } from "./structure-draft";
import { StructureFieldsEditor } from "./structure-fields-editor";
import { fieldErrors, type StructureView } from "./types";

/** Create a structure (by hand or generated from a sample JSON) or edit one; the API's 409 is explained. */
export function StructureDialog({ open, editing, onClose, onSaved }: { open: boolean; editing: StructureView | null; onClose: () => void; onSaved: (s: StructureView) => void }) {
  return (
    <Dialog open={open} title={editing ? `Edit data structure “${editing.name}”` : "New data structure"} onClose={onClose} wide>
      {open ? <StructureForm key={editing?.id ?? "new"} editing={editing} onClose={onClose} onSaved={onSaved} /> : null}
    </Dialog>
  );
}

function StructureForm({ editing, onClose, onSaved }: { editing: StructureView | null; onClose: () => void; onSaved: (s: StructureView) => void }) {
  const [name, setName] = useState(editing?.name ?? "");
  const [fields, setFields] = useState<EditorField[]>(() => (editing ? toEditorFields(editing.fields) : [newEditorField()]));
  const [sample, setSample] = useState("");
  const [sampleError, setSampleError] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});

  const generate = () => {
    try {
      setFields(toEditorFields(inferStructure(JSON.parse(sample) as unknown)));
      setSampleError(undefined);
    } catch (e) {
      setSampleError(e instanceof RecordValidationError ? e.message : "The sample is not valid JSON.");
    }
  };

  const save = useMutation({
    mutationFn: () => {
      const body = { name, fields: fromEditorFields(fields) };
      return editing ? api<StructureView>(`/data-structures/${editing.id}`, { method: "PUT", body }) : api<StructureView>("/data-structures", { method: "POST", body });
    },
    onSuccess: onSaved,
    onError: (error) => setErrors(error instanceof ApiError && error.status === 409 ? {} : fieldErrors(error)),
  });
  const refused = save.error instanceof ApiError && save.error.status === 409 ? save.error.message : undefined;
  const general = save.isError && !refused && Object.keys(errors).length === 0 ? errorMessage(save.error) : undefined;

  return (
    <form
      className="max-h-[75vh] space-y-4 overflow-y-auto pr-1"
      onSubmit={(e) => {
        e.preventDefault();
        setErrors({});
        save.mutate();
      }}
    >
      <TextField label="Name *" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} error={errors.name} placeholder="e.g. Proof request" />
      <details className="rounded-md border border-slate-200 p-3" open={!editing && fields.every((f) => f.name === "")}>
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Generate from a sample JSON</summary>
        <div className="mt-2 space-y-2">
          <TextAreaField
            label="Sample JSON"
            rows={5}
            className="font-mono"
            value={sample}
            onChange={(e) => setSample(e.target.value)}
            error={sampleError}
            hint="Paste one record, e.g. a webhook call's body. Numbers, booleans, ISO dates, lists and nested objects are recognised."
            spellCheck={false}
          />
          <Button onClick={generate} disabled={sample.trim() === ""}>
            Generate fields
          </Button>
          {fields.some((f) => f.name !== "") ? <p className="text-xs text-slate-500">Generating replaces the fields below; review them before saving.</p> : null}
        </div>
      </details>
      <div>
        <p className="mb-2 text-sm font-medium text-slate-700">Fields</p>
        <StructureFieldsEditor fields={fields} onChange={setFields} errors={errors} />
      </div>
      {refused ? (
        <Alert>
          <p className="font-medium">This change was refused: records already stored would no longer fit.</p>
          <p>{refused}</p>
          <p className="mt-1">Adding optional fields is always allowed. To make this change, first edit or delete the records that don&apos;t fit.</p>
        </Alert>
      ) : null}
      {general ? <Alert>{general}</Alert> : null}
      <div className="sticky bottom-0 flex justify-end gap-2 bg-white pt-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {editing ? "Save data structure" : "Create data structure"}
        </Button>
      </div>
    </form>
  );
}
