/**
 * The chain columns the writer hashes: its insert parameters as SQLite will hand them back
 * (SPEC 12, "the values as stored and read back"). Text without lone UTF-16 surrogates
 * round-trips exactly and a NaN bound to a REAL column comes back as NULL. A lone surrogate is
 * written as invalid UTF-8 that the reader's decoder replaces (one to three U+FFFD, depending on
 * the engine), so such a row returns null: the writer reads it back instead of predicting it.
 */
import type { ActivityInsertParams } from '../activity/recordRow';
import type { ChainValues } from './chainRecord';

// String.prototype.isWellFormed (ES2024, in Node 20 and Electron's V8): native, unlike a regex.
const wellFormed = (value: string | null): boolean =>
  value === null || (value as unknown as { isWellFormed(): boolean }).isWellFormed();

export function storedChainValues(p: ActivityInsertParams, seq: number): ChainValues | null {
  const values: ChainValues = [
    p.arguments,
    p.client_name,
    p.client_version,
    p.duration_ms === null || Number.isNaN(p.duration_ms) ? null : p.duration_ms,
    p.error_kind,
    p.error_message,
    p.id,
    p.metadata,
    p.policy_id,
    p.reason,
    p.request_bytes,
    p.response,
    p.response_bytes,
    p.response_truncated,
    seq,
    p.server_name,
    p.session_id,
    p.status,
    p.timestamp_ms,
    p.token_id,
    p.token_name,
    p.tool_name,
    p.type,
  ];
  for (const value of values) if (typeof value === 'string' && !wellFormed(value)) return null;
  return values;
}
