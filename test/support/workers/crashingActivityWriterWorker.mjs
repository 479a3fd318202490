// The recorder worker that dies once, on its second batch, before committing it (a fault test):
// a marker file, named by the test, makes sure the restarted worker does not die again.
import { existsSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

const marker = process.env.SWITCHBOARD_TEST_CRASH_MARKER;
let batches = 0;
function crashOnSecondBatch(message) {
  if (message.kind !== 'insert' || !marker || existsSync(marker)) return;
  batches += 1;
  if (batches < 2) return;
  writeFileSync(marker, '');
  process.exit(1);
}

// Wrap the entry's message listener rather than adding one: a listener added before the entry
// has loaded would start the port, and messages arriving meanwhile would reach only it.
const port = parentPort;
const on = port.on.bind(port);
port.on = (event, listener) =>
  on(event, event === 'message' ? (m) => (crashOnSecondBatch(m), listener(m)) : listener);
register();
await import('../../../src/main/core/activity/recorder/activityWriterWorker.ts');
