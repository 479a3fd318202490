/**
 * Readers stepping aside for calls in flight (yieldToCalls.ts): the wait itself (a call ending
 * on another thread wakes it; its bound lets the read go on under calls that never end), and
 * reader workers that answer as the store does, byte for byte for exports, while calls are kept
 * in flight the whole time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExportStream, exportPageSize } from '../../../../../src/main/core/activity/export';
import { createExportLines } from '../../../../../src/main/core/activity/exportLines';
import {
  createInlineReads,
  createReaderPool,
  createYieldToCalls,
} from '../../../../../src/main/core/activity/readers';
import {
  AUDIT_PUBLIC_KEY_FILE,
  loadPublicKey,
  verifyChainFile,
} from '../../../../../src/main/core/audit';
import {
  CALLS_STARTED_INDEX,
  callsInFlightCounter,
  createCallsInFlightGauge,
} from '../../../../../src/main/core/callsInFlightGauge';
import {
  openSwitchboardCore,
  type SwitchboardCore,
} from '../../../../../src/main/core/switchboardCore';
import { READER_WORKER_SOURCE, RECORDER_WORKER_SOURCE } from '../../../../support/workers';
import { makeRecord } from '../activityFixtures';

describe('yieldToCalls', () => {
  it('does not wait while no call is in flight', () => {
    const gauge = createCallsInFlightGauge();
    const yieldToCalls = createYieldToCalls(gauge.buffer, {
      maxWaitMs: 60_000,
      runSliceMs: 0,
      quietMs: 0,
      longCallMs: 60_000,
    });
    expect(yieldToCalls()).toBe(0);
    gauge.enter()();
    expect(yieldToCalls()).toBe(0);
  });

  it('waits until the last call in flight ends on another thread', () => {
    const gauge = createCallsInFlightGauge();
    gauge.enter();
    gauge.enter();
    // The other thread ends both calls a moment after it starts; this thread waits meanwhile.
    const ender = new Worker(
      `const { workerData } = require('node:worker_threads');
       const counter = new Int32Array(workerData);
       setTimeout(() => {
         Atomics.sub(counter, 0, 1);
         setTimeout(() => {
           if (Atomics.sub(counter, 0, 1) === 1) Atomics.notify(counter, 0);
         }, 20);
       }, 20);`,
      { eval: true, workerData: gauge.buffer },
    );
    try {
      // Bounded by a minute: it returns well before unless the end of the calls did not wake it.
      const waited = createYieldToCalls(gauge.buffer, {
        maxWaitMs: 60_000,
        runSliceMs: 0,
        quietMs: 0,
        longCallMs: 60_000,
      })();
      expect(gauge.count()).toBe(0);
      expect(waited).toBeGreaterThan(0);
      expect(waited).toBeLessThan(60_000);
    } finally {
      void ender.terminate();
    }
  });

  it('with a quiet time, goes on only once no call has started for that long', () => {
    const gauge = createCallsInFlightGauge();
    gauge.enter();
    // The other thread ends the call, starts and ends another shortly after, then stops.
    const caller = new Worker(
      `const { workerData } = require('node:worker_threads');
       const counter = new Int32Array(workerData);
       const end = () => { if (Atomics.sub(counter, 0, 1) === 1) Atomics.notify(counter, 0); };
       setTimeout(() => {
         end();
         setTimeout(() => {
           Atomics.add(counter, 1, 1);
           Atomics.add(counter, 0, 1);
           setTimeout(end, 5);
         }, 5);
       }, 5);`,
      { eval: true, workerData: gauge.buffer },
    );
    try {
      // A quiet time far longer than the gaps: the first call's end alone does not let it go.
      createYieldToCalls(gauge.buffer, {
        maxWaitMs: 60_000,
        runSliceMs: 0,
        quietMs: 200,
        longCallMs: 60_000,
      })();
      expect(Atomics.load(callsInFlightCounter(gauge.buffer), CALLS_STARTED_INDEX)).toBe(2);
      expect(gauge.count()).toBe(0);
    } finally {
      void caller.terminate();
    }
  });

  it('lets a read go on beside a long call once no other starts, until another call does', () => {
    const gauge = createCallsInFlightGauge();
    gauge.enter();
    const yieldToCalls = createYieldToCalls(gauge.buffer, {
      maxWaitMs: 60_000,
      runSliceMs: 0,
      quietMs: 1,
      longCallMs: 20,
    });
    // Returns (long before its minute) with the call still in flight: a slow tool's upstream wait.
    expect(yieldToCalls()).toBeGreaterThan(0);
    expect(gauge.count()).toBe(1);
    for (let i = 0; i < 100; i++) expect(yieldToCalls()).toBe(0);
    // A new call: the read waits again.
    gauge.enter();
    expect(yieldToCalls()).toBeGreaterThan(0);
    expect(gauge.count()).toBe(2);
  });

  it('goes on after its bound under calls that never end, then runs its slice without waiting', () => {
    const gauge = createCallsInFlightGauge();
    gauge.enter();
    const yieldToCalls = createYieldToCalls(gauge.buffer, {
      maxWaitMs: 5,
      runSliceMs: 60_000,
      quietMs: 0,
      longCallMs: 60_000,
    });
    expect(yieldToCalls()).toBeGreaterThan(0);
    expect(gauge.count()).toBe(1);
    // Within the slice: no wait at all, the calls still in flight.
    for (let i = 0; i < 100; i++) expect(yieldToCalls()).toBe(0);
  });
});

const RECORDS = 3_000;
const START_MS = Date.parse('2026-11-20T08:00:00.000Z');
const NOW = new Date(START_MS + RECORDS * 1_000);

let dir: string;
let core: SwitchboardCore;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'swb-reader-yield-'));
  writeFileSync(
    join(dir, 'mcp_config.json'),
    JSON.stringify({ listen: '127.0.0.1:0', api_key: 'k'.repeat(32) }),
  );
  // The recorder writes the log; the readers under test get their own pool below.
  core = await openSwitchboardCore({
    dataDir: dir,
    watchConfig: false,
    log: () => {},
    recorderWorker: RECORDER_WORKER_SOURCE,
  });
  for (let i = 0; i < RECORDS; i++) {
    const status = i % 9 === 0 ? 'error' : 'success';
    core.switchboard.recorder.enqueue(
      makeRecord(
        {
          server_name: ['github', 'filesystem', 'notes'][i % 3] ?? null,
          tool_name: ['search', 'read_file'][i % 2] ?? null,
          status,
          error_kind: status === 'error' ? 'tool_error' : null,
          arguments: { query: `kubernetes pod ${i}, ünïcode "x"` },
          response: `result ${i} `.repeat(1 + (i % 40)),
          duration_ms: i % 50,
        },
        START_MS + i * 1_000,
      ),
    );
  }
  await core.switchboard.recorder.flush();
  file = core.switchboard.activity.stats().path;
}, 60_000);

afterAll(async () => {
  await core?.switchboard.close();
  rmSync(dir, { recursive: true, force: true });
});

async function text(stream: Readable): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

describe('reader workers under calls that never end', () => {
  it('still finish summaries, exports and verify, with the answers of this thread', async () => {
    const gauge = createCallsInFlightGauge();
    const endCall = gauge.enter();
    const pool = createReaderPool({
      entry: READER_WORKER_SOURCE,
      file,
      publicKeyFile: join(dir, AUDIT_PUBLIC_KEY_FILE),
      log: () => {},
      callsInFlight: gauge.buffer,
      // A wait per statement as long as a summary of this log takes, then a short slice; export
      // pages of 7 rows, which must still join to the same bytes.
      yieldToCalls: {
        maxWaitMs: 20,
        runSliceMs: 1,
        quietMs: 0,
        longCallMs: 60_000,
        exportPageRows: 7,
      },
      parallelVerifyMinRecords: 1_000,
    });
    // The main thread's path: the same reader code, never waiting.
    const inline = createInlineReads({ file, onSlow: () => {} });
    try {
      for (const filter of [{}, { server: 'github' }, { q: 'kubernetes' }])
        expect(await pool.summary('30d', filter, NOW)).toEqual(
          await inline.summary('30d', filter, NOW),
        );

      const request = { format: 'csv' as const, include_bodies: true, filter: {} };
      const parts: Buffer[] = [];
      for await (const chunk of pool.exportChunks(request, exportPageSize(true)))
        parts.push(chunk.data as Buffer);
      expect(Buffer.concat(parts).toString('utf8')).toBe(
        await text(createExportStream({ store: createExportLines({ path: file }), ...request })),
      );

      expect(await pool.verify()).toEqual(
        await verifyChainFile({ file, publicKey: loadPublicKey(join(dir, AUDIT_PUBLIC_KEY_FILE)) }),
      );
      expect(gauge.count()).toBe(1);
    } finally {
      endCall();
      await pool.close();
      await inline.close();
    }
  }, 120_000);
});
