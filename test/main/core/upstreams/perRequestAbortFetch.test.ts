/** The per-request AbortController fetch against a real HTTP server on 127.0.0.1. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerRequestAbortFetch } from '../../../../src/main/core/upstreams';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createPerRequestAbortFetch', () => {
  it('adds one listener to the shared signal however many requests use it', async () => {
    const shared = new AbortController();
    const fetchOnce = createPerRequestAbortFetch();
    for (let i = 0; i < 50; i++) {
      const response = await fetchOnce(`${base}/json`, { signal: shared.signal });
      expect(await response.json()).toEqual({ ok: true });
    }
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(1);
  });

  it('aborts an open event stream when the shared signal aborts (the transport closing)', async () => {
    const shared = new AbortController();
    const response = await createPerRequestAbortFetch()(`${base}/stream`, {
      signal: shared.signal,
    });
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toContain('first');
    const next = reader?.read();
    shared.abort(new Error('transport closed'));
    await expect(next).rejects.toThrow('transport closed');
  });

  it('refuses to start a request on an already aborted signal', async () => {
    const shared = new AbortController();
    shared.abort(new Error('closed before'));
    await expect(
      createPerRequestAbortFetch()(`${base}/json`, { signal: shared.signal }),
    ).rejects.toThrow('closed before');
  });

  it('passes requests without a signal straight through', async () => {
    const response = await createPerRequestAbortFetch()(`${base}/json`);
    expect(response.status).toBe(200);
  });
});
