/**
 * Export and chain verification on the reader workers, against a real database written by the
 * real recorder: the bytes a worker sends are the bytes the main thread reads, the reader reads
 * only the chunks its consumer asks for, and verify answers as it does on this thread.
 */
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExportStream, exportPageSize } from '../../../../../src/main/core/activity/export';
import {
  createExportLines,
  type ExportRequest,
} from '../../../../../src/main/core/activity/exportLines';
import { createReaderPool } from '../../../../../src/main/core/activity/readers';
import {
  AUDIT_PUBLIC_KEY_FILE,
  loadPublicKey,
  verifyChainFile,
} from '../../../../../src/main/core/audit';
import type { SwitchboardCore } from '../../../../../src/main/core/switchboardCore';
import type { ActivityFilter, ExportFormat } from '../../../../../src/shared/activity';
import { READER_WORKER_SOURCE } from '../../../../support/workers';
import { RECORDS, recordedLog, type RecordedLog } from './recordedLog';

let log: RecordedLog;
let dir: string;
let core: SwitchboardCore;
let file: string;

beforeAll(async () => {
  log = await recordedLog('swb-reader-export-', READER_WORKER_SOURCE);
  ({ dir, core, file } = log);
}, 60_000);

afterAll(() => log?.close());

/** The export as the main thread read it before readers: createExportStream over the file. */
function mainThreadExport(request: ExportRequest & { trailer?: string }): Promise<string> {
  return text(createExportStream({ store: createExportLines({ path: file }), ...request }));
}

const CASES: { format: ExportFormat; include_bodies: boolean; filter: ActivityFilter }[] = [
  { format: 'csv', include_bodies: false, filter: {} },
  { format: 'csv', include_bodies: true, filter: {} },
  { format: 'jsonl', include_bodies: false, filter: {} },
  { format: 'jsonl', include_bodies: true, filter: { server: 'github' } },
  { format: 'csv', include_bodies: true, filter: { status: ['error'], q: 'kubernetes' } },
  { format: 'csv', include_bodies: false, filter: { tool: 'no-such-tool' } },
];

describe('export on a reader worker', () => {
  it.each(CASES)(
    'is byte for byte the main thread export ($format, bodies $include_bodies, $filter)',
    async (request) => {
      const worker = await text(core.switchboard.service.exportActivity(request));
      expect(worker.length).toBeGreaterThan(0);
      expect(worker).toBe(await mainThreadExport(request));
    },
  );

  it('ends at the checkpoint it forced, as the main thread export with the same bound', async () => {
    const request = { format: 'jsonl' as const, include_bodies: true, filter: {} };
    const worker = await text(core.switchboard.service.exportActivity(request));
    const lines = worker.split('\n');
    const trailer = `${lines.at(-2)}\n`;
    const checkpoint = JSON.parse(trailer) as { type: string; seq: number };
    expect(checkpoint.type).toBe('checkpoint');
    expect(lines).toHaveLength(RECORDS + 2);
    expect(worker).toBe(await mainThreadExport({ ...request, maxSeq: checkpoint.seq, trailer }));
  });

  it('reads only the chunks its consumer asks for, and stops when the consumer goes away', async () => {
    const logged: string[] = [];
    // Threshold 0: every chunk the reader reads is reported, so the reports count the reads.
    const pool = createReaderPool({
      entry: READER_WORKER_SOURCE,
      file,
      size: 1,
      slowReadMs: 0,
      log: (message) => logged.push(message),
    });
    const chunkReads = () => logged.filter((m) => m.includes('slow read export chunk')).length;
    try {
      const request = { format: 'jsonl' as const, include_bodies: true, filter: {} };
      const chunks = pool.exportChunks(request, exportPageSize(true));
      const first = await chunks.next();
      const second = await chunks.next();
      expect(first.done).toBe(false);
      expect(second.done).toBe(false);
      // The reader answers other reads meanwhile (a round trip after anything it sent before).
      expect((await pool.list({ limit: 2 })).activities).toHaveLength(2);
      expect(chunkReads()).toBe(2);
      // The report names the export's statements and their plans.
      expect(logged.find((m) => m.includes('export chunk'))).toMatch(/plan: .*activity/);

      await chunks.return();
      expect((await pool.list({ limit: 1 })).activities).toHaveLength(1);
      expect(chunkReads()).toBe(2);

      // A new export after the abandoned one reads to the end.
      let rows = 0;
      for await (const chunk of pool.exportChunks(request, exportPageSize(true)))
        rows += chunk.rows;
      expect(rows).toBe(RECORDS);
    } finally {
      await pool.close();
    }
  });

  it('hands each chunk over as UTF-8 bytes, which join to the main thread export', async () => {
    const pool = createReaderPool({ entry: READER_WORKER_SOURCE, file, log: () => {} });
    try {
      const request = { format: 'csv' as const, include_bodies: true, filter: {} };
      const parts: Buffer[] = [];
      let rows = 0;
      for await (const chunk of pool.exportChunks(request, exportPageSize(true))) {
        // A Buffer over the buffer the reader transferred: no string on this thread's heap.
        expect(Buffer.isBuffer(chunk.data)).toBe(true);
        parts.push(chunk.data as Buffer);
        rows += chunk.rows;
      }
      expect(parts.length).toBeGreaterThan(1);
      expect(rows).toBe(RECORDS);
      // The fixture's arguments hold multi-byte characters ("ünïcode").
      expect(Buffer.concat(parts).toString('utf8')).toBe(await mainThreadExport(request));
    } finally {
      await pool.close();
    }
  });

  it('brings a bad page size back as an error', async () => {
    const pool = createReaderPool({ entry: READER_WORKER_SOURCE, file, log: () => {} });
    try {
      const chunks = pool.exportChunks({ format: 'csv', include_bodies: false, filter: {} }, 0);
      await expect(chunks.next()).rejects.toThrow(
        'export page size: expected a positive integer, got 0',
      );
    } finally {
      await pool.close();
    }
  });
});

describe('chain verification on a reader worker', () => {
  const onThisThread = () =>
    verifyChainFile({ file, publicKey: loadPublicKey(join(dir, AUDIT_PUBLIC_KEY_FILE)) });

  it('answers what verification on this thread answers', async () => {
    const result = await core.switchboard.service.verifyActivity();
    expect(result).toMatchObject({ ok: true, records: RECORDS });
    expect(result).toEqual(await onThisThread());
  });

  it('finds the same break in an edited log', async () => {
    const sqlite = new Database(file);
    try {
      sqlite.prepare("UPDATE activity SET tool_name = 'edited' WHERE seq = 1500").run();
    } finally {
      sqlite.close();
    }
    const result = await core.switchboard.service.verifyActivity();
    expect(result).toMatchObject({ ok: false, kind: 'edited' });
    expect(result).toEqual(await onThisThread());
  });
});
