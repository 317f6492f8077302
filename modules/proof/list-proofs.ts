import type { FieldSpec } from "@/lib/modules/field-spec";
import type { Bundle } from "@/lib/modules/json";
import type { ProofApi } from "./api";
import type { ProofTarget } from "./client";
import { itemsPerPageField, limitField } from "./fields";
import { listPaged } from "./records";

/** List proofs (v1 and v2 share the fields; the API surface and the output differ). */
export const listProofsFields = [
  {
    name: "status",
    label: "Proofs",
    type: "select",
    default: "all",
    options: [
      { value: "open", label: "Open (unlocked, no final decision)" },
      { value: "closed", label: "Closed (locked or decided)" },
      { value: "all", label: "All (not archived or deleted)" },
    ],
  },
  { name: "searchQuery", label: "Name contains", type: "text" },
  limitField,
  itemsPerPageField,
] as const satisfies readonly FieldSpec[];

const METHODS = { open: "getOpenProofs", closed: "getClosedProofs", all: "getAllProofs" } as const;

export function listProofs(
  target: ProofTarget,
  api: ProofApi,
  values: { status: keyof typeof METHODS; searchQuery?: string; limit: number; itemsPerPage: number },
): Promise<Bundle[]> {
  const query = values.searchQuery?.trim();
  return listPaged(target, api, METHODS[values.status], query ? { SearchQuery: query } : {}, values);
}

export const searchProofsFields = [
  { name: "name", label: "Proof name", type: "text", required: true },
  { name: "exactMatch", label: "Whole name only", type: "boolean", default: false, help: "Off: proofs whose name contains the text. Case is ignored either way." },
  limitField,
  itemsPerPageField,
] as const satisfies readonly FieldSpec[];

export function searchProofs(target: ProofTarget, api: ProofApi, values: { name: string; exactMatch: boolean; limit: number; itemsPerPage: number }): Promise<Bundle[]> {
  return listPaged(target, api, "searchByProofName", { ProofName: values.name, ExactMatch: values.exactMatch }, values);
}
