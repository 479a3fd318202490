/**
 * Readers stepping aside for calls in flight (yieldToCalls.ts): the wait itself (a call ending
 * on another thread wakes it; its bound lets the read go on under calls that never end), and
 * reader workers that answer as the store does, byte for byte for exports, while calls are kept
 * in flight the whole time.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { text } from 'node:stream/consumers';
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
import { READER_WORKER_SOURCE } from '../../../../support/workers';
import { RECORDS, START_MS, recordedLog, type RecordedLog } from './recordedLog';

/** A wait over `gauge` that never lets calls hold it back except by what `options` sets. */
const yieldOver = (
  gauge: ReturnType<typeof createCallsInFlightGauge>,
  options: Partial<Parameters<typeof createYieldToCalls>[1]>,
) =>
  createYieldToCalls(gauge.buffer, {
    maxWaitMs: 60_000,
    runSliceMs: 0,
    quietMs: 0,
    longCallMs: 60_000,
    ...options,
  });

describe('yieldToCalls', () => {
  it('does not wait while no call is in flight', () => {
    const gauge = createCallsInFlightGauge();
    const yieldToCalls = yieldOver(gauge, {});
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
    const yieldToCalls = yieldOver(gauge, { quietMs: 1, longCallMs: 20 });
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
    const yieldToCalls = yieldOver(gauge, { maxWaitMs: 5, runSliceMs: 60_000 });
    expect(yieldToCalls()).toBeGreaterThan(0);
    expect(gauge.count()).toBe(1);
    // Within the slice: no wait at all, the calls still in flight.
    for (let i = 0; i < 100; i++) expect(yieldToCalls()).toBe(0);
  });
});

const NOW = new Date(START_MS + RECORDS * 1_000);

// The recorder writes the log; the readers under test get their own pool below.
let log: RecordedLog;
let dir: string;
let file: string;

beforeAll(async () => {
  log = await recordedLog('swb-reader-yield-');
  ({ dir, file } = log);
}, 60_000);

afterAll(() => log?.close());

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
