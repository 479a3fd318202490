/**
 * The bytes a record's chain hash covers (SPEC 12): the JCS (RFC 8785) of the record's SPEC 5
 * JSON with `seq` added, built from the row as stored, so the writer (from the values it binds)
 * and a verifier (from the values it reads back) produce the same text.
 *
 * Written out from the row's columns in a fixed order instead of building the record object and
 * canonicalizing it: the keys are fixed, so their sorted order is too. The verifier reads the
 * columns as arrays in that order (no row objects), the writer hands over its bound values.
 * test/main/core/audit/chainRecord.test.ts holds it equal to `canonicalize({...toRecord(row), seq})`
 * over odd records.
 */
import canonicalize from 'canonicalize';
import { hash } from 'node:crypto';
import type { ActivityRow } from '../activity/recordRow';

/** A stored row with its bodies: what the chain hashes. */
export type ChainRow = Omit<ActivityRow, 'arguments' | 'response'> & {
  arguments: string | null;
  response: string | null;
};

/**
 * The columns a record's hash covers, in the JCS order of their record keys (UTF-16 code units;
 * `timestamp_ms` is the key `timestamp`). A test checks this against a sort.
 */
export const CHAIN_COLUMNS = [
  'arguments',
  'client_name',
  'client_version',
  'duration_ms',
  'error_kind',
  'error_message',
  'id',
  'metadata',
  'policy_id',
  'reason',
  'request_bytes',
  'response',
  'response_bytes',
  'response_truncated',
  'seq',
  'server_name',
  'session_id',
  'status',
  'timestamp_ms',
  'token_id',
  'token_name',
  'tool_name',
  'type',
] as const satisfies readonly (keyof ChainRow)[];

/** A row's chain columns as an array in CHAIN_COLUMNS order (a raw SQLite row of them). */
export type ChainValues = [
  arguments: string | null,
  client_name: string | null,
  client_version: string | null,
  duration_ms: number | null,
  error_kind: string | null,
  error_message: string | null,
  id: string,
  metadata: string,
  policy_id: string | null,
  reason: string | null,
  request_bytes: number,
  response: string | null,
  response_bytes: number,
  response_truncated: number,
  seq: number,
  server_name: string | null,
  session_id: string | null,
  status: string,
  timestamp_ms: number,
  token_id: string | null,
  token_name: string | null,
  tool_name: string | null,
  type: string,
];
/** Any array that starts with the chain columns (a raw row may carry more after them). */
export type ChainValuesView = Readonly<
  Pick<ChainValues, Exclude<keyof ChainValues, keyof unknown[]>>
>;

/** `SELECT` list of the chain columns, in CHAIN_COLUMNS order. */
export const CHAIN_COLUMNS_SQL = CHAIN_COLUMNS.join(', ');

// JCS serialises strings and numbers exactly as ECMAScript's JSON.stringify does. A string with
// nothing QuoteJSONString escapes (quote, backslash, C0 controls, lone surrogates) is itself in
// quotes; testing for those is cheaper than the call for most fields. Measured on a 1.5 KB
// response: two indexOf scans and a one-range class take half the time of one class holding all
// three, and lone surrogates are the native isWellFormed's (a surrogate class slows every scan).
// eslint-disable-next-line no-control-regex -- C0 controls are exactly what JSON escapes
const CONTROL = /[\u0000-\u001f]/;
const wellFormed = (value: string): boolean =>
  (value as unknown as { isWellFormed(): boolean }).isWellFormed();
const unquoted = (value: string): boolean =>
  value.indexOf('"') === -1 && value.indexOf('\\') === -1;
const plain = (value: string): boolean =>
  unquoted(value) && !CONTROL.test(value) && wellFormed(value);
const str = (value: string | null): string =>
  value === null ? 'null' : plain(value) ? `"${value}"` : JSON.stringify(value);
// For a finite number JSON.stringify is Number's toString; the call costs more than the check.
const num = (value: number | null): string =>
  value === null ? 'null' : Number.isFinite(value) ? `${value}` : JSON.stringify(value);

/**
 * How a row's values become the canonical record's text:
 * - `canonicalize`: arguments and metadata (JSON text) parsed and re-serialized by RFC 8785 (any
 *   stored JSON, as in rows stored before canonical storage); strings exactly as JCS.
 * - `stored`: arguments and metadata verbatim once JSON.parse accepts them; strings exactly as
 *   JCS. Canonical storage (recordRow.ts) makes this the JCS; for a verifier a hash match then
 *   proves the bytes are the ones written (every column renders as one complete JSON value, so
 *   equal bytes split into equal values).
 * - `trusted`: arguments and metadata verbatim, for the writer, whose text recordRow.ts made
 *   canonical; strings exactly as JCS.
 */
export type CanonicalForm = 'canonicalize' | 'stored' | 'trusted';

function obj(text: string | null, missing: string, form: CanonicalForm): string {
  if (text === null) return missing;
  if (text === '{}' || form === 'trusted') return text;
  if (form === 'canonicalize') return canonicalize(JSON.parse(text)) ?? 'null';
  JSON.parse(text);
  return text;
}

/** 9999-12-31T23:59:59.999Z: past it (and before 1970) toISOString's form changes. */
export const LAST_FOUR_DIGIT_YEAR_MS = 253_402_300_799_999;
const DAY_MS = 86_400_000;
let cachedDay = Number.NaN;
let cachedDayPrefix = '';
const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * `new Date(ms).toISOString()` without a Date per record: records come in time order, so the
 * date is usually the previous record's, and the time of day is arithmetic.
 */
function isoTimestamp(ms: number): string {
  if (!(Number.isInteger(ms) && ms >= 0 && ms <= LAST_FOUR_DIGIT_YEAR_MS))
    return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDayPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    cachedDay = day;
  }
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${cachedDayPrefix}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

/** The canonical record from its chain columns. */
export function canonicalValues(v: ChainValuesView, form: CanonicalForm = 'canonicalize'): string {
  return (
    `{"arguments":${obj(v[0], 'null', form)}` +
    `,"client_name":${str(v[1])}` +
    `,"client_version":${str(v[2])}` +
    `,"duration_ms":${num(v[3])}` +
    `,"error_kind":${str(v[4])}` +
    `,"error_message":${str(v[5])}` +
    `,"id":${str(v[6])}` +
    `,"metadata":${obj(v[7], '{}', form)}` +
    `,"policy_id":${str(v[8])}` +
    `,"reason":${str(v[9])}` +
    `,"request_bytes":${num(v[10])}` +
    `,"response":${str(v[11])}` +
    `,"response_bytes":${num(v[12])}` +
    `,"response_truncated":${v[13] === 1 ? 'true' : 'false'}` +
    `,"seq":${num(v[14])}` +
    `,"server_name":${str(v[15])}` +
    `,"session_id":${str(v[16])}` +
    `,"status":${str(v[17])}` +
    `,"timestamp":"${isoTimestamp(v[18])}"` +
    `,"token_id":${str(v[19])}` +
    `,"token_name":${str(v[20])}` +
    `,"tool_name":${str(v[21])}` +
    `,"type":${str(v[22])}}`
  );
}

export function chainValues(row: ChainRow): ChainValues {
  return [
    row.arguments,
    row.client_name,
    row.client_version,
    row.duration_ms,
    row.error_kind,
    row.error_message,
    row.id,
    row.metadata,
    row.policy_id,
    row.reason,
    row.request_bytes,
    row.response,
    row.response_bytes,
    row.response_truncated,
    row.seq,
    row.server_name,
    row.session_id,
    row.status,
    row.timestamp_ms,
    row.token_id,
    row.token_name,
    row.tool_name,
    row.type,
  ];
}

export function canonicalRecord(row: ChainRow): string {
  return canonicalValues(chainValues(row));
}

/**
 * hex SHA-256 of the previous hash (64 hex characters) then the canonical record. One-shot
 * `crypto.hash` over one string: a `createHash` object per record cost more than the digest.
 */
export function chainHash(prevHash: string, canonical: string): string {
  return hashedTextHash(prevHash + canonical);
}

/** hex SHA-256 of the text a hash covers, the previous hash already at its start. */
export function hashedTextHash(text: string): string {
  return hash('sha256', text, 'hex');
}

export function recordHash(prevHash: string, row: ChainRow): string {
  return chainHash(prevHash, canonicalRecord(row));
}

export function valuesHash(
  prevHash: string,
  values: ChainValuesView,
  form: CanonicalForm = 'canonicalize',
): string {
  return chainHash(prevHash, canonicalValues(values, form));
}
