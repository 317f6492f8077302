/**
 * CSV per RFC 4180, tolerant where real files are sloppy: LF, CRLF or CR line ends, a UTF-8 BOM, and a
 * stray quote inside an unquoted field (kept as written). A quoted field that never closes is an error,
 * because everything after it would silently become one cell.
 */
export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvError";
  }
}

export function parseCsv(text: string, delimiter = ","): string[][] {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new CsvError(`The delimiter must be one character other than a quote or a line break, not “${delimiter}”.`);
  }
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let line = 1;
  let i = 0;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < input.length) {
    const c = input[i];
    if (c === '"' && cell === "") {
      // Quoted field: runs to the next quote that is not doubled.
      const startLine = line;
      i++;
      for (;;) {
        if (i >= input.length) throw new CsvError(`A quoted field that starts on line ${startLine} is never closed.`);
        const q = input[i];
        if (q === '"') {
          if (input[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === "\n") line++;
        cell += q;
        i++;
      }
      // Text between the closing quote and the delimiter (`"a"b,`) is kept, as spreadsheets do.
      while (i < input.length && input[i] !== delimiter && input[i] !== "\n" && input[i] !== "\r") cell += input[i++];
      continue;
    }
    if (c === delimiter) {
      endCell();
      i++;
    } else if (c === "\n" || c === "\r") {
      endRow();
      i += c === "\r" && input[i + 1] === "\n" ? 2 : 1;
      line++;
    } else {
      cell += c;
      i++;
    }
  }
  // A final line without a line break still counts; a trailing line break does not add an empty row.
  if (cell !== "" || row.length > 0) endRow();
  return rows;
}

export interface WriteCsvOptions {
  delimiter?: string;
  lineEnding?: "\r\n" | "\n";
  /** Quote every cell, not only those that need it. */
  quoteAll?: boolean;
  /** Prefix cells starting with = + - @ with an apostrophe, so spreadsheets do not run them as formulas. */
  escapeFormulas?: boolean;
}

export function writeCsv(rows: readonly (readonly string[])[], options: WriteCsvOptions = {}): string {
  const delimiter = options.delimiter ?? ",";
  const lineEnding = options.lineEnding ?? "\r\n";
  const cell = (raw: string) => {
    const value = options.escapeFormulas && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
    const needsQuotes = options.quoteAll || value.includes(delimiter) || /["\r\n]/.test(value) || /^\s|\s$/.test(value);
    return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
  };
  return rows.map((row) => row.map(cell).join(delimiter)).join(lineEnding) + (rows.length > 0 ? lineEnding : "");
}

/** A cell's text for any value: JSON for structures, ISO for dates, empty for nothing. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export const DELIMITER_OPTIONS = [
  { value: "comma", label: "Comma (,)" },
  { value: "semicolon", label: "Semicolon (;)" },
  { value: "tab", label: "Tab" },
  { value: "pipe", label: "Pipe (|)" },
  { value: "other", label: "Other" },
] as const;

const DELIMITERS: Record<string, string> = { comma: ",", semicolon: ";", tab: "\t", pipe: "|" };

export function delimiterOf(choice: string, custom: string | undefined): string {
  if (choice !== "other") return DELIMITERS[choice] ?? ",";
  if (!custom || custom.length !== 1) throw new CsvError("Choose “Other” with exactly one delimiter character.");
  return custom;
}

/** Header names as bundle keys: blanks become columnN, repeats get _2, _3… */
export function uniqueHeaders(headers: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((raw, index) => {
    const base = raw.trim() === "" ? `column${index + 1}` : raw.trim();
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}_${count}`;
  });
}
