/**
 * CSV, one way everywhere: RFC 4180 cells (quoted only where a value needs it, CRLF line ends) and
 * formula safety (OWASP "CSV injection": a spreadsheet must not run what a cell says, so a cell
 * that begins with = + - @, a tab or a carriage return gets a leading apostrophe). Every CSV the
 * portal writes (mailing file, reports, validation report, audit export) goes through here, and
 * every CSV it reads uses CSV_PARSE_OPTIONS.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
/** What makes a cell need quoting or neutralizing (the common case has none: one test). */
const CELL_SPECIAL = /^[=+\-@\t\r]|[",\r\n]/;

/** A value a spreadsheet will show as text, never run: a leading apostrophe before = + - @ tab CR. */
export function formulaSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One cell: formula-safe, and quoted (with doubled quotes) when it holds a quote, comma or line break. */
export function csvCell(value: string | null | undefined): string {
  let v = value ?? "";
  if (!CELL_SPECIAL.test(v)) return v;
  v = formulaSafe(v);
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One record: cells joined by commas, ended by CRLF. */
export function csvLine(cells: readonly (string | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** Several records (see csvLine). */
export function csvLines(rows: readonly (readonly (string | null | undefined)[])[]): string {
  return rows.map(csvLine).join("");
}
