/**
 * What the record queue does to a record when it takes it into a chunk, on the main thread and
 * before the rows go to the writer (inline or the worker), so before anything stores or publishes
 * it (SPEC 5): redaction,
 * then truncation of the response to `activity_max_response_size` bytes. Redaction runs on the
 * whole response first, so a cut can never leave half a secret that no pattern recognises.
 */
import type { ActivityRecord } from '../../../../shared/activity';
import {
  createKeyMatcher,
  redactResponse,
  redactText,
  redactValue,
  type KeyMatcher,
} from '../redaction';

export interface StoragePolicy {
  isSecretKey: KeyMatcher;
  maxResponseBytes: number;
}

export function createStoragePolicy(
  redactKeys: readonly string[],
  maxResponseBytes: number,
): StoragePolicy {
  return { isSecretKey: createKeyMatcher(redactKeys), maxResponseBytes };
}

const encoder = new TextEncoder();

/** Cuts `text` to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(
  text: string,
  maxBytes: number,
): { text: string; bytes: number; truncated: boolean } {
  // Fast path: even at 3 bytes per UTF-16 unit it fits.
  if (text.length * 3 <= maxBytes)
    return { text, bytes: Buffer.byteLength(text), truncated: false };
  const bytes = Buffer.byteLength(text);
  if (bytes <= maxBytes) return { text, bytes, truncated: false };
  const { read } = encoder.encodeInto(text, new Uint8Array(Math.max(0, maxBytes)));
  return { text: text.slice(0, read), bytes, truncated: true };
}

/**
 * The record as it will be stored and published: secrets redacted, every field present, the
 * timestamp in the canonical form the store returns (`toISOString`, UTC with milliseconds).
 */
export function redactRecord(record: ActivityRecord, isSecretKey: KeyMatcher): ActivityRecord {
  const nullable = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
  return {
    id: record.id,
    type: record.type,
    timestamp: new Date(Date.parse(record.timestamp)).toISOString(),
    server_name: nullable(record.server_name),
    tool_name: nullable(record.tool_name),
    arguments:
      record.arguments == null
        ? null
        : (redactValue(record.arguments, isSecretKey) as Record<string, unknown>),
    response: record.response == null ? null : redactResponse(record.response, isSecretKey),
    response_truncated: record.response_truncated === true,
    status: record.status,
    error_message: record.error_message == null ? null : redactText(record.error_message),
    error_kind: nullable(record.error_kind),
    duration_ms: nullable(record.duration_ms),
    session_id: nullable(record.session_id),
    client_name: nullable(record.client_name),
    client_version: nullable(record.client_version),
    token_id: nullable(record.token_id),
    token_name: nullable(record.token_name),
    request_bytes: record.request_bytes ?? 0,
    response_bytes: record.response_bytes ?? 0,
    policy_id: nullable(record.policy_id),
    reason: record.reason == null ? null : redactText(record.reason),
    metadata: redactValue(record.metadata ?? {}, isSecretKey) as Record<string, unknown>,
  };
}

export function prepareForStorage(record: ActivityRecord, policy: StoragePolicy): ActivityRecord {
  const redacted = redactRecord(record, policy.isSecretKey);
  if (redacted.response === null) return redacted;
  const cut = truncateUtf8(redacted.response, policy.maxResponseBytes);
  if (!cut.truncated) return redacted;
  return {
    ...redacted,
    response: cut.text,
    response_truncated: true,
    // response_bytes is the size before truncation; keep the larger of what the caller measured
    // and what we saw, in case the caller left it at 0.
    response_bytes: Math.max(redacted.response_bytes, cut.bytes),
  };
}
