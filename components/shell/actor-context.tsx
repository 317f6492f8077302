"use client";

import { createContext, useContext } from "react";
import type { Actor, Role } from "@/lib/auth/roles";

type ClientActor = Pick<Actor, "id" | "email" | "name" | "role">;

const ActorContext = createContext<ClientActor | null>(null);

export function ActorProvider({ actor, children }: { actor: ClientActor; children: React.ReactNode }) {
  return <ActorContext.Provider value={actor}>{children}</ActorContext.Provider>;
}

export function useActor(): ClientActor {
  const actor = useContext(ActorContext);
  if (!actor) throw new Error("useActor outside ActorProvider");
  return actor;
}

const rank: Record<Role, number> = { viewer: 0, builder: 1, admin: 2 };

/** For showing or hiding controls only; the server authorizes every request itself. */
export function useCan(role: Role): boolean {
  return rank[useActor().role] >= rank[role];
}
