import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as client from "./client";
import { implementedFunctionNames } from "./functions/index";
import { functionCatalog, keywordCatalog, KEYWORDS } from "./index";
import { calc, evalError } from "./test-support";

const REQUIRED = {
  general: ["if", "ifempty", "switch", "get", "pick", "omit"],
  text: ["lower", "upper", "capitalize", "trim", "replace", "substring", "indexOf", "length", "split", "contains", "startsWith", "endsWith", "toString", "padStart"],
  math: ["round", "ceil", "floor", "abs", "min", "max", "sum", "average", "parseNumber", "formatNumber", "random"],
  date: [
    "today", "parseDate", "formatDate", "addSeconds", "addMinutes", "addHours", "addDays", "addMonths", "addYears",
    "setSecond", "setMinute", "setHour", "setDay", "setDate", "setMonth", "setYear", "startOfDay", "startOfMonth",
    "startOfWeek", "startOfYear", "endOfDay", "endOfMonth", "dateDifference",
  ],
  array: ["map", "first", "last", "join", "slice", "merge", "distinct", "sort", "reverse", "flatten", "keys", "values", "toCollection", "add", "remove"],
  encoding: ["base64", "decodeBase64", "encodeURL", "decodeURL", "md5", "sha1", "sha256", "sha512", "hmac", "escapeHTML", "stripHTML", "uuid"],
} as const;

describe("functionCatalog", () => {
  it("lists every required function under its category", () => {
    for (const [category, names] of Object.entries(REQUIRED)) {
      for (const name of names) {
        const info = functionCatalog.find((f) => f.name === name);
        expect(info, name).toBeDefined();
        // length and contains serve text and arrays; they are listed once, under text.
        if (name !== "length" && name !== "contains") expect(info?.category, name).toBe(category);
      }
    }
  });

  it("matches the implementations one to one, with unique names", () => {
    const names = functionCatalog.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...implementedFunctionNames()].sort());
  });

  it("has a signature starting with the name and a sane arity for every entry", () => {
    for (const info of functionCatalog) {
      expect(info.signature.startsWith(`${info.name}(`), info.name).toBe(true);
      expect(info.description.length, info.name).toBeGreaterThan(10);
      expect(info.minArgs <= info.maxArgs, info.name).toBe(true);
    }
  });

  it("enforces each function's arity at run time", () => {
    for (const info of functionCatalog) {
      const args = (n: number) => Array.from({ length: n }, () => "1").join("; ");
      if (info.minArgs > 0) expect(evalError(() => calc(`${info.name}(${args(info.minArgs - 1)})`)).fn).toBe(info.name);
      if (Number.isFinite(info.maxArgs)) expect(evalError(() => calc(`${info.name}(${args(info.maxArgs + 1)})`)).fn).toBe(info.name);
    }
  });

  it("is available from the browser-safe entry point, along with keywords", () => {
    expect(client.functionCatalog).toBe(functionCatalog);
    for (const keyword of KEYWORDS) {
      const documented = keywordCatalog.some((k) => k.name === keyword || k.description.includes(keyword));
      expect(documented, keyword).toBe(true);
    }
  });

  it("keeps the browser-safe entry point free of node: imports", () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/from "node:/);
      for (const match of text.matchAll(/from "(\.[^"]+)"/g)) {
        const target = path.resolve(path.dirname(file), match[1]);
        visit(target.endsWith(".ts") ? target : `${target}.ts`);
      }
    };
    visit(path.join(import.meta.dirname, "client.ts"));
    expect(seen.size).toBeGreaterThan(5);
  });

  it("is documented function by function in docs/mapping.md", () => {
    const docs = readFileSync(path.join(import.meta.dirname, "../../docs/mapping.md"), "utf8");
    for (const info of functionCatalog) expect(docs, info.name).toContain(`\`${info.signature}\``);
  });
});
