"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useActor, useCan } from "./actor-context";
import { Button } from "@/components/ui/button";

const links = [
  { href: "/scenarios", label: "Scenarios", role: "viewer" },
  { href: "/upgrades", label: "Upgrades", role: "builder" },
  { href: "/connections", label: "Connections", role: "viewer" },
  { href: "/webhooks", label: "Webhooks", role: "viewer" },
  // Data structures live under Data stores, so the tab stays lit there too.
  { href: "/data-stores", label: "Data stores", role: "viewer", also: "/data-structures" },
  { href: "/admin/users", label: "Users", role: "admin" },
  { href: "/admin/audit", label: "Audit log", role: "admin" },
  { href: "/admin/system", label: "System", role: "admin" },
  { href: "/settings/tokens", label: "My tokens", role: "viewer" },
] as const;

export function AppNav() {
  const actor = useActor();
  const pathname = usePathname();
  const allowed = { viewer: true, builder: useCan("builder"), admin: useCan("admin") };
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center gap-4 px-6 py-3">
        <Link href="/scenarios" className="flex items-center gap-2 font-semibold text-slate-900">
          <span aria-hidden className="inline-block h-5 w-5 rounded bg-brand-600" />
          Patchbay
        </Link>
        <ul className="flex items-center gap-0.5">
          {links
            .filter((l) => allowed[l.role])
            .map((l) => {
              const current = [l.href, "also" in l ? l.also : null].some((href) => href !== null && (pathname === href || pathname.startsWith(`${href}/`)));
              return (
                <li key={l.href}>
                  <Link
                    href={l.href}
                    aria-current={current ? "page" : undefined}
                    className={`whitespace-nowrap rounded-md px-2.5 py-1.5 text-sm ${current ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
                  >
                    {l.label}
                  </Link>
                </li>
              );
            })}
        </ul>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span className="max-w-56 truncate whitespace-nowrap text-slate-600" data-testid="current-user" title={`${actor.email} (${actor.role})`}>
            {actor.email} <span className="text-slate-400">({actor.role})</span>
          </span>
          <Button
            variant="ghost"
            className="whitespace-nowrap"
            onClick={() =>
              // next-auth would redirect to its configured base URL; stay on the host the person actually uses.
              void signOut({ redirect: false }).then(() => window.location.assign(new URL("/sign-in", window.location.origin)))
            }
          >
            Sign out
          </Button>
        </div>
      </nav>
    </header>
  );
}
