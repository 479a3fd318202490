/** `switchboard serve` to first successful tool call (target <= 1.5 s), median of several starts. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAgent } from '../support/agent';
import { everythingStdioEntry } from '../support/mcpServers';
import { startServe } from '../support/serveProcess';
import { median, round } from './stats';

export interface ColdStartResult {
  runs_ms: number[];
  median_ms: number;
}

export async function runColdStartBench(options: { runs?: number } = {}): Promise<ColdStartResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'swb-cold-'));
  // First start creates the database and a token; the measured starts reopen them as a user's would.
  const first = await startServe({
    dataDir,
    config: { mcpServers: { everything: everythingStdioEntry() } },
  });
  const token = await first.createToken('cold-start');
  await first.stop();

  const runs: number[] = [];
  for (let i = 0; i < (options.runs ?? 5); i++) {
    const start = performance.now();
    const serve = await startServe({ dataDir });
    const agent = await connectAgent(serve.mcpUrl, token);
    // The upstream may still be connecting right after the ready line: the first call that succeeds counts.
    for (;;) {
      const result = await agent.callTool({
        name: 'everything__echo',
        arguments: { message: 'cold' },
      });
      if (!result.isError) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    runs.push(round(performance.now() - start, 1));
    await agent.close();
    await serve.stop();
  }
  return { runs_ms: runs, median_ms: median(runs) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void runColdStartBench().then((result) => console.log(JSON.stringify(result, null, 2)));
}
