/**
 * Export lines from any ActivityStore's record iterators, for callers that hold a store but not
 * its database file. Every record is built as an object and serialised whole: this is the
 * reference the SQLite path (exportLines.ts) must match byte for byte, at about half its speed.
 */
import {
  EXPORT_BODY_COLUMNS,
  EXPORT_CHAIN_COLUMNS,
  EXPORT_CSV_COLUMNS,
  type ActivityRecord,
  type ChainLink,
} from '../../../shared/activity';
import type { ActivityStore } from './contracts';
import { csvRow } from './csv';
import type { ExportLineSource } from './exportLines';

export function storeExportLines(store: Pick<ActivityStore, 'iterateExport'>): ExportLineSource {
  return {
    *pages({ filter, format, include_bodies, maxSeq }, pageSize) {
      const columns: readonly (keyof ActivityRecord | keyof ChainLink)[] = include_bodies
        ? [...EXPORT_CSV_COLUMNS, ...EXPORT_BODY_COLUMNS, ...EXPORT_CHAIN_COLUMNS]
        : [...EXPORT_CSV_COLUMNS, ...EXPORT_CHAIN_COLUMNS];
      // Without bodies, list rows: arguments and responses never leave SQLite.
      const records = store.iterateExport(filter, include_bodies, pageSize);
      let text = '';
      let rows = 0;
      for (const record of records) {
        if (maxSeq !== undefined && record.seq > maxSeq) continue;
        text +=
          format === 'csv'
            ? csvRow(columns.map((c) => (record as Partial<ActivityRecord & ChainLink>)[c]))
            : `${JSON.stringify(record)}\n`;
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
