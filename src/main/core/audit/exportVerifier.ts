/**
 * `switchboard activity verify --file EXPORT.jsonl` (SPEC 12): streams a JSON Lines export and
 * checks that each record is faithful (its hash recomputed from the line when bodies are there,
 * and the line equal to the log's record at its seq when the log still holds it) and, when the
 * export ends with a checkpoint line (an unfiltered export with bodies), that its records chain
 * down from that signed checkpoint with no gap, which needs only the public key.
 */
import canonicalize from 'canonicalize';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type Database from 'better-sqlite3';
import type { AuditCheckpoint, ChainBreakKind, ChainVerifyResult } from '../../../shared/audit';
import { RECORD_COLUMNS, toRecord, type ActivityRow } from '../activity/recordRow';
import type { AuditPublicKey } from './auditKey';
import { chainHash } from './chainRecord';
import { checkpointSignatureValid } from './checkpointSignature';

export interface ExportVerifyOptions {
  /** The log, read-only; null to check the export on its own. */
  sqlite: Database.Database | null;
  publicKey: AuditPublicKey | null;
  onProgress?: (lines: number) => void;
}

type ExportedRecord = Record<string, unknown> & {
  seq: number;
  hash: string | null;
  prev_hash: string | null;
};

class ExportBreak extends Error {
  constructor(
    readonly seq: number,
    readonly kind: ChainBreakKind,
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

function parseLine(text: string, line: number): ExportedRecord | AuditCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(
      `line ${line}: not JSON (a JSON Lines export of the activity log was expected)`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`line ${line}: expected a JSON object`);
  const object = value as Record<string, unknown>;
  if (object.type === 'checkpoint') {
    const { type: _type, ...checkpoint } = object;
    return checkpoint as unknown as AuditCheckpoint;
  }
  if (typeof object.seq !== 'number' || !('hash' in object) || !('prev_hash' in object))
    throw new Error(
      `line ${line}: no seq, hash and prev_hash: export again with this version of Switchboard`,
    );
  return object as ExportedRecord;
}

const isCheckpoint = (value: ExportedRecord | AuditCheckpoint): value is AuditCheckpoint =>
  'signature' in value && !('id' in value);

/** The canonical record of a line with bodies: every SPEC 5 field plus seq. */
function lineHash(record: ExportedRecord): string | null {
  if (!('arguments' in record) || !('response' in record) || record.prev_hash === null) return null;
  const { hash: _hash, prev_hash, ...fields } = record;
  return chainHash(prev_hash, canonicalize(fields) ?? '');
}

export async function verifyExportFile(
  file: string,
  options: ExportVerifyOptions,
): Promise<ChainVerifyResult> {
  const byId = options.sqlite?.prepare<[number], ActivityRow>(
    `SELECT ${RECORD_COLUMNS}, prev_hash, hash FROM activity WHERE seq = ?`,
  );
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let line = 0;
  let records = 0;
  let newest: ExportedRecord | null = null;
  let previous: ExportedRecord | null = null;
  let lowest: number | null = null;
  let checkpoint: AuditCheckpoint | null = null;
  // The first place the records stop chaining, reported if a checkpoint says they must.
  let gap: ExportBreak | null = null;
  try {
    for await (const text of lines) {
      line += 1;
      if (text.trim() === '') continue;
      if (checkpoint !== null)
        throw new Error(`line ${line}: nothing may follow the checkpoint line`);
      const value = parseLine(text, line);
      if (isCheckpoint(value)) {
        checkpoint = value;
        continue;
      }
      checkRecord(value, byId ?? null);
      // Newest first: each record links to the one on the next line.
      if (previous !== null) {
        if (value.seq >= previous.seq)
          throw new Error(`line ${line}: seq ${value.seq} is not older than the line before`);
        if (gap === null && value.seq !== previous.seq - 1)
          gap = new ExportBreak(
            value.seq + 1,
            'deleted',
            `seq ${value.seq + 1} to ${previous.seq - 1} are missing`,
            line,
          );
        else if (gap === null && previous.prev_hash !== value.hash)
          gap = new ExportBreak(
            value.seq,
            'edited',
            `seq ${previous.seq} does not link to seq ${value.seq}`,
            line,
          );
      }
      newest ??= value;
      previous = value;
      lowest = value.seq;
      records += 1;
      if (records % 10_000 === 0) options.onProgress?.(line);
    }
    options.onProgress?.(line);
    if (checkpoint !== null) checkTrailer(checkpoint, newest, gap, options.publicKey, line);
  } catch (error) {
    if (error instanceof ExportBreak)
      return {
        ok: false,
        seq: error.seq,
        kind: error.kind,
        message: `line ${error.line ?? line}: ${error.message}`,
        records_checked: records,
        line: error.line ?? line,
      };
    throw error;
  } finally {
    lines.close();
  }
  return {
    ok: true,
    records,
    first_seq: lowest,
    last_seq: newest?.seq ?? null,
    head_hash: newest?.hash ?? '',
    checkpoints: checkpoint === null ? 0 : 1,
    last_checkpoint_seq: checkpoint?.seq ?? null,
    unproved_records: checkpoint === null ? records : 0,
  };
}

function checkRecord(
  record: ExportedRecord,
  byId: Database.Statement<[number], ActivityRow> | null,
): void {
  const computed = lineHash(record);
  if (computed !== null && computed !== record.hash)
    throw new ExportBreak(
      record.seq,
      'edited',
      `the record at seq ${record.seq} does not match its hash`,
    );
  const stored = byId?.get(record.seq);
  if (stored === undefined) return; // gone from the log (retention) or no log at hand
  if (stored.hash !== record.hash)
    throw new ExportBreak(
      record.seq,
      computed === null ? 'edited' : 'inserted',
      `seq ${record.seq} has another hash in the log`,
    );
  const logged = {
    ...toRecord(stored),
    seq: stored.seq,
    hash: stored.hash,
    prev_hash: stored.prev_hash,
  };
  for (const [key, value] of Object.entries(record)) {
    if (canonicalize(value) !== canonicalize((logged as Record<string, unknown>)[key]))
      throw new ExportBreak(
        record.seq,
        'edited',
        `${key} of seq ${record.seq} differs from the log`,
      );
  }
}

function checkTrailer(
  checkpoint: AuditCheckpoint,
  newest: ExportedRecord | null,
  gap: ExportBreak | null,
  publicKey: AuditPublicKey | null,
  line: number,
): void {
  const valid =
    publicKey !== null &&
    checkpoint.key_fingerprint === publicKey.fingerprint &&
    checkpointSignatureValid(checkpoint, publicKey.key);
  if (!valid)
    throw new ExportBreak(
      checkpoint.seq,
      'bad_signature',
      publicKey === null
        ? 'the checkpoint cannot be checked without the public key (audit_key.pub.pem)'
        : 'the checkpoint signature does not match it or this key',
    );
  if (newest === null || newest.seq !== checkpoint.seq || newest.hash !== checkpoint.hash)
    throw new ExportBreak(
      checkpoint.seq,
      newest !== null && newest.seq === checkpoint.seq ? 'edited' : 'deleted',
      `the newest record does not match the checkpoint at seq ${checkpoint.seq}`,
      line,
    );
  if (gap !== null) throw gap;
}
