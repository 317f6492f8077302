"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Alert, Card } from "@/components/ui/misc";

export function AcceptInviteForm({ token }: { token: string }) {
  const invite = useQuery({ queryKey: ["invite", token], queryFn: () => api<{ email: string }>(`/invites/${token}`) });
  const [mismatch, setMismatch] = useState<string>();
  const accept = useMutation({ mutationFn: (password: string) => api(`/invites/${token}`, { method: "POST", body: { password } }) });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password"));
    if (password !== String(form.get("confirm"))) {
      setMismatch("The two passwords differ.");
      return;
    }
    setMismatch(undefined);
    accept.mutate(password);
  }

  return (
    <Card className="w-full max-w-sm space-y-4 p-6">
      <h1 className="text-lg font-semibold">Welcome to Patchbay</h1>
      {invite.isPending ? <p className="text-sm text-slate-500">Checking your invite…</p> : null}
      {invite.isError ? <Alert>{errorMessage(invite.error)}</Alert> : null}
      {accept.isSuccess ? (
        <Alert kind="success">
          Your password is set. <Link className="font-medium underline" href="/sign-in">Sign in</Link>
        </Alert>
      ) : invite.data ? (
        <form onSubmit={onSubmit} className="space-y-4">
          <p className="text-sm text-slate-600">Choose a password for {invite.data.email}.</p>
          <TextField label="Password" name="password" type="password" autoComplete="new-password" minLength={10} required hint="At least 10 characters." />
          <TextField label="Repeat the password" name="confirm" type="password" autoComplete="new-password" required error={mismatch} />
          {accept.isError ? <Alert>{errorMessage(accept.error)}</Alert> : null}
          <Button type="submit" variant="primary" className="w-full" disabled={accept.isPending}>
            Set password
          </Button>
        </form>
      ) : null}
    </Card>
  );
}
