/**
 * The row the writer hashes: its insert parameters as SQLite will hand them back (SPEC 12, "the
 * values as stored and read back"). Text without lone UTF-16 surrogates round-trips exactly and a
 * NaN bound to a REAL column comes back as NULL. A lone surrogate is written as invalid UTF-8
 * that the reader's decoder replaces (one to three U+FFFD, depending on the engine), so such a
 * row returns null: the writer reads it back instead of predicting it.
 */
import type { ActivityInsertParams } from '../activity/recordRow';
import type { ChainRow } from './chainRecord';

// String.prototype.isWellFormed (ES2024, in Node 20 and Electron's V8): native, unlike a regex.
const wellFormed = (value: string): boolean =>
  (value as unknown as { isWellFormed(): boolean }).isWellFormed();

const TEXT_FIELDS = [
  'id',
  'type',
  'server_name',
  'tool_name',
  'status',
  'error_kind',
  'session_id',
  'client_name',
  'client_version',
  'token_id',
  'token_name',
  'policy_id',
  'error_message',
  'reason',
  'metadata',
  'arguments',
  'response',
] as const satisfies readonly (keyof ActivityInsertParams)[];

export function storedChainRow(params: ActivityInsertParams, seq: number): ChainRow | null {
  for (const field of TEXT_FIELDS) {
    const value = params[field];
    if (value !== null && !wellFormed(value)) return null;
  }
  return {
    ...params,
    seq,
    duration_ms:
      params.duration_ms === null || Number.isNaN(params.duration_ms) ? null : params.duration_ms,
  };
}
