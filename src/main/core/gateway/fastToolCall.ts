/**
 * The hot case of `/mcp`: a POST of a known session carrying one `tools/call` and nothing that
 * needs a stream (no progress token, no task). The gateway answers it with a plain
 * `200 application/json` JSON-RPC response instead of going through the SDK's Streamable HTTP
 * transport, which converts every request to a web Request and answers it as an SSE stream.
 * Anything this module is not sure about goes to the SDK as before.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { isJsonContentType } from '@modelcontextprotocol/sdk/shared/mediaType.js';
import {
  ErrorCode,
  SUPPORTED_PROTOCOL_VERSIONS,
  type CallToolRequest,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';

import { callIdentity } from './sessionServer';
import type { createToolCallHandler, ToolCallAnswer } from './toolCallHandler';

export interface FastToolCall {
  id: RequestId;
  params: CallToolRequest['params'];
}

/** What the fast path needs of a gateway session. */
export interface FastPathSession {
  id: string;
  server: Server;
  lastActivity: number;
  openRequests: number;
  /** Fast-path calls in flight, so a notifications/cancelled can abort them. */
  fastCalls: Map<RequestId, AbortController>;
}

/**
 * Larger calls take the SDK path: their cost is the payload, not the transport, and the SDK's SSE
 * answer sends its headers at once while a big argument is still being forwarded.
 */
export const FAST_CALL_MAX_BYTES = 64 * 1024;

const MESSAGE_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);
const PARAM_KEYS = new Set(['name', 'arguments', '_meta']);
/** Progress must stream; a related task is the SDK's task machinery. */
const STREAMING_META_KEYS = ['progressToken', 'io.modelcontextprotocol/related-task'];

/**
 * Headers under which the SDK transport would accept a POST and hand its messages to the Server
 * (its Accept, Content-Type and protocol-version checks). Otherwise the SDK gives its own answer.
 */
export function acceptsFastAnswer(req: IncomingMessage): boolean {
  const accept = req.headers.accept;
  if (!accept?.includes('application/json') || !accept.includes('text/event-stream')) return false;
  if (!isJsonContentType(req.headers['content-type'])) return false;
  const version = req.headers['mcp-protocol-version'];
  return version === undefined || SUPPORTED_PROTOCOL_VERSIONS.includes(String(version));
}

/** The call if `body` is exactly one well-formed tools/call the fast path may serve, else null. */
export function fastToolCallOf(body: unknown): FastToolCall | null {
  if (!isPlainObject(body) || body.jsonrpc !== '2.0' || body.method !== 'tools/call') return null;
  if (!hasOnlyKeys(body, MESSAGE_KEYS)) return null;
  const { id, params } = body;
  if (typeof id !== 'string' && !Number.isInteger(id)) return null;
  if (!isPlainObject(params) || typeof params.name !== 'string') return null;
  if (!hasOnlyKeys(params, PARAM_KEYS)) return null;
  if (params.arguments !== undefined && !isPlainObject(params.arguments)) return null;
  const meta = params._meta;
  if (meta !== undefined && (!isPlainObject(meta) || STREAMING_META_KEYS.some((k) => k in meta)))
    return null;
  return { id: id as RequestId, params: params as CallToolRequest['params'] };
}

/** The request ids that `notifications/cancelled` messages in `body` (one or a batch) cancel. */
export function cancelledRequests(body: unknown): { requestId: RequestId; reason: unknown }[] {
  const cancelled: { requestId: RequestId; reason: unknown }[] = [];
  for (const message of Array.isArray(body) ? body : [body]) {
    if (!isPlainObject(message) || message.method !== 'notifications/cancelled') continue;
    const params = message.params;
    if (!isPlainObject(params)) continue;
    const requestId = params.requestId;
    if (typeof requestId === 'string' || typeof requestId === 'number')
      cancelled.push({ requestId, reason: params.reason });
  }
  return cancelled;
}

/**
 * Runs the call through the same handler as the SDK Server's tools/call (policy, forwarding,
 * recording) and answers it, counting it as the session's open request meanwhile.
 */
export async function serveFastToolCall(
  handleToolCall: ReturnType<typeof createToolCallHandler>,
  session: FastPathSession,
  call: FastToolCall,
  res: ServerResponse,
  auth: AuthInfo,
): Promise<void> {
  const controller = new AbortController();
  session.fastCalls.set(call.id, controller);
  session.openRequests++;
  session.lastActivity = Date.now();
  try {
    const who = callIdentity(session.server, session.id, auth);
    const outcome = await handleToolCall(
      call.params,
      {
        signal: controller.signal,
        requestId: call.id,
        // No progress token here; an upstream's log messages go to the session's GET stream.
        sendNotification: (notification) => session.server.notification(notification),
      },
      who,
    ).then(
      (answer) => ({ answer }),
      (error: unknown) => ({ error }),
    );
    if (controller.signal.aborted) sendNoAnswer(res, session.id);
    else sendFastAnswer(res, session.id, call.id, outcome);
  } finally {
    if (session.fastCalls.get(call.id) === controller) session.fastCalls.delete(call.id);
    session.openRequests--;
    session.lastActivity = Date.now();
  }
}

/**
 * Writes the JSON-RPC answer as the SDK's Protocol would shape it: the result, or the thrown
 * error's code (Internal error unless it carries an integer one), message and data.
 */
function sendFastAnswer(
  res: ServerResponse,
  sessionId: string,
  id: RequestId,
  outcome: { answer: ToolCallAnswer } | { error: unknown },
): void {
  // The result's JSON is spliced in as the handler serialized it; keys in the SDK's order.
  const body =
    'answer' in outcome
      ? `{"result":${outcome.answer.resultJson ?? JSON.stringify(outcome.answer.result)},"jsonrpc":"2.0","id":${JSON.stringify(id)}}`
      : JSON.stringify({ jsonrpc: '2.0', id, error: rpcError(outcome.error) });
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'mcp-session-id': sessionId,
  });
  res.end(body);
}

/** A cancelled request gets no JSON-RPC response (as with the SDK); 202 ends its POST. */
function sendNoAnswer(res: ServerResponse, sessionId: string): void {
  res.writeHead(202, { 'mcp-session-id': sessionId });
  res.end();
}

function rpcError(error: unknown): { code: number; message: string; data?: unknown } {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    message?: unknown;
    data?: unknown;
  };
  const code = Number.isSafeInteger(fields.code)
    ? (fields.code as number)
    : ErrorCode.InternalError;
  const message = typeof fields.message === 'string' ? fields.message : 'Internal error';
  return fields.data === undefined ? { code, message } : { code, message, data: fields.data };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOnlyKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

/** The ids of the JSON-RPC requests (not notifications or responses) in `body`, one or a batch. */
export function requestIdsOf(body: unknown): RequestId[] {
  const ids: RequestId[] = [];
  for (const message of Array.isArray(body) ? body : [body]) {
    if (!isPlainObject(message) || typeof message.method !== 'string') continue;
    if (typeof message.id === 'string' || typeof message.id === 'number') ids.push(message.id);
  }
  return ids;
}

/** The first request id that occurs twice among `ids`, else undefined (1 and "1" differ). */
export function duplicatedRequestId(ids: readonly RequestId[]): RequestId | undefined {
  const seen = new Set<string>();
  for (const id of ids) {
    const key = `${typeof id}:${String(id)}`;
    if (seen.has(key)) return id;
    seen.add(key);
  }
  return undefined;
}
