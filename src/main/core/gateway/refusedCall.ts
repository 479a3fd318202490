/**
 * A tools/call Switchboard refuses before routing it (SPEC 3): an unknown tool name, or
 * arguments nested deeper than the limit. The agent gets a JSON-RPC `-32602` error and the call
 * still gets its `tool_call` record (status error, error_kind rpc_error), so records equal calls.
 */
import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import type { CallToolRequest } from '@modelcontextprotocol/sdk/types.js';
import type { ActivityRecord } from '../../../shared/activity';
import type { RecordQueue } from '../activity/contracts';
import { exceedsJsonDepth, jsonDepthMessage } from '../json';
import { newCallId } from './callId';
import { newCallRecord, type CallIdentity } from './toolCallRecord';

/** A refused name is untrusted text: the record keeps enough of it to be recognised. */
const MAX_RECORDED_NAME = 200;

/**
 * The JSON-RPC error to throw. A plain Error with a `code`, not an McpError: the SDK sends
 * `error.message` as it is, and McpError's message already carries `MCP error <code>: `, which
 * the agent's SDK would prefix a second time.
 */
export class RefusedCallError extends Error {
  readonly code = ErrorCode.InvalidParams;

  constructor(message: string) {
    super(message);
    this.name = 'RefusedCallError';
  }
}

/** Why `params` cannot be routed, or null when it can be looked up in the catalog. */
export function argumentsRefusal(params: CallToolRequest['params']): string | null {
  return exceedsJsonDepth(params.arguments) ? jsonDepthMessage('arguments') : null;
}

export function unknownToolMessage(name: string): string {
  return `Unknown tool ${JSON.stringify(name)}: Switchboard routes only the exact names it lists (<server>__<tool>); list tools to see them.`;
}

/** Enqueues the refused call's record and returns the error for the agent. */
export function refuseCall(
  recorder: RecordQueue,
  params: CallToolRequest['params'],
  who: CallIdentity,
  message: string,
  argumentsStorable: boolean,
): RefusedCallError {
  const startedMs = Date.now();
  const name = String(params.name);
  const args = argumentsStorable ? params.arguments : undefined;
  const record: ActivityRecord = newCallRecord(
    newCallId(startedMs),
    startedMs,
    '',
    name.length > MAX_RECORDED_NAME ? `${name.slice(0, MAX_RECORDED_NAME)}…` : name,
    args,
    who,
  );
  record.server_name = null;
  record.status = 'error';
  record.error_kind = 'rpc_error';
  record.error_message = message;
  record.duration_ms = 0;
  recorder.enqueue(record);
  return new RefusedCallError(message);
}
