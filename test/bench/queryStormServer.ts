/**
 * The proxy side of queryStorm.bench.ts, in its own process as in real use: createSwitchboard
 * (gateway, REST, recorder worker) on a data directory holding a large activity log, with
 * server-everything over stdio upstream. `READERS=workers` answers reads in the reader workers
 * (serve, the desktop app; their threads at nice 19 on Linux, stepping aside while calls are in
 * flight), `READERS=workers-noyield` in reader workers at nice 19 that never step aside (as
 * before yieldToCalls.ts), `READERS=workers-nice0` in reader workers left at the process's
 * priority that never step aside (as before readerThread.ts), `READERS=inline` on the main
 * thread, as before the workers existed; `READERS=workers-lazy` is `workers` with its readers
 * started at the first reads instead of with the core (as before readersAtStart).
 * `READERS=workers@maxWait/runSlice/quiet/exportPageRows` is `workers` stepping aside as given
 * instead of DEFAULT_YIELD_TO_CALLS (tuning yieldToCalls.ts); a fifth field, `/atStart` (1 or 0,
 * default 1), says whether its readers start with the core.
 *
 * Prints one JSON line `{"mcpUrl","base","apiKey","token"}` when ready; runs until stdin closes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  DEFAULT_YIELD_TO_CALLS,
  type YieldToCallsOptions,
} from '../../src/main/core/activity/readers';
import { createSwitchboard } from '../../src/main/core/createSwitchboard';
import { everythingStdioEntry } from '../support/mcpServers';
import { READER_WORKER_SOURCE, RECORDER_WORKER_SOURCE } from '../support/workers';

const dataDir = process.env.DATA_DIR ?? '';
if (dataDir === '') throw new Error('DATA_DIR: expected the data directory');
const API_KEY = 'storm-bench-api-key-0123456789abcdef';

writeFileSync(
  join(dataDir, 'mcp_config.json'),
  JSON.stringify({
    listen: '127.0.0.1:0',
    api_key: API_KEY,
    mcpServers: { everything: everythingStdioEntry() },
    // Retention must keep the whole log (the defaults would cut it to 100,000 records).
    activity_retention_days: 3650,
    activity_max_records: 10_000_000,
    activity_max_size_mb: 100_000,
  }),
);
const log = (message: string): void => void process.stderr.write(`${message}\n`);

function yieldToCalls(readers: string | undefined): YieldToCallsOptions | false | undefined {
  if (readers === 'workers-noyield' || readers === 'workers-nice0') return false;
  const knobs = readers?.startsWith('workers@') ? readers.slice(8).split('/').map(Number) : null;
  if (knobs === null) return undefined;
  const [maxWaitMs = 0, runSliceMs = 0, quietMs = 0, exportPageRows = 50] = knobs;
  return { ...DEFAULT_YIELD_TO_CALLS, maxWaitMs, runSliceMs, quietMs, exportPageRows };
}
const readerYieldToCalls = yieldToCalls(process.env.READERS);

/** Readers started with the core (what ships) unless the mode names a time before that. */
function readersAtStart(readers: string): boolean {
  if (['workers-lazy', 'workers-noyield', 'workers-nice0'].includes(readers)) return false;
  const atStart = readers.startsWith('workers@') ? readers.slice(8).split('/')[4] : undefined;
  return atStart === undefined || atStart === '1';
}

async function serve(): Promise<void> {
  const switchboard = await createSwitchboard({
    dataDir,
    watchConfig: false,
    log,
    recorderWorker: RECORDER_WORKER_SOURCE,
    ...(process.env.READERS?.startsWith('workers') ? { readerWorker: READER_WORKER_SOURCE } : {}),
    ...(process.env.READERS === 'workers-nice0' ? { readerNice: 0 } : {}),
    readersAtStart: readersAtStart(process.env.READERS ?? ''),
    ...(readerYieldToCalls !== undefined ? { readerYieldToCalls } : {}),
  });
  const token = switchboard.tokens.create(`storm agent ${process.pid}`).token;
  process.stdout.write(
    `${JSON.stringify({ mcpUrl: switchboard.urls.mcp, base: switchboard.urls.base, apiKey: API_KEY, token })}\n`,
  );
  await new Promise<void>((resolve) =>
    createInterface({ input: process.stdin }).on('close', resolve),
  );
  await switchboard.close();
}

await serve();
process.exit(0);
