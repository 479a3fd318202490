// The telemetry export worker that dies once, on its first batch with call spans, before reading
// it (a fault test): a marker file, named by the test, makes sure the restarted worker does not.
import { existsSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

const marker = process.env.SWITCHBOARD_TEST_CRASH_MARKER;
function crashOnCallSpans(message) {
  if (message.kind !== 'batch' || message.callSpans === null || !marker || existsSync(marker))
    return;
  writeFileSync(marker, '');
  process.exit(1);
}

// Wrap the entry's message listener rather than adding one: a listener added before the entry
// has loaded would start the port, and messages arriving meanwhile would reach only it.
const port = parentPort;
const on = port.on.bind(port);
port.on = (event, listener) =>
  on(event, event === 'message' ? (m) => (crashOnCallSpans(m), listener(m)) : listener);
register();
await import('../../../src/main/core/telemetry/telemetryExportWorker.ts');
