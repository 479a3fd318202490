/**
 * The cap on one MCP token's open sessions (sessionCap.ts): a new session closes the token's
 * stalest idle one, other tokens are not touched, and when every session is busy the initialize
 * is refused. Without the cap each initialize kept ~30 KB until the idle timeout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEndReason } from '../../../../src/main/core/gateway/gateway';
import { sessionsFullMessage } from '../../../../src/main/core/gateway/sessionCap';
import { startProxy, type ProxyHarness } from '../../../integration/proxyHarness';

let proxy: ProxyHarness;
const closed = new Map<string, SessionEndReason>();

beforeAll(async () => {
  proxy = await startProxy({
    servers: [],
    maxSessionsPerToken: 2,
    onSessionClosed: (id, why) => void closed.set(id, why),
  });
});

afterAll(async () => {
  await proxy?.close();
});

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'c', version: '1' },
  },
});

function mcp(
  token: string,
  init: { method?: string; body?: string; session?: string; signal?: AbortSignal },
): Promise<Response> {
  return fetch(proxy.mcpUrl, {
    method: init.method ?? 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(init.session ? { 'mcp-session-id': init.session } : {}),
    },
    body: init.body,
    signal: init.signal,
  });
}

async function openSession(token = proxy.token): Promise<string> {
  const response = await mcp(token, { body: INITIALIZE });
  await response.text();
  const id = response.headers.get('mcp-session-id');
  expect(id).toBeTruthy();
  return id!;
}

const ping = (session: string): Promise<Response> =>
  mcp(proxy.token, { session, body: '{"jsonrpc":"2.0","id":2,"method":"ping"}' });

describe('sessions per token', () => {
  it("closes the token's stalest idle session to open a new one, and leaves other tokens alone", async () => {
    const other = proxy.tokens.create('other agent').token;
    const others = await openSession(other);
    const first = await openSession();
    const second = await openSession();
    await (await ping(first)).text(); // now `second` is the stalest
    const third = await openSession();

    expect(closed.get(second)).toBe('evicted');
    expect((await ping(second)).status).toBe(404);
    for (const alive of [first, third]) expect((await ping(alive)).status).toBe(200);
    expect(closed.has(others)).toBe(false);
    expect(proxy.gateway.sessionCount()).toBe(3);
  });

  it('refuses a new session with 429 while every session of the token has an open stream', async () => {
    const listening = new AbortController();
    const sessions = [await openSession(), await openSession()];
    try {
      // A GET stream is an open request for as long as it stays open.
      for (const session of sessions) {
        const stream = await mcp(proxy.token, { method: 'GET', session, signal: listening.signal });
        expect(stream.status).toBe(200);
      }
      const refused = await mcp(proxy.token, { body: INITIALIZE });
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
        sessionsFullMessage(2),
      );
    } finally {
      listening.abort();
    }
  });
});
