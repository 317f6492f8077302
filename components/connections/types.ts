import type { FieldSpec } from "@/lib/modules/field-spec";

export interface ConnectionTypeView {
  id: string;
  app: string;
  title: string;
  description: string;
  fields: FieldSpec[];
  verifiable: boolean;
  oauth2: boolean;
  deprecated: { since: string; sunset: string; reason: string } | null;
}

export interface ConnectionRowView {
  id: string;
  name: string;
  type?: string;
  typeTitle?: string | null;
  status?: "unverified" | "verified" | "failing" | "needs_reauthorization";
  values?: Record<string, unknown>;
  secretHints?: Record<string, string>;
  lastVerifiedAt?: string | null;
  lastError?: string | null;
  usedBy?: Array<{ id: string; name: string }>;
  oauth2?: boolean;
  sharedWithAll?: boolean;
}

export const statusLabel = {
  unverified: ["not tested", "slate"],
  verified: ["verified", "green"],
  failing: ["failing", "red"],
  needs_reauthorization: ["needs re-authorization", "amber"],
} as const;
