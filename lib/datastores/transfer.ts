import { CsvError, cellText, parseCsv, writeCsv } from "@/modules/csv/csv";
import { AppError } from "../errors";
import type { StoredRecord } from "./search";
import type { StructureField } from "./structure";

/**
 * CSV import/export of records. Columns: `key`, then the structure's top-level fields. Arrays and
 * collections travel as JSON text in their cell; everything else as text the structure check coerces.
 */
export function recordsToCsv(fields: readonly StructureField[] | null, records: readonly StoredRecord[]): string {
  const names = (fields ?? []).map((f) => f.name);
  // Formula escaping: exports are opened in spreadsheets, and record values come from outside.
  return writeCsv([["key", ...names], ...records.map((r) => [r.key, ...names.map((n) => cellText(r.data[n]))])], { escapeFormulas: true });
}

export interface ImportRow {
  key: string;
  data: Record<string, unknown>;
}

export function csvToRows(fields: readonly StructureField[] | null, text: string): ImportRow[] {
  let table: string[][];
  try {
    table = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) throw new AppError("validation_failed", `The CSV cannot be read: ${e.message}`, { field: "csv" });
    throw e;
  }
  const [header, ...rows] = table.filter((r) => r.some((c) => c !== ""));
  if (!header || header[0] !== "key") throw new AppError("validation_failed", "The first CSV column must be “key”.", { field: "csv" });
  const byName = new Map((fields ?? []).map((f) => [f.name, f]));
  return rows.map((cells) => {
    const data: Record<string, unknown> = {};
    header.slice(1).forEach((name, c) => {
      const cell = cells[c + 1] ?? "";
      if (cell === "") return;
      const f = byName.get(name);
      data[name] = f && (f.type === "array" || f.type === "collection") ? parseJsonCell(cell) : cell;
    });
    return { key: cells[0] ?? "", data };
  });
}

function parseJsonCell(cell: string): unknown {
  try {
    return JSON.parse(cell) as unknown;
  } catch {
    // Left as text: the structure check then reports the row and field like any other bad value.
    return cell;
  }
}
