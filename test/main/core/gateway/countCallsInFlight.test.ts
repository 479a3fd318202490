/**
 * The gateway's count of requests in flight (what the reader workers step aside for), through the
 * real gateway and a real upstream: a call is counted while it runs, and whatever way a request
 * ends (answered, failed, refused, aborted by the agent) the count comes back to 0.
 */
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everythingStdio, startProxy, type ProxyHarness } from '../../../integration/proxyHarness';

let proxy: ProxyHarness;

beforeAll(async () => {
  proxy = await startProxy({ servers: [everythingStdio()] });
});

afterAll(async () => {
  await proxy?.close();
});

/** Resolves once the count is `n`, looking after each turn of the event loop. */
async function countReaches(n: number): Promise<void> {
  while (proxy.callsInFlight.count() !== n) await new Promise((resolve) => setImmediate(resolve));
}

const post = (body: unknown, init: RequestInit = {}, token = proxy.token) =>
  fetch(proxy.mcpUrl, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });

describe('calls in flight', () => {
  it('counts a call while it runs and not after; the agent’s open GET stream is not counted', async () => {
    const agent = await proxy.connectAgent();
    await countReaches(0);
    const progressed: number[] = [];
    const call = agent.callTool(
      {
        name: 'everything__trigger-long-running-operation',
        arguments: { duration: 0.4, steps: 4 },
      },
      CallToolResultSchema,
      // A progress notification comes while the call is running upstream.
      { onprogress: () => progressed.push(proxy.callsInFlight.count()) },
    );
    await call;
    // The first progress comes 100 ms into the call (the last may be read with the result).
    expect(progressed[0]).toBe(1);
    await countReaches(0);
    await agent.close();
  });

  it('comes back to 0 after a failed call, a refused request and a malformed body', async () => {
    const agent = await proxy.connectAgent();
    await expect(
      agent.callTool({ name: 'everything__no-such-tool', arguments: {} }),
    ).rejects.toThrow('Unknown tool');
    expect((await post({ jsonrpc: '2.0', id: 1, method: 'ping' }, {}, 'wrong-token')).status).toBe(
      401,
    );
    expect((await post('{not json')).status).toBe(400);
    await countReaches(0);
    await agent.close();
  });

  it('comes back to 0 when the agent goes away in the middle of a call', async () => {
    const aborted = new AbortController();
    const response = post(
      {
        jsonrpc: '2.0',
        id: 9,
        method: 'tools/call',
        params: {
          name: 'everything__trigger-long-running-operation',
          arguments: { duration: 30, steps: 30 },
        },
      },
      { signal: aborted.signal },
    );
    await countReaches(1);
    aborted.abort();
    await expect(response).rejects.toThrow();
    await countReaches(0);
  });
});
