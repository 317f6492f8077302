import type { StoreView, StructureView } from "@/lib/datastores/service";
import type { StoredRecord } from "@/lib/datastores/search";
import type { StructureField, StructureFieldType } from "@/lib/datastores/structure";
import { ApiError } from "@/components/ui/api";

export type { StoreView, StructureView, StoredRecord, StructureField, StructureFieldType };

export interface RecordPage {
  items: StoredRecord[];
  total: number;
  page: number;
  pageSize: number;
}

/** One bad row of a refused import, as the API reports it. */
export interface ImportRowError {
  row: number;
  key: string;
  field?: string;
  message: string;
}

/**
 * An API refusal as messages per field path: zod's 400 issues ("fields[0].name") and the record check's
 * 422 (details.field = "address.city", "tags[0]"). Whatever names no field comes back under "".
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const details = error.details as { issues?: Array<{ path: string; message: string }>; field?: string } | undefined;
  if (details?.issues) return Object.fromEntries(details.issues.map((i) => [i.path, i.message]));
  if (typeof details?.field === "string") return { [details.field]: error.message };
  return {};
}

const UNITS = ["bytes", "KB", "MB", "GB"];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}
