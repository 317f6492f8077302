"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";

/** Emptying a store can't be undone, so the person types the store's name to confirm. */
export function DeleteAllDialog({
  open,
  storeName,
  records,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  storeName: string;
  records: number;
  busy: boolean;
  error?: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const [typed, setTyped] = useState("");
  const close = () => {
    setTyped("");
    onClose();
  };
  return (
    <Dialog open={open} title={`Delete all records of “${storeName}”?`} onClose={close}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed === storeName) onConfirm();
        }}
      >
        <p className="text-sm text-slate-600">
          All {records} record{records === 1 ? "" : "s"} are deleted for good. The store and its structure stay.
        </p>
        <TextField label={`Type “${storeName}” to confirm`} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" autoFocus />
        {error ? <Alert>{error}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="danger" disabled={busy || typed !== storeName}>
            Delete all records
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
