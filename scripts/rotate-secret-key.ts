import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { readConfig } from "../lib/config";
import { closeDb, getDb } from "../lib/db/client";
import { connectionSessions, connections, instanceSettings } from "../lib/db/schema";
import { decrypt, encrypt, parseKey } from "../lib/secrets/crypto";
import { checkValueFor, getSecretKey, keyFilePath } from "../lib/secrets/keyring";

/**
 * `npm run rotate-secret-key`: re-seals every connection secret and cached token with a new key, in one
 * transaction. Stop every Patchbay process first (they hold the old key). With a key file, the new key
 * replaces it; with PATCHBAY_SECRET_KEY, give the new one as PATCHBAY_NEW_SECRET_KEY and restart with it.
 */
async function main(): Promise<void> {
  const config = readConfig();
  const db = await getDb();
  const oldKey = await getSecretKey(db, config); // proves the current key is the right one
  const fromEnv = Boolean(process.env.PATCHBAY_SECRET_KEY);
  if (fromEnv && !process.env.PATCHBAY_NEW_SECRET_KEY) {
    throw new Error("The key comes from PATCHBAY_SECRET_KEY: give the new one as PATCHBAY_NEW_SECRET_KEY (32 bytes, base64).");
  }
  const newKey = process.env.PATCHBAY_NEW_SECRET_KEY ? parseKey(process.env.PATCHBAY_NEW_SECRET_KEY, "PATCHBAY_NEW_SECRET_KEY") : randomBytes(32);
  const file = keyFilePath(config);
  const staged = `${file}.new`;
  if (!fromEnv) fs.writeFileSync(staged, newKey.toString("base64"), { mode: 0o600 });

  let count = 0;
  try {
    await db.transaction(async (tx) => {
      for (const row of await tx.select({ id: connections.id, secrets: connections.secrets }).from(connections).for("update")) {
        await tx.update(connections).set({ secrets: encrypt(newKey, decrypt(oldKey, row.secrets)) }).where(eq(connections.id, row.id));
        count++;
      }
      for (const row of await tx.select().from(connectionSessions)) {
        await tx
          .update(connectionSessions)
          .set({ value: encrypt(newKey, decrypt(oldKey, row.value)) })
          .where(eq(connectionSessions.connectionId, row.connectionId));
      }
      const check = checkValueFor(newKey);
      await tx.insert(instanceSettings).values(check).onConflictDoUpdate({ target: instanceSettings.key, set: { value: check.value } });
    });
  } catch (error) {
    if (!fromEnv) fs.rmSync(staged, { force: true });
    throw error;
  }
  // Only once the database holds the new seals does the new key replace the old one.
  if (!fromEnv) fs.renameSync(staged, file);
  process.stdout.write(
    `Re-sealed the secrets of ${count} connection${count === 1 ? "" : "s"} with a new key.\n` +
      (fromEnv ? "Restart every process with PATCHBAY_SECRET_KEY set to the new key.\n" : `The new key is in ${file}.\n`),
  );
  await closeDb();
}

main().catch(async (err: unknown) => {
  process.stderr.write(`Key rotation failed, nothing was changed: ${err instanceof Error ? err.message : String(err)}\n`);
  await closeDb().catch(() => undefined);
  process.exit(1);
});
