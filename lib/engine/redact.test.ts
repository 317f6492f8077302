import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { capEntry, LOG_ENTRY_LIMIT_BYTES, REDACTED, redact, safeStringify } from "./redact";

describe("redact", () => {
  it("blanks values under secret-looking keys, at any depth, whatever their type", () => {
    const input = {
      user: "ann",
      password: "p4ss",
      headers: [{ Authorization: "Bearer abc" }, { Cookie: "sid=1" }],
      auth: { apiKey: "k", api_key: "k2", "x-api-key": "k3", clientSecret: "s", refreshToken: { nested: true }, sessionID: "S1" },
      privateKey: "-----BEGIN",
      empty: { password: "" },
    };
    expect(redact(input)).toEqual({
      user: "ann",
      password: REDACTED,
      headers: [{ Authorization: REDACTED }, { Cookie: REDACTED }],
      auth: { apiKey: REDACTED, api_key: REDACTED, "x-api-key": REDACTED, clientSecret: REDACTED, refreshToken: REDACTED, sessionID: REDACTED },
      privateKey: REDACTED,
      empty: { password: "" },
    });
  });

  it("blanks keys declared sensitive and secret values wherever they appear in text", () => {
    expect(redact({ pin: "1234", url: "https://x/?key=SECRET-KEY-1&q=a", note: "SECRET-KEY-1" }, { secretKeys: new Set(["pin"]), secretValues: ["SECRET-KEY-1"] })).toEqual({
      pin: REDACTED,
      url: `https://x/?key=${REDACTED}&q=a`,
      note: REDACTED,
    });
  });

  it("does not blank short secret values, which would erase ordinary words", () => {
    expect(redact({ text: "on and on" }, { secretValues: ["on"] })).toEqual({ text: "on and on" });
  });

  it("never leaks a secret value, wherever it is placed", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6 }), fc.jsonValue(), (secret, data) => {
        const out = safeStringify(redact({ data, wrapped: `<${secret}>`, list: [secret] }, { secretValues: [secret] }));
        expect(JSON.parse(out).wrapped).not.toContain(secret);
        expect(JSON.parse(out).list).toEqual([REDACTED]);
      }),
    );
  });

  it("does not modify its input", () => {
    const input = { password: "x", nested: { token: "y" } };
    redact(input);
    expect(input).toEqual({ password: "x", nested: { token: "y" } });
  });
});

describe("capEntry", () => {
  const bytes = (v: unknown) => Buffer.byteLength(safeStringify(v), "utf8");

  it("leaves small entries alone", () => {
    const entry = { moduleId: 1, input: { a: 1 }, output: [{ b: 2 }] };
    expect(capEntry(entry, ["input", "output"])).toBe(entry);
  });

  it("caps a large entry at 64 KiB, marks it truncated and keeps the small parts whole", () => {
    const entry = { moduleId: 7, status: "success", input: { text: "x".repeat(50_000) }, output: [{ body: "é\"".repeat(60_000) }] };
    const capped = capEntry(entry, ["input", "output"]);
    expect(capped.truncated).toBe(true);
    expect(bytes(capped)).toBeLessThanOrEqual(LOG_ENTRY_LIMIT_BYTES);
    expect(capped.moduleId).toBe(7);
    expect(capped.status).toBe("success");
    expect(String(capped.input)).toMatch(/^\{"text":"xxx/);
    expect(String(capped.output)).toMatch(/… \[truncated\]$/);
  });

  it("stays within the limit for any content", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 3000 }), fc.integer({ min: 1, max: 60 }), (chunk, times) => {
        const entry = { moduleId: 1, input: chunk.repeat(times), output: [chunk.repeat(times * 2)] };
        expect(bytes(capEntry(entry, ["input", "output"], 4096))).toBeLessThanOrEqual(4096);
      }),
      { numRuns: 200 },
    );
  });
});

describe("safeStringify", () => {
  it("survives cycles, BigInt and binary data", () => {
    const cyclic: Record<string, unknown> = { n: 1n, bin: new Uint8Array(3) };
    cyclic.self = cyclic;
    expect(JSON.parse(safeStringify(cyclic))).toEqual({ n: "1", bin: "[binary 3 bytes]", self: "[circular]" });
  });
});

describe("shared references", () => {
  it("are not mistaken for cycles", () => {
    const item = { id: 1, token: "t0k3n-value" };
    expect(JSON.parse(safeStringify([item, item]))).toEqual([item, item]);
    expect(redact([item, item])).toEqual([{ id: 1, token: REDACTED }, { id: 1, token: REDACTED }]);
  });
});
