"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/misc";
import { ConnectionDialog } from "./connection-dialog";
import type { ConnectionRowView, ConnectionTypeView } from "./types";

type Outcome = { connection: ConnectionRowView; test?: { ok: boolean; message: string }; oauth2: boolean } | null;

/**
 * An admin adds a connection where it is needed (a module's inspector, an upgrade) without leaving the
 * page: the dialog offers only the types the module accepts, the new connection is picked at once, then
 * tested, or, for OAuth2 types, authorized in a new tab.
 */
export function AddConnection({ accepted, onCreated, label = "New connection" }: { accepted: string[]; onCreated: (connection: ConnectionRowView) => void; label?: string }) {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const types = useQuery({ queryKey: ["connection-types"], queryFn: () => api<{ items: ConnectionTypeView[] }>("/connection-types"), enabled: open });
  const offered = (types.data?.items ?? []).filter((t) => accepted.includes(t.id));

  const test = useMutation({
    mutationFn: (id: string) => api<{ ok: boolean; message: string }>(`/connections/${id}/test`, { method: "POST" }),
    onSettled: (result, error, id) => {
      setOutcome((o) => (o && o.connection.id === id ? { ...o, test: result ?? { ok: false, message: errorMessage(error) } } : o));
      void qc.invalidateQueries({ queryKey: ["connections"] });
    },
  });
  const authorize = useMutation({
    mutationFn: (id: string) => api<{ url: string }>(`/connections/${id}/authorize`, { method: "POST" }),
    onSuccess: ({ url }) => window.open(url, "_blank", "noopener"),
  });

  return (
    <div className="space-y-1">
      <Button type="button" variant="ghost" className="px-1 py-0.5 text-xs" onClick={() => setOpen(true)}>
        + {label}
      </Button>
      {outcome ? (
        <div data-testid="new-connection-outcome" className="space-y-1 text-[11px]">
          {outcome.oauth2 ? (
            <Alert kind="info">
              “{outcome.connection.name}” is saved and picked; it needs authorizing before it works.{" "}
              <button type="button" className="font-medium text-brand-700 underline" onClick={() => authorize.mutate(outcome.connection.id)}>
                Authorize it in a new tab
              </button>
              {authorize.isError ? <span className="block text-red-700">{errorMessage(authorize.error)}</span> : null}
            </Alert>
          ) : outcome.test ? (
            <Alert kind={outcome.test.ok ? "success" : "error"}>
              {outcome.test.ok ? `“${outcome.connection.name}” works: ${outcome.test.message}` : `“${outcome.connection.name}” is saved but its test failed: ${outcome.test.message}`}
            </Alert>
          ) : test.isPending ? (
            <p className="text-slate-600">Testing “{outcome.connection.name}”…</p>
          ) : (
            <Alert kind="success">“{outcome.connection.name}” is saved and picked.</Alert>
          )}
        </div>
      ) : null}
      <ConnectionDialog
        open={open}
        types={offered}
        editing={null}
        onClose={() => setOpen(false)}
        onSaved={(connection) => {
          setOpen(false);
          const type = offered.find((t) => t.id === connection.type);
          setOutcome({ connection, oauth2: type?.oauth2 ?? false });
          qc.setQueryData<{ items: ConnectionRowView[] }>(["connections"], (old) => (old ? { items: [...old.items, connection] } : old));
          void qc.invalidateQueries({ queryKey: ["connections"] });
          onCreated(connection);
          if (type?.verifiable && !type.oauth2) test.mutate(connection.id);
        }}
      />
    </div>
  );
}
