/**
 * A reader worker (STYLE 3): answers list, get and summary on its own read-only connection, and
 * runs exports (a chunk per pull) and chain verification, so a long read never stalls the main
 * thread's event loop and the calls it proxies. Built as its own entry (`?modulePath`, see
 * src/main/readerWorker.ts); the pool runs a few of these.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import type { ExportLines } from '../exportLines';
import { openActivityReader, toReadFailure, type ActivityReader } from './activityReader';
import { setUpReaderThread } from './readerThread';
import { createYieldToCalls } from './yieldToCalls';
import type {
  ActivityReaderWorkerData,
  FromActivityReader,
  ToActivityReader,
} from './readerProtocol';

const port = parentPort;
if (port === null) throw new Error('activityReaderWorker must run in a worker thread');
const reply = (message: FromActivityReader, transfer: ArrayBuffer[] = []): void =>
  port.postMessage(message, transfer);

const { file, nativeBinding, publicKeyFile, slowReadMs, nice, callsInFlight } =
  workerData as ActivityReaderWorkerData;
// Before anything is read: the reads this thread runs yield the cores to the calls (Linux).
const thread = setUpReaderThread(nice);
let reader: ActivityReader | null = null;
try {
  reader = openActivityReader({
    file,
    ...(nativeBinding ? { nativeBinding } : {}),
    ...(publicKeyFile ? { publicKeyFile } : {}),
    ...(slowReadMs !== undefined ? { slowReadMs } : {}),
    ...(callsInFlight
      ? {
          yieldToCalls: createYieldToCalls(callsInFlight.buffer, callsInFlight.wait),
          exportPageRows: callsInFlight.wait.exportPageRows,
        }
      : {}),
    onSlow: (report) => reply({ kind: 'slow', report }),
  });
  reply({ kind: 'ready', threadId, nice: thread.nice });
} catch (error) {
  // The pool ends this worker when it reads this; exiting here could race the message.
  reply({ kind: 'fatal', message: (error as Error).message });
}

const encoder = new TextEncoder();

/** Exports in progress, each waiting for its consumer's next pull. */
const openExports = new Map<number, Iterator<ExportLines>>();

function sendChunk(id: number): void {
  const chunks = openExports.get(id);
  if (chunks === undefined) return;
  try {
    const next = chunks.next();
    if (next.done === true) {
      openExports.delete(id);
      reply({ kind: 'done', id, result: null, threadId });
    } else {
      // TextEncoder gives each chunk a buffer of its own, so it can be transferred whole.
      const bytes = encoder.encode(next.value.text);
      reply({ kind: 'chunk', id, bytes, rows: next.value.rows }, [bytes.buffer]);
    }
  } catch (error) {
    openExports.delete(id);
    reply({ kind: 'failed', id, failure: toReadFailure(error) });
  }
}

function closeReader(): void {
  for (const chunks of openExports.values()) chunks.return?.();
  openExports.clear();
  reader?.close();
  reader = null;
  port?.close();
}

port.on('message', (message: ToActivityReader) => {
  if ('kind' in message) {
    if (message.kind === 'close') closeReader();
    else if (message.kind === 'pull') sendChunk(message.id);
    else {
      openExports.get(message.id)?.return?.();
      openExports.delete(message.id);
    }
    return;
  }
  const { id, read } = message;
  if (reader === null) {
    reply({
      kind: 'failed',
      id,
      failure: { name: 'Error', message: 'the reader worker is closed' },
    });
    return;
  }
  if (read.kind === 'export') {
    openExports.set(id, reader.exportChunks(read.request, read.pageSize));
    sendChunk(id);
  } else if (read.kind === 'verify' || read.kind === 'verifyPlan' || read.kind === 'verifyRange') {
    const onProgress = (checked: number): void => reply({ kind: 'progress', id, checked });
    const running: Promise<unknown> =
      read.kind === 'verify'
        ? reader.verify(onProgress)
        : read.kind === 'verifyPlan'
          ? reader.verifyPlan()
          : reader.verifyRange(read.range, onProgress);
    running.then(
      (result) => reply({ kind: 'done', id, result, threadId }),
      (error: unknown) => reply({ kind: 'failed', id, failure: toReadFailure(error) }),
    );
  } else {
    try {
      reply({ kind: 'done', id, result: reader.read(read), threadId });
    } catch (error) {
      reply({ kind: 'failed', id, failure: toReadFailure(error) });
    }
  }
});
