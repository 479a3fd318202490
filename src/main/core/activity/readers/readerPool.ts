/**
 * A small pool of reader workers (activityReaderWorker.ts) behind ActivityReads: each request
 * gets an id, goes to the least busy reader, and its answer (or its error, as data) comes back
 * under that id. An export keeps its reader: each chunk is one pull answered under the export's
 * id, so a consumer that stops reading stops the reading. A reader that dies fails only its own
 * requests; the next request starts a new one in its slot.
 */
import { Worker } from 'node:worker_threads';
import type { ChainVerifyResult } from '../../../../shared/audit';
import type { UncheckedChainPlan } from '../../audit/chainVerifier';
import { verifyInParts } from '../../audit/parallelVerify';
import { fromReadFailure } from './activityReader';
import { checkReaderNice } from './readerThread';
import type { ExportRequest } from '../exportLines';
import { DEFAULT_YIELD_TO_CALLS, type YieldToCallsOptions } from './yieldToCalls';
import type { ActivityReads, ExportChunk } from './activityReads';
import type {
  ActivityRead,
  ActivityReaderWorkerData,
  FromActivityReader,
  ToActivityReader,
} from './readerProtocol';

export interface ReaderPoolOptions {
  /** The built worker entry (`activityReaderWorker?modulePath`) or a test's bootstrap of it. */
  entry: string;
  file: string;
  nativeBinding?: string;
  /** The audit public key file verify checks checkpoints with (SPEC 12). */
  publicKeyFile?: string;
  /** Tests: the slow-read threshold (default SLOW_READ_MS). */
  slowReadMs?: number;
  /** Readers (threads). Default 2. */
  size?: number;
  /** Tests: verify smaller logs in parts too (default PARALLEL_VERIFY_MIN_RECORDS). */
  parallelVerifyMinRecords?: number;
  /** Each reader thread's nice value on Linux (readerThread.ts). Default READER_NICE. */
  nice?: number;
  /**
   * Start every reader now instead of at the first read each takes: a reader's start (its
   * thread, module load and compile on V8's helper threads, which nice does not reach, and its
   * SQLite connection) then runs before calls do, not on the calls in flight at the first read.
   * Default false (a pool that may never read: the CLI's).
   */
  startAtOnce?: boolean;
  /**
   * The gateway's count of requests in flight (callsInFlightGauge.ts's buffer): each reader waits
   * before a statement while it is above zero (yieldToCalls.ts). Absent: readers never wait.
   */
  callsInFlight?: SharedArrayBuffer;
  /** How readers wait on callsInFlight. Default DEFAULT_YIELD_TO_CALLS. */
  yieldToCalls?: YieldToCallsOptions;
  /** Where slow-read reports and reader crashes go. */
  log: (message: string) => void;
  /** Told which thread answered each request (tests, diagnostics). */
  onAnswered?: (answer: { kind: ActivityRead['kind']; threadId: number }) => void;
  /** Told when a reader is up, with the nice value its thread runs at (null: none set). */
  onReady?: (reader: { threadId: number; nice: number | null }) => void;
}

export const READER_EXITED = 'SWITCHBOARD_READER_EXITED';

interface Pending {
  kind: ActivityRead['kind'];
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  progress?: (checked: number) => void;
}

interface Slot {
  worker: Worker | null;
  pending: Map<number, Pending>;
  /** Exports in progress on this reader (between pulls they have nothing pending). */
  exports: Set<number>;
}

const busy = (slot: Slot): number => slot.pending.size + slot.exports.size;

function exited(message: string): Error {
  const error = new Error(message) as Error & { code: string };
  error.name = 'ActivityReaderError';
  error.code = READER_EXITED;
  return error;
}

export function createReaderPool(options: ReaderPoolOptions): ActivityReads {
  const size = options.size ?? 2;
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`reader pool size: expected a positive integer, got ${size}`);
  if (options.nice !== undefined) checkReaderNice(options.nice);
  const slots: Slot[] = Array.from({ length: size }, () => ({
    worker: null,
    pending: new Map(),
    exports: new Set(),
  }));
  let nextId = 1;
  let closing: Promise<void> | null = null;

  function failAll(slot: Slot, error: Error): void {
    const waiting = [...slot.pending.values()];
    slot.pending.clear();
    for (const p of waiting) p.reject(error);
  }

  function start(slot: Slot): Worker {
    const data: ActivityReaderWorkerData = {
      file: options.file,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.publicKeyFile ? { publicKeyFile: options.publicKeyFile } : {}),
      ...(options.slowReadMs !== undefined ? { slowReadMs: options.slowReadMs } : {}),
      ...(options.nice !== undefined ? { nice: options.nice } : {}),
      ...(options.callsInFlight
        ? {
            callsInFlight: {
              buffer: options.callsInFlight,
              wait: options.yieldToCalls ?? DEFAULT_YIELD_TO_CALLS,
            },
          }
        : {}),
    };
    const started = new Worker(options.entry, { workerData: data });
    started.unref();
    const retire = () => {
      if (slot.worker === started) slot.worker = null;
    };
    started.on('message', (message: FromActivityReader) => {
      if (message.kind === 'done' || message.kind === 'failed' || message.kind === 'chunk') {
        const waiting = slot.pending.get(message.id);
        slot.pending.delete(message.id);
        if (busy(slot) === 0) started.unref();
        if (waiting === undefined) return;
        if (message.kind === 'chunk') {
          const { bytes, rows } = message;
          waiting.resolve({
            data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
            rows,
          } satisfies ExportChunk);
          return;
        }
        if (message.kind === 'failed') {
          waiting.reject(fromReadFailure(message.failure));
          return;
        }
        options.onAnswered?.({ kind: waiting.kind, threadId: message.threadId });
        waiting.resolve(message.result);
      } else if (message.kind === 'progress') {
        slot.pending.get(message.id)?.progress?.(message.checked);
      } else if (message.kind === 'ready') {
        options.onReady?.({ threadId: message.threadId, nice: message.nice });
      } else if (message.kind === 'slow') {
        options.log(message.report);
      } else if (message.kind === 'fatal') {
        retire();
        void started.terminate();
        failAll(slot, exited(`a reader could not open ${options.file}: ${message.message}`));
      }
    });
    started.on('error', (error) => {
      retire();
      options.log(`switchboard: a reader worker failed: ${error.message}`);
      failAll(slot, exited(`the reader worker failed: ${error.message}`));
    });
    started.on('exit', (exitCode) => {
      retire();
      if (slot.pending.size > 0)
        failAll(slot, exited(`the reader worker exited (code ${exitCode})`));
    });
    return started;
  }

  if (options.startAtOnce === true) for (const slot of slots) slot.worker ??= start(slot);

  function leastBusy(): Slot {
    return slots.reduce((least, s) => (busy(s) < busy(least) ? s : least));
  }

  /** Sends `message` to `worker` and waits for the answer under `id`. */
  function ask(
    slot: Slot,
    worker: Worker,
    id: number,
    kind: ActivityRead['kind'],
    message: ToActivityReader,
    progress?: (checked: number) => void,
  ): Promise<unknown> {
    // The reader an export started on died between two pulls: a message to it would hang.
    if (slot.worker !== worker) return Promise.reject(exited('the reader worker exited'));
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { kind, resolve, reject, ...(progress ? { progress } : {}) });
      // While a request is in flight the worker must keep the process alive.
      worker.ref();
      worker.postMessage(message);
    });
  }

  function request(read: ActivityRead, progress?: (checked: number) => void): Promise<unknown> {
    if (closing !== null) return Promise.reject(exited('the reader pool is closed'));
    const slot = leastBusy();
    const worker = (slot.worker ??= start(slot));
    const id = nextId++;
    return ask(slot, worker, id, read.kind, { id, read }, progress);
  }

  /** The parts go to the readers side by side (each to the least busy), then join up. */
  function verify(onProgress?: (checked: number) => void): Promise<ChainVerifyResult> {
    const checkedByPart = new Map<number, number>();
    const partProgress = (from: number) => (checked: number) => {
      checkedByPart.set(from, checked);
      onProgress?.([...checkedByPart.values()].reduce((sum, n) => sum + n, 0));
    };
    return verifyInParts(
      {
        plan: async () => (await request({ kind: 'verifyPlan' })) as UncheckedChainPlan,
        checkRange: async (range) =>
          (await request({ kind: 'verifyRange', range }, partProgress(range.from))) as never,
        sequential: async () => (await request({ kind: 'verify' }, onProgress)) as never,
      },
      size,
      options.parallelVerifyMinRecords,
    );
  }

  async function* exportChunks(
    request: ExportRequest,
    pageSize: number,
  ): AsyncGenerator<ExportChunk, void> {
    if (closing !== null) throw exited('the reader pool is closed');
    const slot = leastBusy();
    const worker = (slot.worker ??= start(slot));
    const id = nextId++;
    slot.exports.add(id);
    let ended = false;
    try {
      let next = ask(slot, worker, id, 'export', {
        id,
        read: { kind: 'export', request, pageSize },
      });
      for (;;) {
        const chunk = (await next) as ExportChunk | null;
        if (chunk === null) {
          ended = true;
          return;
        }
        yield chunk;
        next = ask(slot, worker, id, 'export', { kind: 'pull', id });
      }
    } catch (error) {
      ended = true;
      throw error;
    } finally {
      slot.exports.delete(id);
      if (!ended && slot.worker === worker) worker.postMessage({ kind: 'cancel', id });
      if (busy(slot) === 0) worker.unref();
    }
  }

  return {
    list: async (query) => (await request({ kind: 'list', query })) as never,
    get: async (id) => (await request({ kind: 'get', id })) as never,
    summary: async (period, filter, now) =>
      (await request({
        kind: 'summary',
        period,
        filter,
        ...(now === undefined ? {} : { now: now.getTime() }),
      })) as never,
    exportChunks,
    verify,
    close() {
      closing ??= Promise.all(
        slots.map(async (slot) => {
          const current = slot.worker;
          slot.worker = null;
          if (current === null) return;
          const gone = new Promise<void>((resolve) => current.once('exit', () => resolve()));
          current.postMessage({ kind: 'close' } satisfies ToActivityReader);
          // A reader mid-query finishes it first; one that hangs is ended after 5 s.
          const timer = setTimeout(() => void current.terminate(), 5000);
          await gone;
          clearTimeout(timer);
        }),
      ).then(() => undefined);
      return closing;
    },
  };
}
