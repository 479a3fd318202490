/**
 * Export lines from any ActivityStore's record iterators, for callers that hold a store but not
 * its database file. Every record is built as an object and serialised whole: this is the
 * reference the SQLite path (exportLines.ts) must match byte for byte, at about half its speed.
 */
import {
  EXPORT_BODY_COLUMNS,
  EXPORT_CSV_COLUMNS,
  type ActivityListRow,
  type ActivityRecord,
} from '../../../shared/activity';
import type { ActivityStore } from './contracts';
import { csvRow } from './csv';
import type { ExportLineSource } from './exportLines';

export function storeExportLines(
  store: Pick<ActivityStore, 'iterate' | 'iterateRows'>,
): ExportLineSource {
  return {
    *pages({ filter, format, include_bodies }, pageSize) {
      const columns: readonly (keyof ActivityRecord)[] = include_bodies
        ? [...EXPORT_CSV_COLUMNS, ...EXPORT_BODY_COLUMNS]
        : EXPORT_CSV_COLUMNS;
      const line = (row: ActivityRecord | ActivityListRow): string => {
        if (format === 'csv')
          return csvRow(columns.map((c) => (row as Partial<ActivityRecord>)[c]));
        if (include_bodies || !('arguments' in row)) return `${JSON.stringify(row)}\n`;
        const { arguments: _a, response: _r, ...listRow } = row;
        return `${JSON.stringify(listRow)}\n`;
      };
      // Without bodies, read list rows: arguments and responses never leave SQLite.
      const records =
        !include_bodies && store.iterateRows
          ? store.iterateRows(filter, pageSize)
          : store.iterate(filter, pageSize);
      let text = '';
      let rows = 0;
      for (const record of records) {
        text += line(record);
        rows++;
        if (rows === pageSize) {
          yield { text, rows };
          text = '';
          rows = 0;
        }
      }
      if (rows > 0) yield { text, rows };
    },
  };
}
