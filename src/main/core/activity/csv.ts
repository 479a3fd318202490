/**
 * CSV cells and rows (RFC 4180) for export. Pure.
 *
 * A cell starting with = + - @, tab or carriage return is prefixed with a single quote, so a
 * spreadsheet shows it as text instead of running it as a formula (CSV injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Numbers and booleans are data, never formulas, and need no quotes: a negative duration
  // stays a number.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line with its CRLF terminator. */
export function csvRow(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
