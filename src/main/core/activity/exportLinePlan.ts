/**
 * How SQLite and JavaScript share the building of an export line. For JSON Lines, text fields
 * (json_quote), flags, stored JSON and the keys between them are concatenated by SQLite into a
 * few strings per row; only timestamps and numbers come back as values for JavaScript to write,
 * because SQLite prints a REAL differently (12.0, 15 digits) from JavaScript. better-sqlite3
 * then hands over 8 values per row instead of 20: each value crossing into JavaScript costs
 * about 0.1 µs, more than SQLite's work on it. CSV cells need a formula and a quoting check each,
 * which cost SQLite more than the crossing: every CSV cell is written by csv.ts.
 *
 * The output is exactly what the store path writes (storeExportLines.ts, the reference):
 * JSON.stringify of the record, or csv.ts cells.
 */
import { csvCell } from './csv';
import type { ExportField, ExportLayout } from './exportLayout';
import { isoTimeFormatter } from './isoTime';

/** A value JavaScript writes: SQLite's text for these differs from JSON.stringify / String. */
type ValueFormat = 'jsonNumber' | 'jsonTime' | 'csvCell' | 'csvTime' | 'csvFlag' | 'csvObject';

type Piece = { sql: string } | { literal: string } | { column: string; format: ValueFormat };

/** A line is these parts in order: constant text, or a selected value (by index in the row). */
type Part = { literal: string } | { index: number; format: ValueFormat | 'text' };

export interface ExportLinePlan {
  /** SQL expressions to select, in row order. */
  select: readonly string[];
  /** The line (with its terminator) for a row whose first values are `select`'s. */
  line(row: readonly unknown[]): string;
}

const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;

const FLAG_SQL = (column: string): string => `CASE ${column} WHEN 1 THEN 'true' ELSE 'false' END`;

function jsonPieces(field: ExportField, index: number): Piece[] {
  const key: Piece = { literal: `${index === 0 ? '{' : ','}${JSON.stringify(field.name)}:` };
  switch (field.kind) {
    case 'text':
      // json_quote writes NULL as null and escapes as JSON.stringify does.
      return [key, { sql: `json_quote(${field.column})` }];
    case 'flag':
      return [key, { sql: FLAG_SQL(field.column) }];
    case 'json':
      return [key, { sql: `coalesce(${field.column}, 'null')` }];
    case 'object':
      return [key, { sql: `coalesce(${field.column}, '{}')` }];
    case 'number':
      return [key, { column: field.column, format: 'jsonNumber' }];
    case 'time':
      return [
        key,
        { literal: '"' },
        { column: field.column, format: 'jsonTime' },
        { literal: '"' },
      ];
  }
}

/** CSV cells are written by csv.ts: its checks cost SQLite more than a value's crossing costs. */
function csvPieces(field: ExportField, index: number): Piece[] {
  const separator: Piece[] = index === 0 ? [] : [{ literal: ',' }];
  const format: ValueFormat =
    field.kind === 'time'
      ? 'csvTime'
      : field.kind === 'flag'
        ? 'csvFlag'
        : field.kind === 'object'
          ? 'csvObject'
          : 'csvCell';
  return [...separator, { column: field.column, format }];
}

/** Runs of SQL and literal pieces become one selected concatenation (or one constant). */
function compile(pieces: readonly Piece[]): { select: string[]; parts: Part[] } {
  const select: string[] = [];
  const parts: Part[] = [];
  let run: (Piece & ({ sql: string } | { literal: string }))[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    if (run.every((piece) => 'literal' in piece)) {
      parts.push({
        literal: run.map((piece) => ('literal' in piece ? piece.literal : '')).join(''),
      });
    } else {
      const sql = run.map((piece) =>
        'sql' in piece ? `(${piece.sql})` : sqlString(piece.literal),
      );
      parts.push({ index: select.length, format: 'text' });
      select.push(sql.join(' || '));
    }
    run = [];
  };
  for (const piece of pieces) {
    if ('column' in piece) {
      flush();
      parts.push({ index: select.length, format: piece.format });
      select.push(piece.column);
    } else run.push(piece);
  }
  flush();
  return { select, parts };
}

export function exportLinePlan(layout: ExportLayout): ExportLinePlan {
  const pieces =
    layout.format === 'csv'
      ? [...layout.fields.flatMap(csvPieces), { literal: '\r\n' }]
      : [...layout.fields.flatMap(jsonPieces), { literal: '}\n' }];
  const { select, parts } = compile(pieces);
  const isoTime = isoTimeFormatter();
  const write = (value: unknown, format: ValueFormat | 'text'): string => {
    switch (format) {
      case 'text':
        return value as string;
      case 'jsonNumber':
        return typeof value === 'number' ? String(value) : JSON.stringify(value ?? null);
      case 'jsonTime':
        return isoTime(value as number);
      case 'csvCell':
        return csvCell(value);
      case 'csvTime':
        return csvCell(isoTime(value as number));
      case 'csvFlag':
        return value === 1 ? 'true' : 'false';
      case 'csvObject':
        return csvCell(value ?? '{}');
    }
  };
  return {
    select,
    line(row) {
      let line = '';
      for (const part of parts) {
        line += 'literal' in part ? part.literal : write(row[part.index], part.format);
      }
      return line;
    },
  };
}
