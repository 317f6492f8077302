import { DataError } from "@/lib/modules/errors";
import type { Bundle } from "@/lib/modules/json";
import type { SoapArgs, SoapValue } from "@/lib/soap";
import type { ProofApi } from "./api";
import { proofCall, type ProofTarget } from "./client";

/** Proof's answers as bundles. A SOAP object decodes to a plain object; anything else is Proof misbehaving. */
export function record(value: SoapValue, operation: string): Bundle {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return value;
  throw new DataError(`Workfront Proof answered ${operation} with ${value === null ? "nothing" : typeof value} where a record was expected.`);
}

export function records(value: SoapValue, operation: string): Bundle[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw new DataError(`Workfront Proof answered ${operation} with ${typeof value} where a list was expected.`);
  return value.map((item) => record(item, operation));
}

/**
 * A list method read page by page (StartFrom is a 0-based offset, ItemsPerPage the page size) until
 * `limit` records are in hand or a page comes back short. `stop` may end it early (a watch that
 * reached what it saw last time).
 */
export async function listPaged(
  target: ProofTarget,
  api: ProofApi,
  operation: string,
  args: SoapArgs,
  options: { limit: number; itemsPerPage: number; stop?: (page: Bundle[]) => boolean },
): Promise<Bundle[]> {
  const out: Bundle[] = [];
  let start = 0;
  while (out.length < options.limit) {
    const size = Math.min(options.itemsPerPage, options.limit - out.length);
    const page = records(await proofCall(target, api, operation, { ...args, StartFrom: start, ItemsPerPage: size }), operation);
    out.push(...page);
    if (page.length < size || options.stop?.(page)) break;
    start += page.length;
  }
  return out.slice(0, options.limit);
}
