/**
 * Which requests the tools/call fast path takes: exactly one plain tools/call under headers the
 * SDK transport would accept; anything else (and any malformed input) is left to the SDK.
 */
import type { IncomingMessage } from 'node:http';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import {
  acceptsFastAnswer,
  cancelledRequests,
  fastToolCallOf,
} from '../../../../src/main/core/gateway/fastToolCall';

const call = (extra: Record<string, unknown> = {}, params: Record<string, unknown> = {}) => ({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name: 'everything__echo', arguments: { message: 'hi' }, ...params },
  ...extra,
});

describe('fastToolCallOf', () => {
  it('takes one plain tools/call, with or without arguments and harmless _meta', () => {
    expect(fastToolCallOf(call())).toEqual({
      id: 1,
      params: { name: 'everything__echo', arguments: { message: 'hi' } },
    });
    expect(fastToolCallOf(call({ id: 'a-1' }, { arguments: undefined }))?.id).toBe('a-1');
    expect(fastToolCallOf(call({}, { _meta: { trace: 'x' } }))).not.toBeNull();
  });

  it('leaves calls that need a stream or the task machinery to the SDK', () => {
    expect(fastToolCallOf(call({}, { _meta: { progressToken: 1 } }))).toBeNull();
    expect(
      fastToolCallOf(
        call({}, { _meta: { 'io.modelcontextprotocol/related-task': { taskId: 't' } } }),
      ),
    ).toBeNull();
    expect(fastToolCallOf(call({}, { task: { ttl: 1000 } }))).toBeNull();
  });

  it('leaves batches, other methods, notifications and malformed messages to the SDK', () => {
    const rejected: unknown[] = [
      [call()],
      call({ method: 'tools/list' }),
      { jsonrpc: '2.0', method: 'tools/call', params: { name: 'x' } },
      call({ jsonrpc: '1.0' }),
      call({ id: 1.5 }),
      call({ id: null }),
      call({ extra: true }),
      call({ params: null }),
      call({}, { name: 42 }),
      call({}, { arguments: ['not', 'an', 'object'] }),
      call({}, { arguments: null }),
      call({}, { _meta: 'nope' }),
      call({}, { unexpected: 1 }),
      null,
      'tools/call',
      42,
    ];
    for (const body of rejected) expect(fastToolCallOf(body), JSON.stringify(body)).toBeNull();
  });
});

describe('cancelledRequests', () => {
  const cancel = (requestId: unknown, reason?: string) => ({
    jsonrpc: '2.0',
    method: 'notifications/cancelled',
    params: { requestId, reason },
  });

  it('finds cancellations alone or in a batch', () => {
    expect(cancelledRequests(cancel(7, 'stop'))).toEqual([{ requestId: 7, reason: 'stop' }]);
    expect(cancelledRequests([call(), cancel('a'), cancel(3)])).toEqual([
      { requestId: 'a', reason: undefined },
      { requestId: 3, reason: undefined },
    ]);
  });

  it('ignores other messages and malformed cancellations', () => {
    expect(cancelledRequests(call())).toEqual([]);
    expect(cancelledRequests(cancel({ id: 1 }))).toEqual([]);
    expect(cancelledRequests({ method: 'notifications/cancelled', params: 'x' })).toEqual([]);
    expect(cancelledRequests(null)).toEqual([]);
  });
});

describe('acceptsFastAnswer', () => {
  const request = (headers: Record<string, string>) =>
    ({
      headers: {
        accept: 'application/json, text/event-stream',
        'content-type': 'application/json',
        ...headers,
      },
    }) as unknown as IncomingMessage;

  it('accepts what the SDK transport accepts', () => {
    expect(acceptsFastAnswer(request({}))).toBe(true);
    expect(acceptsFastAnswer(request({ 'content-type': 'application/json; charset=utf-8' }))).toBe(
      true,
    );
    expect(acceptsFastAnswer(request({ 'mcp-protocol-version': LATEST_PROTOCOL_VERSION }))).toBe(
      true,
    );
  });

  it('leaves what the SDK transport refuses to the SDK, so it gives its own answer', () => {
    expect(acceptsFastAnswer(request({ accept: 'text/event-stream' }))).toBe(false);
    expect(acceptsFastAnswer(request({ accept: 'application/json' }))).toBe(false);
    expect(acceptsFastAnswer(request({ 'content-type': 'text/plain' }))).toBe(false);
    expect(acceptsFastAnswer(request({ 'mcp-protocol-version': '1999-01-01' }))).toBe(false);
  });
});
