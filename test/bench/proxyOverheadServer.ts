/**
 * The proxy side of proxyOverhead.bench.ts, in its own process as in real use: the real gateway,
 * record queue and SQLite file, with server-everything over stdio upstream. Prints one JSON line
 * `{"mcpUrl","token"}` when ready and runs until stdin closes.
 */
import { everythingStdio, startProxy } from '../integration/proxyHarness';

const proxy = await startProxy({ servers: [everythingStdio()] });
process.stdout.write(`${JSON.stringify({ mcpUrl: proxy.mcpUrl, token: proxy.token })}\n`);
process.stdin.resume();
process.stdin.once('end', () => {
  void proxy.records().then(async (records) => {
    process.stderr.write(`records: ${records.filter((r) => r.type === 'tool_call').length}\n`);
    await proxy.close();
    process.exit(0);
  });
});
