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

/** Bodies parsed whole to find their id when the SDK's key order does not give it cheaply. */
const MAX_PARSED_BODY = 64 * 1024;
/** `JSON.stringify` of the SDK's `{...request, jsonrpc, id}`: the id ends the body. */
const TRAILING_ID = /"jsonrpc":"2\.0","id":(-?\d+|"(?:[^"\\]|\\.)*")\}$/;

/**
 * The id of the tools/call a POST carries (the only request an upstream elicits during), read
 * without parsing the arguments when the body has the SDK's shape.
 */
function postedRequestId(init: RequestInit | undefined): RequestId | undefined {
  const body = init?.body;
  if ((init?.method ?? 'GET').toUpperCase() !== 'POST' || typeof body !== 'string')
    return undefined;
  if (body.startsWith('{"method":"tools/call"')) {
    const id = TRAILING_ID.exec(body)?.[1];
    if (id !== undefined) return JSON.parse(id) as RequestId;
  }
  if (body.length > MAX_PARSED_BODY || !body.includes('"tools/call"')) return undefined;
  try {
    const message = JSON.parse(body) as { id?: unknown; method?: unknown };
    if (typeof message !== 'object' || message === null || message.method !== 'tools/call')
      return undefined;
    return typeof message.id === 'string' || typeof message.id === 'number'
      ? message.id
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Passes the bytes on unchanged and calls `onMessage` with each event's parsed `data` when it may
 * be an elicitation, before the reader downstream (the SDK's parser) sees that chunk. Only new
 * text is scanned for line ends, so a large result cut in many chunks costs one pass.
 */
function sseMessageTap(
  onMessage: (message: unknown) => void,
): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  let line = '';
  let data: string[] = [];
  const dispatch = (): void => {
    if (data.length === 0) return;
    const text = data.join('\n');
    data = [];
    // Results are the bulk of these streams: parse only what can be a server's elicitation.
    if (!text.includes('"elicitation/create"')) return;
    try {
      onMessage(JSON.parse(text));
    } catch {
      // Not JSON: nothing to note.
    }
  };
  const endLine = (): void => {
    if (line === '') dispatch();
    else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    line = '';
  };
  let afterCr = false;
  const scan = (text: string): void => {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code !== 10 && code !== 13) continue;
      // A CR LF pair is one line end, even when a chunk boundary falls between them.
      if (code === 10 && afterCr && i === start) {
        afterCr = false;
        start = i + 1;
        continue;
      }
      line += text.slice(start, i);
      endLine();
      afterCr = code === 13;
      start = i + 1;
    }
    if (start < text.length) {
      afterCr = false;
      line += text.slice(start);
    }
  };
  return new TransformStream({
    transform(chunk, controller) {
      scan(decoder.decode(chunk, { stream: true }));
      controller.enqueue(chunk);
    },
    flush() {
      scan(decoder.decode());
      if (line !== '') endLine();
      dispatch();
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
