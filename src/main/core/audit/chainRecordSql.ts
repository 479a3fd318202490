/**
 * The text a record's chain hash covers (its previous hash, then its canonical record: SPEC 12),
 * rendered by SQLite inside the query that reads the row. Verify then fetches one string per
 * record instead of 23 values and builds nothing in JavaScript: about a quarter less CPU per
 * record (docs/PERFORMANCE.md).
 *
 * It is a fast path, never the judge. A row whose rendering does not hash to its stored hash is
 * checked again from its values by chainRecord.ts (chainRows.ts does this), so a rendering that
 * differs from JCS (a number SQLite writes in another form, a record stored before canonical
 * storage) costs time, not a false break. A match is proof: every column renders as one complete
 * JSON value that reads back as the stored value (json_quote for text, arguments and metadata
 * verbatim only when they are valid RFC 8259 JSON, numbers SQLite writes exactly), so equal
 * bytes split into equal values, as in chainRecord.ts's `stored` form. The guard keeps BLOBs out:
 * SQLite's JSON functions read a BLOB as JSONB, and a BLOB holding the JSONB of the stored
 * string would render as that string while the app reads a Buffer. A guard that fails, or a
 * piece that renders NULL (which `concat` skips, leaving text that is not JSON), sends the row
 * to the values check.
 */
import { CHAIN_COLUMNS, LAST_FOUR_DIGIT_YEAR_MS } from './chainRecord';

type ChainColumn = (typeof CHAIN_COLUMNS)[number];

/** 2^53: below it a whole double and its integer print the same in SQLite and ECMAScript. */
const SAFE_INTEGER_BOUND = 9_007_199_254_740_992;

const jsonText = (column: string, missing: string): string =>
  `CASE WHEN ${column} IS NULL THEN '${missing}' WHEN json_valid(${column}) THEN ${column} END`;

/** REAL: a whole number prints as an integer (SQLite's JSON would write 359.0). */
export const DURATION_SQL = `CASE WHEN duration_ms = floor(duration_ms) AND abs(duration_ms) < ${SAFE_INTEGER_BOUND} THEN CAST(duration_ms AS INTEGER) ELSE json_quote(duration_ms) END`;

/** Each column's rendering as JCS writes its record value: one or more `concat` arguments. */
const RENDER: Partial<Record<ChainColumn, string>> = {
  arguments: jsonText('arguments', 'null'),
  metadata: jsonText('metadata', '{}'),
  duration_ms: DURATION_SQL,
  response_truncated: `CASE response_truncated WHEN 1 THEN 'true' WHEN 0 THEN 'false' END`,
  seq: 'seq',
  timestamp_ms: `'"', strftime('%Y-%m-%dT%H:%M:%S', timestamp_ms / 1000, 'unixepoch'), '.', substr(1000 + timestamp_ms % 1000, 2), 'Z"'`,
};

const recordKey = (column: ChainColumn): string =>
  column === 'timestamp_ms' ? 'timestamp' : column;

const renderedRecord = CHAIN_COLUMNS.flatMap((column, i) => [
  `'${i === 0 ? '{' : ','}"${recordKey(column)}":'`,
  RENDER[column] ?? `json_quote(${column})`,
]);

/**
 * Conditions under which a row's rendering is not to be trusted; any one true sends the row to
 * the values check. A BLOB sorts after every other value, so `column >= x''` holds for a BLOB
 * only (NULL makes the comparison NULL, which `CASE` treats as false): a comparison the engine
 * runs inline, where `typeof()` is a function call per column.
 */
const untrusted = [
  `typeof(timestamp_ms) <> 'integer'`,
  `timestamp_ms NOT BETWEEN 0 AND ${LAST_FOUR_DIGIT_YEAR_MS}`,
  ...CHAIN_COLUMNS.filter((column) => column !== 'seq' && column !== 'timestamp_ms').map(
    (column) => `${column} >= x''`,
  ),
];

/** Characters of a stored hash (SHA-256 in hex). */
export const HASH_CHARS = 64;

/** A stored link verify can cut from the text: HASH_CHARS characters, not a BLOB. */
const untrustedLink = (column: 'prev_hash' | 'hash'): string[] => [
  `length(${column}) IS NOT ${HASH_CHARS}`,
  `${column} >= x''`,
];

const rendered = (pieces: readonly string[], unless: readonly string[]): string =>
  `CASE WHEN ${unless.join(' OR ')} THEN NULL ELSE concat(${pieces.join(', ')}) END`;

/**
 * SQL expression over an `activity` row: its previous hash then its canonical record, or NULL
 * where the row must be checked from its values.
 */
export const HASHED_TEXT_SQL = rendered(['prev_hash', ...renderedRecord, "'}'"], untrusted);

/**
 * The stored hash, then HASHED_TEXT_SQL's text: one string per row, so a page of rows is one
 * string each with no row arrays to build. Both links are 64 characters, so the hash, the
 * previous hash and the hashed text are cut from it by position (chainRows.ts). NULL where the
 * row must be read as columns.
 */
export const LINKED_TEXT_SQL = rendered(
  ['hash', 'prev_hash', ...renderedRecord, "'}'"],
  [...untrusted, ...untrustedLink('prev_hash'), ...untrustedLink('hash')],
);
