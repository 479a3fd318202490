import { describe, expect, it } from 'vitest';
import { createPerRequestAbortFetch } from '../../../../src/main/core/upstreams/perRequestAbortFetch';
import {
  createRequestRelations,
  relatedRequestTap,
} from '../../../../src/main/core/upstreams/requestRelations';

/** An SSE response whose bytes arrive in the given pieces. */
function sseResponse(pieces: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

const ELICIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 7,
  method: 'elicitation/create',
  params: { message: 'Who?' },
});

describe('request relations', () => {
  it('ties a server request read off a POST stream to the call that POST carried, however the bytes are cut', async () => {
    const relations = createRequestRelations();
    const frame = `event: message\r\nid: 1\r\ndata: ${ELICIT}\r\n\r\n`;
    const pieces = [frame.slice(0, 9), frame.slice(9, 30), frame.slice(30, -3), frame.slice(-3)];
    const fetch = createPerRequestAbortFetch(
      async () => sseResponse(pieces),
      relatedRequestTap(relations),
    );

    let send!: () => void;
    const call = relations.sending('RECORD-1', () => {
      relations.observeSent({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'x' } });
      return new Promise<void>((done) => (send = done));
    });
    // The body as the SDK writes it: `{...request, jsonrpc, id}`.
    const body = JSON.stringify({
      method: 'tools/call',
      params: { name: 'x', arguments: { note: '"id":9}' } },
      jsonrpc: '2.0',
      id: 3,
    });
    const response = await fetch('http://127.0.0.1/mcp', {
      method: 'POST',
      body,
      signal: new AbortController().signal,
    });
    expect(await response.text()).toBe(frame);
    expect(relations.callOf(7)).toBe('RECORD-1');
    // Asked once: the note is gone, and a finished call is forgotten.
    expect(relations.callOf(7)).toBeUndefined();
    send();
    await call;
  });

  it('knows nothing of requests on a GET stream or of calls sent without a record id', async () => {
    const relations = createRequestRelations();
    // No signal: the tap still reads the body (the rare fetch without one).
    const fetch = createPerRequestAbortFetch(
      async () => sseResponse([`data: ${ELICIT}\n\n`]),
      relatedRequestTap(relations),
    );
    await relations.sending(undefined, async () =>
      relations.observeSent({ jsonrpc: '2.0', id: 3, method: 'tools/call' }),
    );
    await (await fetch('http://127.0.0.1/mcp', { method: 'GET' })).text();
    await (
      await fetch('http://127.0.0.1/mcp', {
        method: 'POST',
        body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call' }),
      })
    ).text();
    expect(relations.callOf(7)).toBeUndefined();

    // The same POST for a call sent with a record id (and still in flight) is tied.
    let finish!: () => void;
    const call = relations.sending('RECORD-2', () => {
      relations.observeSent({ jsonrpc: '2.0', id: 4, method: 'tools/call' });
      return new Promise<void>((done) => (finish = done));
    });
    await (
      await fetch('http://127.0.0.1/mcp', {
        method: 'POST',
        body: JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/call' }),
      })
    ).text();
    expect(relations.callOf(7)).toBe('RECORD-2');
    finish();
    await call;
  });
});
