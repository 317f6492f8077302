import { createHash, randomBytes } from "node:crypto";

let counter = 0;

/**
 * 32 lower-case hex characters shaped like real IDs (`58d389be000000deb46805b72b41e3b4`): creation
 * seconds, a counter, then randomness. `ID_Sort=asc` therefore roughly follows creation order, as it does
 * on a real tenant.
 */
export function newWfId(now: Date): string {
  counter = (counter + 1) % 0xffffffff;
  const seconds = Math.floor(now.getTime() / 1000).toString(16).padStart(8, "0").slice(-8);
  return `${seconds}${counter.toString(16).padStart(8, "0")}${randomBytes(8).toString("hex")}`;
}

/** Stable IDs for seed rows, so a reset gives the same IDs and demos can refer to them. */
export function seedId(key: string): string {
  return createHash("sha256").update(`patchbay-workfront-seed:${key}`).digest("hex").slice(0, 32);
}

export function randomHex(bytes = 16): string {
  return randomBytes(bytes).toString("hex");
}

const KEY_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** API keys look like `c9u0yl9zlbwh8vd3ti8yuu9vdxb5rp19`: 32 lower-case alphanumerics. */
export function newApiKey(): string {
  let out = "";
  for (const byte of randomBytes(32)) out += KEY_ALPHABET[byte % KEY_ALPHABET.length];
  return out;
}

export const WF_ID_RE = /^[0-9a-f]{32}$/;
