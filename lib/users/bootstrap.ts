import { count } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { newSecret } from "../ids";
import { createUser } from "./service";

export const DEFAULT_ADMIN_EMAIL = "admin@example.com";

export interface BootstrapResult {
  created: boolean;
  email?: string;
  /** Only when this start created the admin; nothing stores it in plain text. */
  password?: string;
}

/** First start: an empty instance gets one admin, from the environment or with a generated password. */
export async function ensureFirstAdmin(
  db: Db,
  env: { email?: string; password?: string },
): Promise<BootstrapResult> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n > 0) return { created: false };
  const email = env.email ?? DEFAULT_ADMIN_EMAIL;
  const password = env.password ?? newSecret(12);
  await createUser(db, null, { email, name: "Admin", role: "admin", password });
  return { created: true, email: email.toLowerCase(), password };
}
