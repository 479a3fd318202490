/**
 * The answer to a `/mcp` POST whose body is over the limit (SPEC 3). A tools/call among them is a
 * refused call: it gets a `tool_call` record (arguments null) and, when its id could be read, a
 * JSON-RPC `-32602` answer to that id, as any refused call does. Anything else gets the
 * transport's 413.
 */
import type { ServerResponse } from 'node:http';
import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import type { RecordQueue } from '../activity/contracts';
import {
  MAX_MCP_BODY_BYTES,
  scanMessageHead,
  scanMessageTail,
  type OverLimitBody,
} from './overLimitBody';
import { refuseCall } from './refusedCall';
import type { CallIdentity } from './toolCallRecord';

export function overLimitMessage(bytes: number, limit = MAX_MCP_BODY_BYTES): string {
  return `Request body of ${bytes} bytes is over the ${limit}-byte limit of /mcp: send smaller arguments (pass large data by reference, such as a path or URL).`;
}

/** Records the refused call if the body was one and answers the request. */
export function answerOverLimit(
  res: ServerResponse,
  body: OverLimitBody,
  recorder: RecordQueue,
  who: CallIdentity,
  session: string | undefined,
): void {
  // As in JSON.parse, a member written twice counts as its last writing.
  const head = {
    ...scanMessageHead(body.prefix.toString('utf8')),
    ...scanMessageTail(body.tail.toString('utf8')),
  };
  const message = overLimitMessage(body.bytes);
  const headers: Record<string, string> = session ? { 'mcp-session-id': session } : {};
  if (head.method === 'tools/call') {
    refuseCall(recorder, { name: head.toolName ?? '' }, who, message, false);
    if (head.id !== undefined) {
      send(
        res,
        200,
        { jsonrpc: '2.0', id: head.id, error: { code: ErrorCode.InvalidParams, message } },
        headers,
      );
      return;
    }
  }
  // The SDK transport's own answer to an oversized body, with the id when it was read.
  send(
    res,
    413,
    { jsonrpc: '2.0', error: { code: -32000, message }, id: head.id ?? null },
    headers,
  );
}

function send(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string>,
): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
