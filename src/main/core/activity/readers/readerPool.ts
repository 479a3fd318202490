/**
 * A small pool of reader workers (activityReaderWorker.ts) behind ActivityReads: each request
 * gets an id, goes to the least busy reader, and its answer (or its error, as data) comes back
 * under that id. A reader that dies fails only its own requests; the next request starts a new
 * one in its slot.
 */
import { Worker } from 'node:worker_threads';
import { fromReadFailure } from './activityReader';
import type { ActivityReads } from './activityReads';
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
  /** Readers (threads). Default 2. */
  size?: number;
  /** Where slow-read reports and reader crashes go. */
  log: (message: string) => void;
  /** Told which thread answered each request (tests, diagnostics). */
  onAnswered?: (answer: { kind: ActivityRead['kind']; threadId: number }) => void;
}

export const READER_EXITED = 'SWITCHBOARD_READER_EXITED';

interface Pending {
  kind: ActivityRead['kind'];
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker | null;
  pending: Map<number, Pending>;
}

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
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: null, pending: new Map() }));
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
    };
    const started = new Worker(options.entry, { workerData: data });
    started.unref();
    const retire = () => {
      if (slot.worker === started) slot.worker = null;
    };
    started.on('message', (message: FromActivityReader) => {
      if (message.kind === 'done' || message.kind === 'failed') {
        const waiting = slot.pending.get(message.id);
        slot.pending.delete(message.id);
        if (slot.pending.size === 0) started.unref();
        if (waiting === undefined) return;
        if (message.kind === 'failed') {
          waiting.reject(fromReadFailure(message.failure));
          return;
        }
        options.onAnswered?.({ kind: waiting.kind, threadId: message.threadId });
        waiting.resolve(message.result);
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

  function request(read: ActivityRead): Promise<unknown> {
    if (closing !== null) return Promise.reject(exited('the reader pool is closed'));
    const slot = slots.reduce((least, s) => (s.pending.size < least.pending.size ? s : least));
    const worker = (slot.worker ??= start(slot));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { kind: read.kind, resolve, reject });
      // While a request is in flight the worker must keep the process alive.
      worker.ref();
      worker.postMessage({ id, read } satisfies ToActivityReader);
    });
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
