/**
 * Which of Switchboard's calls an upstream's own request (an `elicitation/create`) belongs to.
 * On Streamable HTTP a server sends such a request on the response stream of the call it serves
 * (the SDK's `relatedRequestId`), but the SDK client hands it over without saying which stream it
 * came on. So the connection notes the JSON-RPC id each call goes out with, and the fetch below
 * reads the server's requests off each POST's response stream before the SDK parses them. Over
 * stdio and the old SSE transport nothing says so: `callOf` answers undefined. The tap rides in
 * perRequestAbortFetch's existing pass over SSE bodies: no extra stream layer per call.
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
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

/** Reads a response stream's bytes as they pass (perRequestAbortFetch.ts calls it). */
export interface SseTap {
  push(chunk: Uint8Array): void;
  end(): void;
}

/**
 * For each POST that carried a tools/call, a tap that reads the server's requests off its SSE
 * response and tells `relations` which call's stream they came on.
 */
export function relatedRequestTap(
  relations: RequestRelations,
): (init: RequestInit | undefined) => SseTap | undefined {
  return (init) => {
    const streamOf = postedRequestId(init);
    if (streamOf === undefined) return undefined;
    return createEventScanner((message) => relations.observeOnStream(streamOf, message));
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

/** A server request's event starts with this within its first bytes (either key order). */
const ELICITATION_METHOD = '"method":"elicitation/create"';
/** How much of an event's first data line is looked at for that method. */
const HEAD_BYTES = 160;

/** A line-at-a-time SSE reader over bytes that keeps only the data of elicitation events. */
function createEventScanner(onMessage: (message: unknown) => void): SseTap {
  /** The start of the current line, until it is HEAD_BYTES long or ends. */
  let head: number[] = [];
  /** The current line is kept whole (an elicitation's data line) / skipped to its end. */
  let keeping: Uint8Array[] | null = null;
  let skipping = false;
  let afterCr = false;
  let data: string[] = [];

  const dispatch = (): void => {
    if (data.length === 0) return;
    const text = data.join('\n');
    data = [];
    try {
      onMessage(JSON.parse(text));
    } catch {
      // Not JSON: nothing to note.
    }
  };
  const decide = (): void => {
    const text = String.fromCharCode(...head);
    if (text.startsWith('data:') && text.includes(ELICITATION_METHOD)) keeping = [];
    else skipping = true;
  };
  const endLine = (): void => {
    if (keeping !== null) {
      const line = new TextDecoder().decode(Buffer.concat([Uint8Array.from(head), ...keeping]));
      data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    } else if (!skipping && head.length === 0) {
      dispatch();
    } else if (!skipping) {
      const text = Buffer.from(head).toString('utf8');
      if (text.startsWith('data:') && text.includes(ELICITATION_METHOD))
        data.push(text.slice(text.startsWith('data: ') ? 6 : 5));
    }
    head = [];
    keeping = null;
    skipping = false;
  };
  const take = (bytes: Uint8Array): void => {
    if (bytes.length === 0) return;
    if (keeping !== null) keeping.push(bytes);
    else if (skipping) return;
    else {
      const room = HEAD_BYTES - head.length;
      for (let i = 0; i < Math.min(room, bytes.length); i++) head.push(bytes[i]!);
      if (bytes.length >= room) {
        decide();
        if (keeping !== null) (keeping as Uint8Array[]).push(bytes.subarray(room));
      }
    }
  };
  return {
    push(chunk: Uint8Array): void {
      let start = 0;
      while (start <= chunk.length) {
        const lf = chunk.indexOf(10, start);
        const cr = chunk.indexOf(13, start);
        const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
        if (end === -1) {
          afterCr = false;
          take(chunk.subarray(start));
          return;
        }
        // A CR LF pair is one line end, even when a chunk boundary falls between them.
        if (chunk[end] === 10 && afterCr && end === start) {
          afterCr = false;
          start = end + 1;
          continue;
        }
        take(chunk.subarray(start, end));
        endLine();
        afterCr = chunk[end] === 13;
        start = end + 1;
      }
    },
    end(): void {
      if (head.length > 0 || keeping !== null) endLine();
      dispatch();
    },
  };
}

/** Lets `relations` see every message the connection sends (before the transport does). */
export function observeSentMessages(transport: Transport, relations: RequestRelations): void {
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    relations.observeSent(message);
    return send(message, options);
  };
}
