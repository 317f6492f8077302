import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DecryptionError, decrypt, encrypt, parseKey } from "./crypto";

describe("secret encryption", () => {
  const key = randomBytes(32);

  it("round-trips text and never repeats a ciphertext", () => {
    const a = encrypt(key, "hunter2 ✓");
    expect(decrypt(key, a)).toBe("hunter2 ✓");
    expect(encrypt(key, "hunter2 ✓")).not.toBe(a);
    expect(a).not.toContain("hunter2");
  });

  it("refuses a wrong key and any tampering", () => {
    const sealed = encrypt(key, "secret");
    expect(() => decrypt(randomBytes(32), sealed)).toThrow(DecryptionError);
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[3], "base64url");
    flipped[0] ^= 1;
    expect(() => decrypt(key, [...parts.slice(0, 3), flipped.toString("base64url")].join("."))).toThrow(DecryptionError);
    expect(() => decrypt(key, "garbage")).toThrow(DecryptionError);
  });

  it("accepts only 32-byte base64 keys", () => {
    expect(parseKey(randomBytes(32).toString("base64"), "KEY")).toHaveLength(32);
    expect(() => parseKey("c2hvcnQ=", "PATCHBAY_SECRET_KEY")).toThrow(/PATCHBAY_SECRET_KEY must be 32 bytes/);
  });
});
