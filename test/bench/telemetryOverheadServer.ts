/**
 * The proxy side of telemetryOverhead.bench.ts: the real gateway, record queue (recorder worker)
 * and SQLite file with server-everything over stdio, as in proxyOverheadServer.ts, traced as
 * createSwitchboard traces it when `--otlp <base address>` is given. Each setting runs in its own
 * process, so telemetry-on machinery (the export worker, the span work) cannot slow the telemetry-off run.
 * Prints `{"mcpUrl","token"}` when ready; on stdin's end prints the exporter's status and exits.
 */
import { createInterface } from 'node:readline';
import { everythingStdio, startProxy } from '../integration/proxyHarness';
import { RECORDER_WORKER_SOURCE, TELEMETRY_WORKER_SOURCE } from '../support/workers';

const at = process.argv.indexOf('--otlp');
const otlpEndpoint = at === -1 ? undefined : process.argv[at + 1];

const proxy = await startProxy({
  servers: [everythingStdio()],
  recorderWorker: RECORDER_WORKER_SOURCE,
  telemetryWorker: TELEMETRY_WORKER_SOURCE,
  ...(otlpEndpoint === undefined ? {} : { otlpEndpoint }),
});
// The export worker has loaded (a flush is answered by it): its start-up is not a call's cost.
await proxy.telemetry.flush();
process.stdout.write(`${JSON.stringify({ mcpUrl: proxy.mcpUrl, token: proxy.token })}\n`);
process.stdin.resume();
createInterface({ input: process.stdin }).once('close', () => {
  void (async () => {
    await proxy.telemetry.flush().catch(() => undefined);
    process.stdout.write(`${JSON.stringify(proxy.telemetry.status())}\n`);
    await proxy.close();
    process.exit(0);
  })();
});
