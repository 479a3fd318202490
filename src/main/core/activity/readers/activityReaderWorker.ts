/**
 * A reader worker (STYLE 3): answers list, get and summary on its own read-only connection, so a
 * long query never stalls the main thread's event loop and the calls it proxies. Built as its
 * own entry (`?modulePath`, see src/main/readerWorker.ts); the pool runs a few of these.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { openActivityReader, toReadFailure, type ActivityReader } from './activityReader';
import type {
  ActivityReaderWorkerData,
  FromActivityReader,
  ToActivityReader,
} from './readerProtocol';

const port = parentPort;
if (port === null) throw new Error('activityReaderWorker must run in a worker thread');
const reply = (message: FromActivityReader): void => port.postMessage(message);

const { file, nativeBinding } = workerData as ActivityReaderWorkerData;
let reader: ActivityReader | null = null;
try {
  reader = openActivityReader({
    file,
    ...(nativeBinding ? { nativeBinding } : {}),
    onSlow: (report) => reply({ kind: 'slow', report }),
  });
  reply({ kind: 'ready', threadId });
} catch (error) {
  // The pool ends this worker when it reads this; exiting here could race the message.
  reply({ kind: 'fatal', message: (error as Error).message });
}

port.on('message', (message: ToActivityReader) => {
  if ('kind' in message) {
    reader?.close();
    reader = null;
    port.close();
    return;
  }
  if (reader === null) {
    reply({
      kind: 'failed',
      id: message.id,
      failure: { name: 'Error', message: 'the reader worker is closed' },
    });
    return;
  }
  try {
    reply({ kind: 'done', id: message.id, result: reader.read(message.read), threadId });
  } catch (error) {
    reply({ kind: 'failed', id: message.id, failure: toReadFailure(error) });
  }
});
