import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { PatchbayConfig } from "../config";
import type { Db, DbOrTx } from "../db/client";
import { connections, instanceSettings } from "../db/schema";
import { DecryptionError, decrypt, encrypt, parseKey } from "./crypto";

const CHECK_KEY = "secret_key_check";
const CHECK_TEXT = "patchbay secret key check";

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretKeyError";
  }
}

export function keyFilePath(config: PatchbayConfig): string {
  return path.join(config.dataDir, "secret.key");
}

const globalKey = Symbol.for("patchbay.secretKey");
type GlobalWithKey = typeof globalThis & { [globalKey]?: Promise<Buffer> };

/**
 * The key that seals connection secrets: PATCHBAY_SECRET_KEY, or a key file (mode 0600) generated in the
 * data directory on an instance that has never stored a secret. A stored check value proves the key is the
 * one the data was sealed with; anything else stops the process with a clear message, never a silent reset.
 */
export function getSecretKey(db: Db, config: PatchbayConfig): Promise<Buffer> {
  const g = globalThis as GlobalWithKey;
  g[globalKey] ??= loadKey(db, config).catch((error: unknown) => {
    delete g[globalKey];
    throw error;
  });
  return g[globalKey];
}

async function loadKey(db: Db, config: PatchbayConfig): Promise<Buffer> {
  const [check] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, CHECK_KEY));
  const hasSecrets = check !== undefined || (await db.select({ id: connections.id }).from(connections).limit(1)).length > 0;
  const file = keyFilePath(config);
  let key: Buffer;
  if (process.env.PATCHBAY_SECRET_KEY) {
    key = parseKey(process.env.PATCHBAY_SECRET_KEY, "PATCHBAY_SECRET_KEY");
  } else if (fs.existsSync(file)) {
    key = parseKey(fs.readFileSync(file, "utf8"), file);
  } else if (hasSecrets) {
    throw new SecretKeyError(
      `Connection secrets are stored, but there is no key to open them: set PATCHBAY_SECRET_KEY or restore ${file}.`,
    );
  } else {
    key = randomBytes(32);
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, key.toString("base64"), { mode: 0o600, flag: "wx" });
  }
  await verifyOrRecordCheck(db, key, check?.value);
  return key;
}

async function verifyOrRecordCheck(db: DbOrTx, key: Buffer, stored: string | undefined): Promise<void> {
  if (stored === undefined) {
    await db.insert(instanceSettings).values({ key: CHECK_KEY, value: encrypt(key, CHECK_TEXT) }).onConflictDoNothing();
    const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, CHECK_KEY));
    stored = row.value;
  }
  try {
    if (decrypt(key, stored) === CHECK_TEXT) return;
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
  }
  throw new SecretKeyError(
    "The secret key does not match the one this instance's connections were sealed with (PATCHBAY_SECRET_KEY or the key file). Nothing was changed; start with the original key.",
  );
}

/** For key rotation: the check value sealed with `key`. */
export function checkValueFor(key: Buffer): { key: string; value: string } {
  return { key: CHECK_KEY, value: encrypt(key, CHECK_TEXT) };
}
