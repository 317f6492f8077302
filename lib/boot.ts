import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { readConfig, type PatchbayConfig } from "./config";
import { getDb } from "./db/client";
import { ensureFirstAdmin, type BootstrapResult } from "./users/bootstrap";
import { getSecretKey } from "./secrets/keyring";
import { seedDemo } from "./demo";
import { findUserByEmail } from "./users/service";

/**
 * The session-signing secret: NEXTAUTH_SECRET when set (required when several web processes share
 * one database), otherwise a key generated once into the data directory, readable only by us.
 */
export function ensureAuthSecret(config: PatchbayConfig): void {
  if (process.env.NEXTAUTH_SECRET) return;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  process.env.NEXTAUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}

/** Everything a process needs before it serves: secrets, a migrated database, the first admin. */
export async function boot(options: { origin?: string } = {}): Promise<{ config: PatchbayConfig; admin: BootstrapResult }> {
  const config = readConfig();
  ensureAuthSecret(config);
  const db = await getDb();
  // A wrong or missing secret key stops the start here, before anything could write with it.
  await getSecretKey(db, config);
  const admin = await ensureFirstAdmin(db, { email: config.adminEmail, password: config.adminPassword });
  if (admin.created && config.sandbox && options.origin) {
    const user = await findUserByEmail(db, admin.email!);
    if (user) await seedDemo(db, { id: user.id, email: user.email, name: user.name, role: user.role, via: "session" }, options.origin);
  }
  return { config, admin };
}
