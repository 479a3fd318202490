/** Public face of the activity log: recorder, store, retention, export, redaction. */
export { createRecordQueue } from './recorder/recordQueue';
export type { RecordQueueOptions } from './recorder/recordQueue';
export { createWorkerRowWriter } from './recorder/workerRowWriter';
export { createInlineRowWriter } from './recorder/activityWriter';
export type { WorkerRowWriterOptions } from './recorder/workerRowWriter';
export {
  createActivityStore,
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
  MAX_AUDIT_LIMIT,
} from './activityStore';
export { ActivityQueryError } from './activityQueryError';
export { createRetention } from './retention';
export type { Retention, RetentionOptions, RetentionResult } from './retention';
export { createExportStream, exportFileName, EXPORT_CONTENT_TYPES } from './export';
export type { ExportOptions } from './export';
export { createExportLines } from './exportLines';
export type { ExportLineSource, ExportLinesOptions } from './exportLines';
export { csvCell, csvRow } from './csv';
export { REDACTED, redactText, redactValue, createKeyMatcher } from './redaction';
export { redactRecord } from './recorder/prepareForStorage';
export { toFullTextQuery } from './fullTextQuery';
export { SUMMARY_WINDOWS } from './activitySummary';
export type {
  ActivityStore,
  RecordQueue,
  RecordQueueStats,
  StoredRecord,
  ClearScope,
} from './contracts';
export { newActivityRecord } from './newActivityRecord';
