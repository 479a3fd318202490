/**
 * How the proxy's thread reaches the export side of a pipeline (otlpExport.ts): the export worker
 * when its entry is given (the built app, `switchboard serve`, tests), else the same code on this
 * thread, one turn of the event loop later. The worker starts with the pipeline; one that dies is
 * started again at the next batch; one that cannot even load is replaced by the in-thread export.
 */
import { Worker } from 'node:worker_threads';
import type { ExportWorkerData, FromExportWorker, ToExportWorker } from './exportProtocol';
import { createOtlpExport } from './otlpExport';

export interface ExportChannelOptions {
  /** The worker's entry (src/main/telemetryWorker.ts gives the built one); none: in-thread. */
  entry?: string;
  data: ExportWorkerData;
  onMessage(message: FromExportWorker): void;
  /** The worker stopped unasked: what it held is lost. */
  onLost(reason: string): void;
  log?: (message: string) => void;
}

export interface ExportChannel {
  post(message: ToExportWorker): void;
  /** Keeps the process alive while an answer is awaited (a flush, a shutdown). */
  hold(held: boolean): void;
  /** Ends the worker now (after a shutdown's answer, or when it is overdue). */
  terminate(): Promise<void>;
}

export function createExportChannel(options: ExportChannelOptions): ExportChannel {
  let worker: Worker | null = null;
  let inThread: ReturnType<typeof createOtlpExport> | null = null;
  let loaded = false;
  let ended = false;
  let held = false;

  function useInThread(): ReturnType<typeof createOtlpExport> {
    inThread ??= createOtlpExport(options.data, (message) => options.onMessage(message));
    return inThread;
  }

  function start(entry: string): Worker | null {
    let started: Worker;
    try {
      started = new Worker(entry, { workerData: options.data });
    } catch (error) {
      options.log?.(
        `switchboard: telemetry: the export worker did not start (${(error as Error).message}); exporting on the main thread`,
      );
      useInThread();
      return null;
    }
    if (!held) started.unref();
    let lost = false;
    const loseOnce = (reason: string): void => {
      if (worker === started) worker = null;
      if (lost || ended) return;
      lost = true;
      options.onLost(reason);
    };
    started.on('message', (message: FromExportWorker) => {
      if (message.kind === 'ready') loaded = true;
      else options.onMessage(message);
    });
    started.on('error', (error) => {
      if (!loaded && inThread === null && !ended) {
        options.log?.(
          `switchboard: telemetry: the export worker did not start (${error.message}); exporting on the main thread`,
        );
        useInThread();
      }
      loseOnce(`the telemetry export worker failed: ${error.message}`);
    });
    started.on('exit', (code) => loseOnce(`the telemetry export worker exited (code ${code})`));
    return started;
  }

  // Started at once: loading the exporters takes a while, and the first spans need not wait for it.
  if (options.entry !== undefined) worker = start(options.entry);

  return {
    post(message) {
      if (ended) return;
      if (options.entry !== undefined && inThread === null) {
        worker ??= start(options.entry);
        if (worker !== null) {
          worker.postMessage(message);
          return;
        }
      }
      const otlp = useInThread();
      setImmediate(() => otlp.handle(message));
    },

    hold(next) {
      held = next;
      if (next) worker?.ref();
      else worker?.unref();
    },

    async terminate() {
      ended = true;
      const stopping = worker;
      worker = null;
      await stopping?.terminate();
    },
  };
}
