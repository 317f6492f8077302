import { z } from "zod";

export const roles = ["admin", "builder", "viewer"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

const rank: Record<Role, number> = { viewer: 0, builder: 1, admin: 2 };

/** Roles are ordered: an admin may do whatever a builder may, a builder whatever a viewer may. */
export function hasRole(actual: Role, required: Role): boolean {
  return rank[actual] >= rank[required];
}

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  via: "session" | "token";
}
