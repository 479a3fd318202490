/**
 * Which of Switchboard's calls an upstream's own request (an `elicitation/create`) belongs to.
 * On Streamable HTTP a server sends such a request on the response stream of the call it serves
 * (the SDK's `relatedRequestId`), but the SDK client hands it over without saying which stream it
 * came on. So the connection notes the JSON-RPC id each call goes out with, and the fetch below
 * reads the server's requests off each POST's response stream before the SDK parses them. Over
 * stdio and the old SSE transport nothing says so: `callOf` answers undefined.
 */
import type { FetchLike, Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';

/** Server requests are noted until handled; a server that never gets them handled cannot grow this. */
const MAX_NOTED = 1_000;

export interface RequestRelations {
  /**
   * Runs `send`, which hands one request to the transport before it returns (as the SDK's
   * `request()` does), and ties that request's JSON-RPC id to `callId` until it settles.
   */
  sending<T>(callId: string | undefined, send: () => Promise<T>): Promise<T>;
  /** Every message the connection sends (a wrapper of `transport.send` calls it). */
  observeSent(message: JSONRPCMessage): void;
  /** A request the server sent on the response stream of our request `streamOf`. */
  observeOnStream(streamOf: RequestId, message: unknown): void;
  /** The call (record id) the server's request `serverRequestId` was sent for; forgets it. */
  callOf(serverRequestId: RequestId): string | undefined;
}

const keyOf = (id: RequestId): string => `${typeof id}:${String(id)}`;

export function createRequestRelations(): RequestRelations {
  let sendingFor: string | undefined;
  let sentId: RequestId | undefined;
  const callByMessageId = new Map<string, string>();
  const streamByServerRequest = new Map<string, RequestId>();

  return {
    sending(callId, send) {
      if (callId === undefined) return send();
      sendingFor = callId;
      sentId = undefined;
      let pending: ReturnType<typeof send>;
      try {
        pending = send();
      } finally {
        sendingFor = undefined;
      }
      const id = sentId;
      if (id === undefined) return pending;
      return pending.finally(() => callByMessageId.delete(keyOf(id)));
    },

    observeSent(message) {
      if (sendingFor === undefined || !('method' in message) || !('id' in message)) return;
      sentId = message.id;
      callByMessageId.set(keyOf(message.id), sendingFor);
    },

    observeOnStream(streamOf, message) {
      if (typeof message !== 'object' || message === null) return;
      const { id, method } = message as { id?: unknown; method?: unknown };
      if (typeof method !== 'string' || (typeof id !== 'string' && typeof id !== 'number')) return;
      if (streamByServerRequest.size >= MAX_NOTED) {
        const oldest = streamByServerRequest.keys().next().value;
        if (oldest !== undefined) streamByServerRequest.delete(oldest);
      }
      streamByServerRequest.set(keyOf(id), streamOf);
    },

    callOf(serverRequestId) {
      const key = keyOf(serverRequestId);
      const stream = streamByServerRequest.get(key);
      streamByServerRequest.delete(key);
      return stream === undefined ? undefined : callByMessageId.get(keyOf(stream));
    },
  };
}

/**
 * A fetch that reads the server's requests off the SSE response of each POST that carried one
 * JSON-RPC request, and tells `relations` which request's stream they came on.
 */
export function createRelatedRequestFetch(
  baseFetch: FetchLike,
  relations: RequestRelations,
): FetchLike {
  return async (url, init) => {
    const response = await baseFetch(url, init);
    const streamOf = postedRequestId(init);
    const isStream = response.headers.get('content-type')?.includes('text/event-stream') ?? false;
    if (streamOf === undefined || !isStream || !response.body) return response;
    const body = response.body.pipeThrough(
      sseMessageTap((message) => relations.observeOnStream(streamOf, message)),
    );
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

function postedRequestId(init: RequestInit | undefined): RequestId | undefined {
  if ((init?.method ?? 'GET').toUpperCase() !== 'POST' || typeof init?.body !== 'string')
    return undefined;
  try {
    const message = JSON.parse(init.body) as { id?: unknown; method?: unknown };
    if (typeof message !== 'object' || message === null || typeof message.method !== 'string')
      return undefined;
    return typeof message.id === 'string' || typeof message.id === 'number'
      ? message.id
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Passes the bytes on unchanged and calls `onMessage` with each event's parsed `data`, before the
 * reader downstream (the SDK's parser) sees that chunk.
 */
function sseMessageTap(
  onMessage: (message: unknown) => void,
): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  const dispatch = (): void => {
    if (data.length === 0) return;
    const text = data.join('\n');
    data = [];
    try {
      onMessage(JSON.parse(text));
    } catch {
      // Not JSON (a priming event): nothing to note.
    }
  };
  const scan = (final: boolean): void => {
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = final ? '' : (lines.pop() ?? '');
    for (const line of lines) {
      if (line === '') dispatch();
      else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    }
    if (final) dispatch();
  };
  return new TransformStream({
    transform(chunk, controller) {
      buffer += decoder.decode(chunk, { stream: true });
      scan(false);
      controller.enqueue(chunk);
    },
    flush() {
      buffer += decoder.decode();
      scan(true);
    },
  });
}

/** Lets `relations` see every message the connection sends (before the transport does). */
export function observeSentMessages(transport: Transport, relations: RequestRelations): void {
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    relations.observeSent(message);
    return send(message, options);
  };
}
