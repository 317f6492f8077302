import type { Deprecation } from "@/lib/modules/define";
import { withIsoDates } from "../client/dates";

/**
 * What separates the two generations of Workfront modules (design §6, seed 004 "breaking changes"):
 * version 1 calls API v15.0 — removed by Workfront on 2025-12-18 — with a username/password session and
 * outputs dates as Workfront writes them; version 2 calls a current API version with an API key or
 * OAuth2, outputs ISO 8601 dates, and subscribes to events in payload format v2.
 */
export const V1_API_VERSION = "15.0";
export const DEFAULT_API_VERSION = "21.0";
/** Versions a v2 module may pin, newest last (22.0 is the newest the sandbox and Workfront serve). */
export const API_VERSIONS = ["21.0", "22.0"] as const;

export const apiVersionField = {
  name: "apiVersion",
  label: "API version",
  type: "select",
  static: true,
  default: DEFAULT_API_VERSION,
  options: API_VERSIONS.map((v) => ({ value: v, label: `v${v}` })),
  help: "The Workfront REST API version the module calls. v21.0 is supported until 2028.",
} as const;

export interface Generation {
  moduleVersion: 1 | 2;
  /** The connection types the module accepts. */
  connection: "workfront@1" | "workfront@2|workfront@3";
  /** Event subscription payload format (reference A7). */
  subscriptionVersion: "v1" | "v2";
  isoDates: boolean;
  apiVersion(params: Readonly<Record<string, unknown>>): string;
}

export const V1: Generation = {
  moduleVersion: 1,
  connection: "workfront@1",
  subscriptionVersion: "v1",
  isoDates: false,
  apiVersion: () => V1_API_VERSION,
};

export const V2: Generation = {
  moduleVersion: 2,
  connection: "workfront@2|workfront@3",
  subscriptionVersion: "v2",
  isoDates: true,
  apiVersion: (params) => (typeof params.apiVersion === "string" && params.apiVersion !== "" ? params.apiVersion : DEFAULT_API_VERSION),
};

/** A record (or any answer) as the generation outputs it: v2 turns Workfront's date text into ISO 8601. */
export function present<T>(value: T, generation: Generation): T {
  return generation.isoDates ? withIsoDates(value) : value;
}

export const V1_DEPRECATION: Deprecation = {
  since: "2026-11-23",
  sunset: "2027-11-30",
  reason:
    "Workfront removed API v15.0 on 2025-12-18 and no longer recommends username/password logins. Upgrade to version 2 (API v21.0, an API-key or OAuth2 connection, ISO 8601 dates).",
};
