/**
 * The query storm of queryStorm.bench.ts, in a process of its own so reading the export does not
 * slow the agent's timing: a loop of 30-day summaries and a loop of full exports (CSV with bodies,
 * read to the end and dropped) through the REST API, until stdin closes. Prints one JSON line with
 * what it completed.
 */
import { createInterface } from 'node:readline';
import { createRestClient } from '../../src/shared/restClient';

const base = process.env.STORM_BASE ?? '';
const apiKey = process.env.STORM_API_KEY ?? '';
if (base === '' || apiKey === '') throw new Error('STORM_BASE and STORM_API_KEY: expected both');
const rest = createRestClient({ baseUrl: base, apiKey });

let stopped = false;
const abort = new AbortController();
const done = { summaries: 0, exports: 0, export_bytes: 0 };

async function summaries(): Promise<void> {
  while (!stopped) {
    await rest.getSummary('30d', {});
    done.summaries++;
  }
}

async function exports(): Promise<void> {
  while (!stopped) {
    const response = await rest.exportActivity(
      { format: 'csv', include_bodies: true, filter: {} },
      abort.signal,
    );
    for await (const chunk of response.body!) done.export_bytes += (chunk as Uint8Array).length;
    done.exports++;
  }
}

// STORM_LOAD=summaries or exports runs that loop alone (queryStorm.bench.ts's `+summaries`).
const load = process.env.STORM_LOAD ?? 'both';
const loops = [
  ...(load === 'exports' ? [] : [summaries()]),
  ...(load === 'summaries' ? [] : [exports()]),
];
const running = Promise.all(loops).catch((error: unknown) => {
  if (!stopped) throw error;
});
process.stdout.write('{"started":true}\n');
await new Promise<void>((resolve) =>
  createInterface({ input: process.stdin }).on('close', resolve),
);
stopped = true;
abort.abort();
await running;
process.stdout.write(`${JSON.stringify(done)}\n`);
process.exit(0);
