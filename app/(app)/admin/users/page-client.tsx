"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { UserView } from "@/lib/api/views";
import type { Role } from "@/lib/auth/roles";
import { useActor } from "@/components/shell/actor-context";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { Alert, Badge, Card, PageHeader } from "@/components/ui/misc";

const roleLabels: Record<Role, string> = {
  admin: "Admin — users, connections, everything",
  builder: "Builder — builds and runs scenarios",
  viewer: "Viewer — read-only",
};

export function UsersPageClient() {
  const me = useActor();
  const qc = useQueryClient();
  const users = useQuery({ queryKey: ["users"], queryFn: () => api<{ items: UserView[] }>("/users") });
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<{ kind: "error" | "success"; text: React.ReactNode } | null>(null);
  const update = useMutation({
    mutationFn: (v: { id: string; role?: Role; disabled?: boolean }) =>
      api<UserView>(`/users/${v.id}`, { method: "PATCH", body: { role: v.role, disabled: v.disabled } }),
    onSuccess: (u) => {
      void qc.invalidateQueries({ queryKey: ["users"] });
      setNotice({ kind: "success", text: `Updated ${u.email}.` });
    },
    onError: (e) => {
      void qc.invalidateQueries({ queryKey: ["users"] });
      setNotice({ kind: "error", text: errorMessage(e) });
    },
  });
  const reinvite = useMutation({
    mutationFn: (id: string) => api<{ invitePath: string }>(`/users/${id}/invite`, { method: "POST" }),
    onSuccess: (r) => setNotice({ kind: "success", text: <InviteLink path={r.invitePath} /> }),
    onError: (e) => setNotice({ kind: "error", text: errorMessage(e) }),
  });

  return (
    <>
      <PageHeader title="Users" actions={<Button variant="primary" onClick={() => setAdding(true)}>Add user</Button>}>
        Admins manage who can use Patchbay and what they may do.
      </PageHeader>
      {notice ? <div className="mb-4"><Alert kind={notice.kind}>{notice.text}</Alert></div> : null}
      <Card>
        {users.isError ? <div className="p-4"><Alert>{errorMessage(users.error)}</Alert></div> : null}
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">User</th>
              <th scope="col" className="px-4 py-2 font-medium">Role</th>
              <th scope="col" className="px-4 py-2 font-medium">Status</th>
              <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {users.data?.items.map((u) => (
              <tr key={u.id} className="border-b border-slate-100 last:border-0" data-testid="user-row">
                <td className="px-4 py-2">
                  <p className="font-medium">{u.name || u.email}</p>
                  <p className="text-xs text-slate-500">{u.email}{u.id === me.id ? " (you)" : ""}</p>
                </td>
                <td className="px-4 py-2">
                  <label className="sr-only" htmlFor={`role-${u.id}`}>Role of {u.email}</label>
                  <select
                    id={`role-${u.id}`}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                    value={u.role}
                    disabled={update.isPending}
                    onChange={(e) => update.mutate({ id: u.id, role: e.target.value as Role })}
                  >
                    <option value="admin">Admin</option>
                    <option value="builder">Builder</option>
                    <option value="viewer">Viewer</option>
                  </select>
                </td>
                <td className="px-4 py-2">
                  <Badge tone={u.status === "active" ? "green" : u.status === "invited" ? "amber" : "red"}>{u.status}</Badge>
                </td>
                <td className="px-4 py-2">
                  <div className="flex justify-end gap-1">
                    {u.status === "invited" ? (
                      <Button variant="ghost" onClick={() => reinvite.mutate(u.id)}>New invite link<span className="sr-only"> for {u.email}</span></Button>
                    ) : null}
                    {u.status === "disabled" ? (
                      <Button variant="ghost" onClick={() => update.mutate({ id: u.id, disabled: false })}>Enable<span className="sr-only"> {u.email}</span></Button>
                    ) : (
                      <Button variant="ghost" className="text-red-700" onClick={() => update.mutate({ id: u.id, disabled: true })}>
                        Disable<span className="sr-only"> {u.email}</span>
                      </Button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <AddUserDialog
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(text) => {
          setAdding(false);
          setNotice({ kind: "success", text });
          void qc.invalidateQueries({ queryKey: ["users"] });
        }}
      />
    </>
  );
}

function InviteLink({ path }: { path: string }) {
  const url = typeof window === "undefined" ? path : `${window.location.origin}${path}`;
  return (
    <span>
      Send this one-time invite link (valid 7 days): <code className="break-all rounded bg-white px-1" data-testid="invite-link">{url}</code>
    </span>
  );
}

function AddUserDialog({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: (text: React.ReactNode) => void }) {
  const [mode, setMode] = useState<"invite" | "password">("invite");
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<{ user: UserView; invitePath?: string }>("/users", { method: "POST", body }),
    onSuccess: (r) => {
      create.reset();
      onAdded(r.invitePath ? <>Invited {r.user.email}. <InviteLink path={r.invitePath} /></> : `Created ${r.user.email}.`);
    },
  });
  return (
    <Dialog open={open} title="Add a user" onClose={() => { create.reset(); onClose(); }}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          create.mutate({
            email: String(f.get("email")),
            name: String(f.get("name") ?? ""),
            role: String(f.get("role")),
            ...(mode === "password" ? { password: String(f.get("password")) } : {}),
          });
        }}
      >
        <TextField label="E-mail" name="email" type="email" required autoFocus />
        <TextField label="Name" name="name" />
        <SelectField label="Role" name="role" defaultValue="builder">
          {(Object.keys(roleLabels) as Role[]).map((r) => <option key={r} value={r}>{roleLabels[r]}</option>)}
        </SelectField>
        <fieldset className="space-y-1 text-sm">
          <legend className="font-medium text-slate-700">Password</legend>
          <label className="flex items-center gap-2"><input type="radio" checked={mode === "invite"} onChange={() => setMode("invite")} /> Send an invite link; they choose it</label>
          <label className="flex items-center gap-2"><input type="radio" checked={mode === "password"} onChange={() => setMode("password")} /> Set it now</label>
        </fieldset>
        {mode === "password" ? <TextField label="Initial password" name="password" type="password" autoComplete="new-password" minLength={10} required hint="At least 10 characters." /> : null}
        {create.isError ? <Alert>{errorMessage(create.error)}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={create.isPending}>{mode === "invite" ? "Invite" : "Create"}</Button>
        </div>
      </form>
    </Dialog>
  );
}
