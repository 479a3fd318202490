/**
 * The gateway's tools/call fast path against the SDK transport path, through the real proxy
 * (raw HTTP and SDK agents -> /mcp -> server-everything over stdio): same JSON-RPC answers and
 * records, cancellation, progress streaming, and everything the SDK must still answer itself.
 */
import { CallToolResultSchema, LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../src/shared/activity';
import { FAST_CALL_MAX_BYTES } from '../../src/main/core/gateway/fastToolCall';
import { everythingStdio, startProxy, type ProxyHarness } from './proxyHarness';

let proxy: ProxyHarness;

beforeAll(async () => {
  proxy = await startProxy({
    servers: [everythingStdio()],
    policies: [
      { id: 'no-secrets', effect: 'block', tool: 'echo', arguments: { message: 'secret*' } },
    ],
  });
});

afterAll(async () => {
  await proxy?.close();
});

const ACCEPT_BOTH = 'application/json, text/event-stream';
type JsonRpcMessage = Record<string, unknown> & { id?: unknown; method?: string };

interface RawSession {
  id: string;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
}

function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(proxy.mcpUrl, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${proxy.token}`,
      'content-type': 'application/json',
      accept: ACCEPT_BOTH,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A session opened by hand, so each request's headers and body are exactly what the test says. */
async function openRawSession(clientName = 'raw-agent'): Promise<RawSession> {
  const init = await post({
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: {
      protocolVersion: LATEST_PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: clientName, version: '9.9.9' },
    },
  });
  const id = init.headers.get('mcp-session-id') ?? '';
  await init.text();
  const session: RawSession = {
    id,
    post: (body, headers = {}) =>
      post(body, {
        'mcp-session-id': id,
        'mcp-protocol-version': LATEST_PROTOCOL_VERSION,
        ...headers,
      }),
  };
  const initialized = await session.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
  expect(initialized.status).toBe(202);
  return session;
}

/** The JSON-RPC messages of a response, whether it came as JSON or as an SSE stream. */
async function messagesOf(response: Response): Promise<JsonRpcMessage[]> {
  const text = await response.text();
  if (response.headers.get('content-type')?.startsWith('application/json'))
    return [JSON.parse(text) as JsonRpcMessage];
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice('data: '.length)) as JsonRpcMessage);
}

const toolCall = (id: number, name: string, args: Record<string, unknown>) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name, arguments: args },
});

async function recordsWhere(match: (record: ActivityRecord) => boolean): Promise<ActivityRecord[]> {
  return (await proxy.records()).filter(match);
}

/** The record of the first call matching `match`, once it is stored. */
async function recordOnceStored(
  match: (record: ActivityRecord) => boolean,
): Promise<ActivityRecord> {
  for (;;) {
    // Listen before looking, so a record stored in between still wakes us.
    let stop = (): void => undefined;
    const stored = new Promise<void>((resolve) => {
      stop = proxy.events.subscribe((event) => {
        if (event.event !== 'activity.tool_call.started') resolve();
      });
    });
    const [record] = await recordsWhere(match);
    if (record) {
      stop();
      return record;
    }
    await stored;
    stop();
  }
}

function callStarted(tool: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = proxy.events.subscribe((event) => {
      if (event.event === 'activity.tool_call.started' && event.record.tool_name === tool) {
        stop();
        resolve();
      }
    });
  });
}

const withoutIdentityOfCall = ({ id, timestamp, duration_ms, ...rest }: ActivityRecord) => {
  expect([id, timestamp, typeof duration_ms]).not.toContain(undefined);
  return rest;
};

describe('tools/call fast path', () => {
  it('answers as the SDK path does and records the same fields', async () => {
    const session = await openRawSession();
    const cases: { name: string; args: Record<string, unknown> }[] = [
      { name: 'everything__echo', args: { message: 'fast-vs-sdk ok' } },
      { name: 'everything__echo', args: { message: 'secret fast-vs-sdk' } },
      { name: 'everything__echo', args: { wrong: 'fast-vs-sdk bad arguments' } },
      { name: 'nosuchserver__echo', args: { message: 'fast-vs-sdk unknown' } },
    ];
    let id = 100;
    for (const { name, args } of cases) {
      const fast = await session.post(toolCall(++id, name, args));
      expect(fast.status).toBe(200);
      expect(fast.headers.get('content-type')).toBe('application/json');
      expect(fast.headers.get('mcp-session-id')).toBe(session.id);
      const fastAnswer = await messagesOf(fast);

      // A batch of one is not the fast path's: the SDK transport answers it on an SSE stream.
      const sdk = await session.post([toolCall(id, name, args)]);
      expect(sdk.headers.get('content-type')).toBe('text/event-stream');
      expect(await messagesOf(sdk)).toEqual(fastAnswer);
    }

    const records = await recordsWhere((r) => JSON.stringify(r.arguments).includes('fast-vs-sdk'));
    expect(records.map((r) => r.status)).toEqual([
      'success',
      'success',
      'blocked',
      'blocked',
      'error',
      'error',
      // SPEC 3: an unknown tool is refused and still recorded.
      'error',
      'error',
    ]);
    for (let i = 0; i < records.length; i += 2) {
      const [fast, sdk] = [records[i], records[i + 1]];
      if (!fast || !sdk) throw new Error(`record pair ${i} missing`);
      expect(fast.id).not.toBe(sdk.id);
      expect(withoutIdentityOfCall(fast)).toEqual(withoutIdentityOfCall(sdk));
      expect(fast).toMatchObject({ session_id: session.id, client_name: 'raw-agent' });
    }
  });

  it('aborts a fast-path call on notifications/cancelled and records it as cancelled', async () => {
    const session = await openRawSession();
    const started = callStarted('trigger-long-running-operation');
    const pending = session.post(
      toolCall(7, 'everything__trigger-long-running-operation', { duration: 30, steps: 30 }),
    );
    await started;
    const cancel = await session.post({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: 7, reason: 'user pressed stop' },
    });
    expect(cancel.status).toBe(202);
    const answer = await pending;
    // No JSON-RPC response for a cancelled request: the POST ends with 202 and no body.
    expect(answer.status).toBe(202);
    expect(await answer.text()).toBe('');
    const record = await recordOnceStored(
      (r) => r.session_id === session.id && r.tool_name === 'trigger-long-running-operation',
    );
    expect(record).toMatchObject({ status: 'error', error_kind: 'cancelled' });
    expect(record.duration_ms).toBeLessThan(10_000);
  });

  it("aborts a fast-path call when an SDK agent's signal fires", async () => {
    const agent = await proxy.connectAgent({ name: 'cancelling-agent' });
    const controller = new AbortController();
    const started = callStarted('trigger-long-running-operation');
    const pending = agent.callTool(
      {
        name: 'everything__trigger-long-running-operation',
        arguments: { duration: 31, steps: 31 },
      },
      CallToolResultSchema,
      { signal: controller.signal },
    );
    await started;
    controller.abort('user pressed stop');
    await expect(pending).rejects.toThrow();
    const record = await recordOnceStored(
      (r) => r.client_name === 'cancelling-agent' && r.arguments?.duration === 31,
    );
    expect(record).toMatchObject({ status: 'error', error_kind: 'cancelled' });
    expect(record.duration_ms).toBeLessThan(10_000);
    // The session is still usable afterwards, on the fast path.
    const after = await agent.callTool({ name: 'everything__echo', arguments: { message: 'x' } });
    expect(after.isError).toBeFalsy();
  });

  it('aborts fast-path calls in flight when the session is deleted', async () => {
    const session = await openRawSession('deleting-agent');
    const started = callStarted('trigger-long-running-operation');
    const pending = session.post(
      toolCall(1, 'everything__trigger-long-running-operation', { duration: 32, steps: 32 }),
    );
    await started;
    const deleted = await fetch(proxy.mcpUrl, {
      method: 'DELETE',
      headers: {
        authorization: `Bearer ${proxy.token}`,
        'mcp-session-id': session.id,
        'mcp-protocol-version': LATEST_PROTOCOL_VERSION,
      },
    });
    expect(deleted.status).toBe(200);
    expect((await pending).status).toBe(202);
    const record = await recordOnceStored((r) => r.client_name === 'deleting-agent');
    expect(record).toMatchObject({ status: 'error', error_kind: 'cancelled' });
  });

  it('refuses a request id that an open call of the session still uses, on both paths', async () => {
    const session = await openRawSession();
    const long = (id: number, padding = '') =>
      toolCall(id, 'everything__trigger-long-running-operation', {
        duration: 30,
        steps: 30,
        padding,
      });
    for (const [id, padding] of [
      [41, ''], // fast path
      [42, 'p'.repeat(70_000)], // over FAST_CALL_MAX_BYTES: the SDK path
    ] as const) {
      const started = callStarted('trigger-long-running-operation');
      const pending = session.post(long(id, padding));
      await started;
      const again = await session.post(toolCall(id, 'everything__echo', { message: 'same id' }));
      expect(again.status).toBe(409);
      expect(await again.text()).toContain(`Request id ${id} is already in use`);
      await session.post({
        jsonrpc: '2.0',
        method: 'notifications/cancelled',
        params: { requestId: id, reason: 'done with this test' },
      });
      // The SDK path sends no answer for a cancelled call: wait for its record, not its stream.
      pending.then(
        (answer) => answer.body?.cancel(),
        () => {},
      );
      await recordOnceStored(
        (r) =>
          r.session_id === session.id &&
          r.error_kind === 'cancelled' &&
          r.request_bytes > padding.length,
      );
    }
    // Once the call has ended, its id is free again.
    const reuse = await session.post(toolCall(41, 'everything__echo', { message: 'free again' }));
    expect(reuse.status).toBe(200);
    expect(JSON.stringify(await messagesOf(reuse))).toContain('free again');
  });

  it('refuses a batch that uses one request id twice, naming it, and the session goes on', async () => {
    const session = await openRawSession();
    const batch = [
      toolCall(7, 'everything__echo', { message: 'dup batch a' }),
      toolCall(7, 'everything__echo', { message: 'dup batch b' }),
    ];
    const response = await session.post(batch);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: {
        code: -32600,
        message:
          "Request id 7 appears more than once in this batch: JSON-RPC ids must be unique among a session's open requests. Nothing in the batch was run.",
      },
    });
    expect(await recordsWhere((r) => JSON.stringify(r.arguments).includes('dup batch'))).toEqual(
      [],
    );
    // Distinct ids in a batch are answered one each.
    const fine = await session.post([
      toolCall(8, 'everything__echo', { message: 'batch a' }),
      toolCall(9, 'everything__echo', { message: 'batch b' }),
    ]);
    const answers = await messagesOf(fine);
    expect(answers.map((m) => m.id).sort()).toEqual([8, 9]);
  });

  it('streams progress for a tools/call that carries a progressToken', async () => {
    const session = await openRawSession();
    const response = await session.post({
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/call',
      params: {
        name: 'everything__trigger-long-running-operation',
        arguments: { duration: 0.3, steps: 3 },
        _meta: { progressToken: 'p-1' },
      },
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const messages = await messagesOf(response);
    const progress = messages.filter((m) => m.method === 'notifications/progress');
    expect(progress.slice(0, 2).map((m) => m.params)).toMatchObject([
      { progressToken: 'p-1', progress: 1, total: 3 },
      { progressToken: 'p-1', progress: 2, total: 3 },
    ]);
    expect(messages.at(-1)).toMatchObject({ id: 3, result: { content: [{ type: 'text' }] } });
  });
});

describe('requests the SDK transport still answers', () => {
  it('gives a client that accepts only text/event-stream the SDK answer, as before', async () => {
    const session = await openRawSession();
    const response = await session.post(toolCall(1, 'everything__echo', { message: 'sse only' }), {
      accept: 'text/event-stream',
    });
    // The SDK transport asks for both types on every POST; the gateway passes that answer on.
    expect(response.status).toBe(406);
    expect(await response.json()).toMatchObject({
      error: { code: -32000, message: expect.stringContaining('Not Acceptable') },
    });
    const listedFirst = await session.post(
      toolCall(2, 'everything__echo', { message: 'sse listed first' }),
      { accept: 'text/event-stream, application/json' },
    );
    expect(await messagesOf(listedFirst)).toMatchObject([
      { id: 2, result: { content: [{ text: 'Echo: sse listed first' }] } },
    ]);
  });

  it('answers bad JSON, a bad protocol version and a bad Content-Type as the SDK does', async () => {
    const session = await openRawSession();
    const badJson = await session.post('{"jsonrpc": "2.0", "method": "tools/call"');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({
      jsonrpc: '2.0',
      error: { code: -32700, message: 'Parse error: Invalid JSON' },
      id: null,
    });

    const badVersion = await session.post(toolCall(1, 'everything__echo', { message: 'v' }), {
      'mcp-protocol-version': '1999-01-01',
    });
    expect(badVersion.status).toBe(400);
    expect(await badVersion.text()).toContain('Unsupported protocol version: 1999-01-01');

    const badType = await session.post(toolCall(2, 'everything__echo', { message: 't' }), {
      'content-type': 'text/plain',
    });
    expect(badType.status).toBe(415);

    const notJsonRpc = await session.post({ hello: 'world' });
    expect(notJsonRpc.status).toBe(400);
    expect(await notJsonRpc.json()).toMatchObject({ error: { code: -32700 } });
  });

  it('serves a tools/call whose body has no Content-Length through the SDK', async () => {
    const session = await openRawSession();
    const bytes = new TextEncoder().encode(
      JSON.stringify(toolCall(5, 'everything__echo', { message: 'chunked' })),
    );
    const response = await fetch(proxy.mcpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${proxy.token}`,
        'content-type': 'application/json',
        accept: ACCEPT_BOTH,
        'mcp-session-id': session.id,
      },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(await messagesOf(response)).toMatchObject([
      { id: 5, result: { content: [{ text: 'Echo: chunked' }] } },
    ]);
  });

  it('serves a tools/call over FAST_CALL_MAX_BYTES through the SDK, headers first', async () => {
    const session = await openRawSession();
    const message = 'y'.repeat(FAST_CALL_MAX_BYTES);
    const response = await session.post(toolCall(6, 'everything__echo', { message }));
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(await messagesOf(response)).toMatchObject([
      { id: 6, result: { content: [{ text: `Echo: ${message}` }] } },
    ]);
  });

  it('keeps tools/list and initialize-only requests on the SDK transport', async () => {
    const session = await openRawSession();
    const list = await session.post({ jsonrpc: '2.0', id: 9, method: 'tools/list' });
    expect(list.headers.get('content-type')).toBe('text/event-stream');
    const [answer] = await messagesOf(list);
    expect(JSON.stringify(answer)).toContain('everything__echo');
  });
});
