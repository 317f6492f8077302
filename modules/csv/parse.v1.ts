import { defineModule } from "@/lib/modules/define";
import { DataError } from "@/lib/modules/errors";
import type { Bundle } from "@/lib/modules/json";
import { CsvError, DELIMITER_OPTIONS, delimiterOf, parseCsv, uniqueHeaders } from "./csv";

/**
 * csv:parse: one bundle per data row. With a header row, keys are the header names (blank ones become
 * columnN, repeated ones name_2…); without, columns are column1, column2… Cells are always text.
 */
export default defineModule({
  key: "csv:parse",
  version: 1,
  kind: "action",
  title: "Parse CSV",
  description: "Turns CSV text into one bundle per row, keyed by the header row or by column1, column2…",
  fields: [
    {
      name: "sample",
      label: "Sample header row",
      type: "text",
      static: true,
      help: "Optional: the CSV's first line, so later modules can map its columns before a first run.",
    },
    { name: "csv", label: "CSV", type: "text", multiline: true, required: true },
    { name: "delimiter", label: "Delimiter", type: "select", static: true, default: "comma", options: DELIMITER_OPTIONS },
    { name: "customDelimiter", label: "Other delimiter", type: "text", static: true, maxLength: 1 },
    { name: "headerRow", label: "The first row holds the column names", type: "boolean", default: true },
    { name: "skipEmptyLines", label: "Skip empty lines", type: "boolean", default: true },
  ],
  output: (params) => {
    if (!params.sample) return null;
    try {
      const [header] = parseCsv(params.sample, delimiterOf(params.delimiter, params.customDelimiter));
      return header ? uniqueHeaders(header).map((name) => ({ name, type: "text" as const })) : null;
    } catch {
      return null;
    }
  },
  run({ params, values }) {
    let rows: string[][];
    try {
      rows = parseCsv(values.csv, delimiterOf(params.delimiter, params.customDelimiter));
    } catch (error) {
      if (error instanceof CsvError) throw new DataError(error.message, { cause: error });
      throw error;
    }
    if (values.skipEmptyLines) rows = rows.filter((row) => !(row.length === 1 && row[0] === ""));
    const header = values.headerRow ? uniqueHeaders(rows.shift() ?? []) : [];
    return rows.map((row) => {
      const bundle: Bundle = {};
      header.forEach((name) => (bundle[name] = ""));
      row.forEach((cell, index) => (bundle[header[index] ?? `column${index + 1}`] = cell));
      return bundle;
    });
  },
});
