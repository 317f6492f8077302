"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";

/** Edit and Delete on a row; `name` tells screen readers (and tests) which row the buttons act on. */
export function RowActions({ name, onEdit, onDelete }: { name: string; onEdit?: () => void; onDelete?: () => void }) {
  return (
    <div className="flex justify-end gap-1 whitespace-nowrap">
      {onEdit ? (
        <Button variant="ghost" onClick={onEdit}>
          Edit<span className="sr-only"> {name}</span>
        </Button>
      ) : null}
      {onDelete ? (
        <Button variant="ghost" className="text-red-700" onClick={onDelete}>
          Delete<span className="sr-only"> {name}</span>
        </Button>
      ) : null}
    </div>
  );
}

/** A confirmed delete of `target` through `remove`; the server's refusal (a 409) stays in the dialog. */
export function ConfirmDelete<T>({
  target,
  title,
  message,
  confirmLabel,
  remove,
  onClose,
}: {
  target: T | null;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  remove: UseMutationResult<unknown, Error, T>;
  onClose: () => void;
}) {
  return (
    <ConfirmDialog
      open={target !== null}
      title={title}
      message={message}
      confirmLabel={confirmLabel}
      danger
      busy={remove.isPending}
      error={remove.isError ? errorMessage(remove.error) : undefined}
      onClose={() => {
        onClose();
        remove.reset();
      }}
      onConfirm={() => target !== null && remove.mutate(target)}
    />
  );
}
