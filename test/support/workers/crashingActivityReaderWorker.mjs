// The reader worker that dies when asked for the record "crash-this-reader" (a fault test).
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

function crashOnRequest(message) {
  if (message.read?.kind === 'get' && message.read.id === 'crash-this-reader') process.exit(1);
}

// Wrap the entry's message listener rather than adding one (see crashingActivityWriterWorker.mjs).
const port = parentPort;
const on = port.on.bind(port);
port.on = (event, listener) =>
  on(event, event === 'message' ? (m) => (crashOnRequest(m), listener(m)) : listener);
register();
await import('../../../src/main/core/activity/readers/activityReaderWorker.ts');
