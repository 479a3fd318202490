import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent } from '../../support/agent';
import { everythingStdioEntry } from '../../support/mcpServers';
import { seededKeyedSecrets, seededSecrets } from '../../support/secrets';
import { startServe, type ServeProcess } from '../../support/serveProcess';

/** Every secret-bearing substring a leak would show: the whole value and its distinctive tail. */
function needles(): string[] {
  const shaped = seededSecrets().map(
    (s) => s.value.replace(/^Bearer /, '').split('\n')[1] ?? s.value,
  );
  return [...shaped, ...Object.values(seededKeyedSecrets())];
}

function findLeaks(haystack: string, where: string): string[] {
  return needles()
    .filter((needle) => haystack.includes(needle))
    .map((needle) => `${where}: ${needle.slice(0, 12)}…`);
}

describe('no secret reaches the database, an export or an event', () => {
  let serve: ServeProcess;
  let sseText = '';
  let sseAbort: AbortController;

  beforeAll(async () => {
    serve = await startServe({ config: { mcpServers: { everything: everythingStdioEntry() } } });
    sseAbort = new AbortController();
    const response = await fetch(`${serve.baseUrl}/events?apikey=${serve.apiKey}`, {
      signal: sseAbort.signal,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          sseText += value;
        }
      } catch {
        // aborted at the end of the test
      }
    })();
  });
  afterAll(async () => {
    sseAbort?.abort();
    await serve?.stop();
  });

  it('redacts keyed and secret-shaped values in arguments and responses everywhere', async () => {
    const token = await serve.createToken('secrets');
    const agent = await connectAgent(serve.mcpUrl, token);
    const keyed = seededKeyedSecrets();
    const calls = seededSecrets().map((secret) => ({
      name: 'everything__echo',
      // The echo response carries the shaped secret back: the response must be redacted too.
      arguments: {
        message: `deploy with ${secret.value} now`,
        options: { nested: { ...keyed } },
        list: [secret.value],
      },
    }));
    for (const call of calls) await agent.callTool(call);
    await agent.close();
    await serve.waitForTotal('type=tool_call', calls.length);

    const list = await serve.api<{ data: { activities: { id: string }[] } }>(
      'GET',
      '/api/v1/activity?limit=100',
    );
    expect(list.body.data.activities.length).toBeGreaterThanOrEqual(calls.length);
    const details = await Promise.all(
      list.body.data.activities.map((row) => serve.api('GET', `/api/v1/activity/${row.id}`)),
    );
    const csv = await (
      await fetch(
        `${serve.baseUrl}/api/v1/activity/export?format=csv&include_bodies=true&apikey=${serve.apiKey}`,
      )
    ).text();
    const jsonl = await (
      await fetch(
        `${serve.baseUrl}/api/v1/activity/export?format=jsonl&include_bodies=true&apikey=${serve.apiKey}`,
      )
    ).text();
    expect(jsonl.trim().split('\n').length).toBeGreaterThanOrEqual(calls.length);
    expect(jsonl).toContain('[REDACTED]');

    await serve.stop(); // flush and checkpoint so the db file holds everything
    const dbBytes = readdirSync(serve.dataDir)
      .filter((name) => name.startsWith('activity.db'))
      .map((name) => readFileSync(join(serve.dataDir, name)).toString('latin1'))
      .join('\n');

    const leaks = [
      ...findLeaks(JSON.stringify(details.map((d) => d.body)), 'REST detail'),
      ...findLeaks(csv, 'CSV export'),
      ...findLeaks(jsonl, 'JSONL export'),
      ...findLeaks(sseText, 'SSE'),
      ...findLeaks(dbBytes, 'activity.db'),
    ];
    expect(sseText).toContain('activity.tool_call.completed');
    expect(leaks).toEqual([]);
  }, 60_000);
});
