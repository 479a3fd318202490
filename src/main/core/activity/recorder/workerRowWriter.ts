/**
 * The record queue's writer in a worker thread (activityWriterWorker.ts). One worker at a time;
 * if it dies (a crash in native code, an out-of-memory), the pending batches fail with the
 * transient code `SWITCHBOARD_WRITER_EXITED`, the queue keeps them and retries, and the next
 * batch starts a new worker.
 */
import { Worker } from 'node:worker_threads';
import type { AuditCheckpoint } from '../../../../shared/audit';
import { createCheckpointListeners, type ActivityRowWriter } from './activityWriter';
import type {
  ActivityWriterWorkerData,
  FromActivityWriter,
  ToActivityWriter,
} from './activityWriterProtocol';
import type { ActivityInsertParams } from '../recordRow';

export interface WorkerRowWriterOptions {
  /** The built worker entry (`activityWriterWorker?modulePath`) or a test's bootstrap of the source. */
  entry: string;
  file: string;
  nativeBinding?: string;
  /** audit_key.pem, which the worker signs checkpoints with (SPEC 12). */
  auditKeyFile?: string;
  /**
   * Used from then on when the worker cannot even load (a missing or unloadable entry, e.g. a
   * packaging fault): the log is then written on the main thread rather than not at all.
   */
  fallback?: (error: Error) => ActivityRowWriter;
}

export const WRITER_EXITED = 'SWITCHBOARD_WRITER_EXITED';

class WriterError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ActivityWriterError';
  }
}

type Result = number[] | number | AuditCheckpoint | null;
type Request = Extract<ToActivityWriter, { id: number }>;
type RequestWithoutId = Request extends infer R
  ? R extends Request
    ? Omit<R, 'id'>
    : never
  : never;

interface Pending {
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

export function createWorkerRowWriter(options: WorkerRowWriterOptions): ActivityRowWriter {
  let worker: Worker | null = null;
  let fallback: ActivityRowWriter | null = null;
  let loadedOnce = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let closing: Promise<void> | null = null;
  const checkpoints = createCheckpointListeners();

  function failAll(error: Error): void {
    const waiting = [...pending.values()];
    pending.clear();
    for (const p of waiting) p.reject(error);
  }

  function start(): Worker {
    const data: ActivityWriterWorkerData = {
      file: options.file,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.auditKeyFile ? { auditKeyFile: options.auditKeyFile } : {}),
    };
    const started = new Worker(options.entry, { workerData: data });
    // A worker waiting for work must not keep a finished process alive; close() ends it anyway.
    started.unref();
    started.on('message', (message: FromActivityWriter) => {
      if (message.kind === 'ready') loadedOnce = true;
      if (message.kind === 'checkpoint_written') checkpoints.emit(message.checkpoint);
      if (message.kind === 'done' || message.kind === 'failed') {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.kind === 'done') waiting?.resolve(message.result);
        else waiting?.reject(new WriterError(message.message, message.code));
      } else if (message.kind === 'fatal') {
        if (worker === started) worker = null;
        void started.terminate();
        failAll(
          new WriterError(
            `the recorder worker could not open ${options.file}: ${message.message}`,
            WRITER_EXITED,
          ),
        );
      }
    });
    started.on('error', (error) => {
      if (worker === started) worker = null;
      if (!loadedOnce && options.fallback && fallback === null) {
        fallback = options.fallback(error);
        fallback.onCheckpoint(checkpoints.emit);
      }
      failAll(new WriterError(`the recorder worker failed: ${error.message}`, WRITER_EXITED));
    });
    started.on('exit', (exitCode) => {
      if (worker === started) worker = null;
      if (pending.size > 0)
        failAll(new WriterError(`the recorder worker exited (code ${exitCode})`, WRITER_EXITED));
    });
    return started;
  }

  function request(work: RequestWithoutId): Promise<Result> {
    if (closing !== null)
      return Promise.reject(new WriterError('the recorder worker is closed', WRITER_EXITED));
    worker ??= start();
    const message = { ...work, id: nextId++ } as Request;
    return new Promise<Result>((resolve, reject) => {
      pending.set(message.id, { resolve, reject });
      // While a request is in flight the worker must keep the process alive.
      worker?.ref();
      worker?.postMessage(message);
    }).finally(() => {
      if (pending.size === 0) worker?.unref();
    });
  }

  return {
    get offThread() {
      return fallback === null;
    },
    async insertRows(rows: readonly ActivityInsertParams[]): Promise<number[]> {
      if (fallback !== null) return fallback.insertRows(rows);
      return (await request({ kind: 'insert', rows })) as number[];
    },
    async deleteSeqs(seqs: readonly number[]): Promise<number> {
      if (fallback !== null) return fallback.deleteSeqs(seqs);
      if (seqs.length === 0) return 0;
      return (await request({ kind: 'delete', seqs })) as number;
    },
    async compact(): Promise<void> {
      if (fallback !== null) return fallback.compact();
      await request({ kind: 'compact' });
    },
    async checkpoint(gap) {
      if (fallback !== null) return fallback.checkpoint(gap);
      return (await request({
        kind: 'checkpoint',
        ...(gap ? { gap } : {}),
      })) as AuditCheckpoint | null;
    },
    onCheckpoint: checkpoints.add,
    close(): Promise<void> {
      closing ??= (async () => {
        await fallback?.close();
        const current = worker;
        worker = null;
        if (current === null) return;
        current.ref();
        const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
        current.postMessage({ kind: 'close' } satisfies ToActivityWriter);
        // The worker closes its connection and exits; if it hangs, it is ended after 5 s.
        const timer = setTimeout(() => void current.terminate(), 5000);
        await exited;
        clearTimeout(timer);
      })();
      return closing;
    },
  };
}
