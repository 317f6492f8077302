import { defineModule } from "@/lib/modules/define";
import { DataError } from "@/lib/modules/errors";
import { isPlainObject } from "@/lib/modules/json";
import { cellText, CsvError, DELIMITER_OPTIONS, delimiterOf, writeCsv } from "./csv";

/**
 * csv:create: an array of collections → CSV text. Columns are the ones listed, else every key in the
 * order first seen. Structures in a cell are written as JSON.
 */
export default defineModule({
  key: "csv:create",
  version: 1,
  kind: "action",
  title: "Create CSV",
  description: "Writes an array of collections as CSV text, one row per collection.",
  fields: [
    { name: "rows", label: "Rows", type: "array", items: { type: "any" }, required: true, help: "An array of collections, e.g. {{2.array}}." },
    {
      name: "columns",
      label: "Columns",
      type: "array",
      items: { type: "text" },
      help: "Keys to write, in order. Empty: every key, in the order first seen.",
    },
    { name: "includeHeader", label: "Write a header row", type: "boolean", default: true },
    { name: "delimiter", label: "Delimiter", type: "select", static: true, default: "comma", options: DELIMITER_OPTIONS },
    { name: "customDelimiter", label: "Other delimiter", type: "text", static: true, maxLength: 1 },
    {
      name: "lineEnding",
      label: "Line ending",
      type: "select",
      default: "crlf",
      options: [
        { value: "crlf", label: "CRLF (RFC 4180, Excel)" },
        { value: "lf", label: "LF" },
      ],
    },
    { name: "quoteAll", label: "Quote every cell", type: "boolean", default: false },
    { name: "escapeFormulas", label: "Protect against spreadsheet formulas", type: "boolean", default: false, help: "Prefixes cells starting with = + - @ with '." },
  ],
  output: [{ name: "csv", label: "CSV", type: "text" }],
  run({ params, values }) {
    const rows = values.rows.map((row, index) => {
      if (!isPlainObject(row)) throw new DataError(`Row ${index + 1} is not a collection; every row must be one, e.g. { "name": "Ada" }.`);
      return row;
    });
    const listed = (values.columns ?? []).filter((c): c is string => typeof c === "string" && c !== "");
    const columns = listed.length > 0 ? listed : [...new Set(rows.flatMap((row) => Object.keys(row)))];
    const table = rows.map((row) => columns.map((column) => cellText(row[column])));
    let delimiter: string;
    try {
      delimiter = delimiterOf(params.delimiter, params.customDelimiter);
    } catch (error) {
      if (error instanceof CsvError) throw new DataError(error.message);
      throw error;
    }
    const csv = writeCsv(values.includeHeader ? [columns, ...table] : table, {
      delimiter,
      lineEnding: values.lineEnding === "lf" ? "\n" : "\r\n",
      quoteAll: values.quoteAll,
      escapeFormulas: values.escapeFormulas,
    });
    return [{ csv }];
  },
});
