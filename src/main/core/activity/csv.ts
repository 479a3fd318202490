/**
 * CSV cells and rows (RFC 4180) for export. Pure.
 *
 * A cell starting with = + - @, tab or carriage return is prefixed with a single quote, so a
 * spreadsheet shows it as text instead of running it as a formula (CSV injection).
 */
const NEEDS_QUOTES = /[",\r\n]/;

/** = + - @ tab CR: the first characters a spreadsheet may read as the start of a formula. */
function startsLikeFormula(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
}

/** A text cell: neutralised if it could be a formula, quoted if it holds `"`, `,`, CR or LF. */
export function csvText(value: string): string {
  const text = startsLikeFormula(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Numbers and booleans are data, never formulas, and need no quotes: a negative duration
  // stays a number.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return csvText(typeof value === 'string' ? value : JSON.stringify(value));
}

/** One CSV line with its CRLF terminator. */
export function csvRow(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
