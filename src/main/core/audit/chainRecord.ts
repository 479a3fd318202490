/**
 * The bytes a record's chain hash covers (SPEC 12): the JCS (RFC 8785) of the record's SPEC 5
 * JSON with `seq` added, built from the row as stored, so the writer (from the values it binds)
 * and a verifier (from the values it reads back) produce the same text.
 *
 * Written out field by field instead of building the record object and canonicalizing it: the
 * keys are fixed, so their sorted order is too, and verify then runs at a few µs per record.
 * test/main/core/audit/chainRecord.test.ts holds it equal to `canonicalize({...toRecord(row), seq})`.
 */
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { ActivityRow } from '../activity/recordRow';

/** A stored row with its bodies: what the chain hashes. */
export type ChainRow = Omit<ActivityRow, 'arguments' | 'response'> & {
  arguments: string | null;
  response: string | null;
};

// JCS serialises strings and numbers exactly as ECMAScript's JSON.stringify does.
const str = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));
const num = (value: number | null): string => (value === null ? 'null' : JSON.stringify(value));

function obj(text: string | null, missing: string): string {
  if (text === null) return missing;
  if (text === '{}') return '{}';
  return canonicalize(JSON.parse(text)) ?? 'null';
}

/** Keys in JCS order (UTF-16 code units): a test checks this against a sort. */
export function canonicalRecord(row: ChainRow): string {
  return (
    `{"arguments":${obj(row.arguments, 'null')}` +
    `,"client_name":${str(row.client_name)}` +
    `,"client_version":${str(row.client_version)}` +
    `,"duration_ms":${num(row.duration_ms)}` +
    `,"error_kind":${str(row.error_kind)}` +
    `,"error_message":${str(row.error_message)}` +
    `,"id":${str(row.id)}` +
    `,"metadata":${obj(row.metadata, '{}')}` +
    `,"policy_id":${str(row.policy_id)}` +
    `,"reason":${str(row.reason)}` +
    `,"request_bytes":${num(row.request_bytes)}` +
    `,"response":${str(row.response)}` +
    `,"response_bytes":${num(row.response_bytes)}` +
    `,"response_truncated":${row.response_truncated === 1 ? 'true' : 'false'}` +
    `,"seq":${num(row.seq)}` +
    `,"server_name":${str(row.server_name)}` +
    `,"session_id":${str(row.session_id)}` +
    `,"status":${str(row.status)}` +
    `,"timestamp":"${new Date(row.timestamp_ms).toISOString()}"` +
    `,"token_id":${str(row.token_id)}` +
    `,"token_name":${str(row.token_name)}` +
    `,"tool_name":${str(row.tool_name)}` +
    `,"type":${str(row.type)}}`
  );
}

/** hex SHA-256 of the previous hash (64 hex characters) then the canonical record. */
export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

export function recordHash(prevHash: string, row: ChainRow): string {
  return chainHash(prevHash, canonicalRecord(row));
}
