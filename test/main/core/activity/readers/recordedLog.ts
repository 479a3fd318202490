/**
 * A data directory whose log the real recorder wrote: the reader tests' database. 3,000 records
 * a second apart over three servers and two tools, every ninth an error, with quotes, newlines
 * and non-ASCII text in them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openSwitchboardCore,
  type SwitchboardCore,
} from '../../../../../src/main/core/switchboardCore';
import { RECORDER_WORKER_SOURCE } from '../../../../support/workers';
import { makeRecord } from '../activityFixtures';

export const RECORDS = 3_000;
export const START_MS = Date.parse('2026-11-20T08:00:00.000Z');

export function recordAt(i: number) {
  const status = i % 9 === 0 ? 'error' : 'success';
  return makeRecord(
    {
      server_name: ['github', 'filesystem', 'notes'][i % 3] ?? null,
      tool_name: ['search', 'read_file'][i % 2] ?? null,
      status,
      error_kind: status === 'error' ? 'tool_error' : null,
      error_message: status === 'error' ? `failed, "quoted"\nline ${i}` : null,
      arguments: { query: `kubernetes pod ${i}, ünïcode "x"`, n: i / 3 },
      response: `result ${i} `.repeat(1 + (i % 40)),
      duration_ms: i % 50,
    },
    START_MS + i * 1_000,
  );
}

export interface RecordedLog {
  dir: string;
  core: SwitchboardCore;
  /** activity.db */
  file: string;
  close(): Promise<void>;
}

/** The core over a new data directory, its log recorded; `readerWorker` starts its readers. */
export async function recordedLog(prefix: string, readerWorker?: string): Promise<RecordedLog> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(
    join(dir, 'mcp_config.json'),
    JSON.stringify({ listen: '127.0.0.1:0', api_key: 'k'.repeat(32) }),
  );
  const core = await openSwitchboardCore({
    dataDir: dir,
    watchConfig: false,
    log: () => {},
    recorderWorker: RECORDER_WORKER_SOURCE,
    ...(readerWorker ? { readerWorker } : {}),
  });
  for (let i = 0; i < RECORDS; i++) core.switchboard.recorder.enqueue(recordAt(i));
  await core.switchboard.recorder.flush();
  return {
    dir,
    core,
    file: core.switchboard.activity.stats().path,
    async close() {
      await core.switchboard.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
