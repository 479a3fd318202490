/**
 * The path of one `tools/call` (SPEC 3, 4, 5): resolve the exposed name, wait for admission,
 * publish the start, ask the policy, forward (or block), enqueue exactly one record. Nothing
 * here awaits SQLite: `enqueue` only appends to the recorder's in-memory queue.
 */
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type {
  RequestId,
  CallToolRequest,
  CallToolResult,
  ServerNotification,
} from '@modelcontextprotocol/sdk/types.js';
import type { ActivityRecord, ErrorKind } from '../../../shared/activity';
import type { RecordQueue } from '../activity/contracts';
import type { ApprovalGate } from '../approvals';
import type { AgentElicitor, CallsInFlight } from '../elicitation';
import type { ActivityEventBus } from '../events';
import type { PolicyEngine } from '../policy/contracts';
import type { UpstreamManager, UpstreamRouter } from '../upstreams/contracts';
import { UpstreamTimeoutError, UpstreamUnavailableError } from '../upstreams/contracts';
import { newCallId } from './callId';
import { argumentsRefusal, refuseCall, unknownToolMessage } from './refusedCall';
import { relayedError, upstreamMessage } from './relayedError';
import type { CallIdentity } from './toolCallRecord';
import { elapsedMs, newCallRecord, responseText } from './toolCallRecord';

export interface ToolCallDeps {
  upstreams: UpstreamManager & UpstreamRouter;
  recorder: RecordQueue;
  events: ActivityEventBus;
  getPolicy: () => PolicyEngine;
  approvals: ApprovalGate;
  /** Calls waiting on an upstream, for its elicitations (SPEC 10); absent: none are tracked. */
  calls?: CallsInFlight;
}

export interface ToolCallExtra {
  signal: AbortSignal;
  /** The call's JSON-RPC id (the SDK's handlers always have it). */
  requestId?: RequestId;
  sendNotification: (notification: ServerNotification) => Promise<void>;
  /** The call's agent, when its client can answer an elicitation on the call's stream. */
  agentElicitor?: AgentElicitor;
}

/** What a tools/call answers, with the result's JSON when counting response_bytes made it. */
export interface ToolCallAnswer {
  result: CallToolResult;
  /** `JSON.stringify(result)`, or null when the result was never serialized here. */
  resultJson: string | null;
}

/** Longer error texts are cut: the full result is in `response`. */
const MAX_ERROR_MESSAGE = 2000;

export function createToolCallHandler(deps: ToolCallDeps) {
  const { upstreams, recorder, events } = deps;

  return async function handleToolCall(
    params: CallToolRequest['params'],
    extra: ToolCallExtra,
    who: CallIdentity,
  ): Promise<ToolCallAnswer> {
    await recorder.admit();
    const refusal = argumentsRefusal(params);
    if (refusal) throw refuseCall(recorder, params, who, refusal, false);
    const target = upstreams.resolveTool(params.name);
    if (!target) throw refuseCall(recorder, params, who, unknownToolMessage(params.name), true);
    let startedAt = performance.now();
    const args = params.arguments;
    const startedMs = Date.now();
    const record = newCallRecord(
      newCallId(startedMs),
      startedMs,
      target.server,
      target.tool,
      args,
      who,
    );
    // Arguments are redacted when the recorder takes the record into a chunk; the start event is
    // published before that, so it carries none.
    if (events.listenerCount > 0) {
      events.publish({
        event: 'activity.tool_call.started',
        seq: null,
        record: { ...record, arguments: null },
      });
    }

    const decision = deps.getPolicy().evaluate({
      server: target.server,
      tool: target.tool,
      arguments: args,
      quarantined: target.quarantined,
      toolPinChanged: target.toolPinChanged,
    });
    if (decision.effect === 'block') {
      const text = `Blocked by Switchboard policy "${decision.policy_id}": ${decision.reason}`;
      record.type = 'policy_decision';
      record.status = 'blocked';
      record.policy_id = decision.policy_id;
      record.reason = decision.reason;
      record.duration_ms = elapsedMs(startedAt);
      recorder.enqueue(record);
      return { result: { isError: true, content: [{ type: 'text', text }] }, resultJson: null };
    }

    const progressToken = params._meta?.progressToken;
    // The result must not overtake the last progress notification on the agent's stream.
    let progressSent: Promise<unknown> = Promise.resolve();
    if (decision.effect === 'ask') {
      const denied = await deps.approvals.hold({
        record,
        arguments: args,
        policyId: decision.policy_id,
        reason: decision.reason,
        signal: extra.signal,
        sendProgress:
          progressToken === undefined
            ? undefined
            : (message) =>
                void extra
                  .sendNotification({
                    method: 'notifications/progress',
                    params: { progress: 0, message, progressToken },
                  })
                  .catch(() => undefined),
      });
      if (denied !== null) {
        recorder.enqueue(record);
        return { result: denied, resultJson: null };
      }
      // SPEC 10: an allowed call's duration_ms is the upstream's time only.
      startedAt = performance.now();
    }
    const onprogress =
      progressToken === undefined
        ? undefined
        : (progress: { progress: number; total?: number; message?: string }) => {
            progressSent = extra
              .sendNotification({
                method: 'notifications/progress',
                params: { ...progress, progressToken },
              })
              .catch(() => undefined);
          };

    try {
      const forward = () =>
        upstreams.callTool(target.server, target.tool, args, {
          signal: extra.signal,
          onprogress,
          callId: record.id,
        });
      const call = { record, signal: extra.signal, agent: extra.agentElicitor };
      const result = await (deps.calls ? deps.calls.during(call, forward) : forward());
      record.duration_ms = elapsedMs(startedAt);
      if (onprogress) await progressSent;
      record.response = responseText(result);
      // Serialized once: the fast path sends these same bytes.
      const resultJson = JSON.stringify(result);
      record.response_bytes = Buffer.byteLength(resultJson, 'utf8');
      if (result.isError === true)
        fail(record, 'tool_error', record.response ?? 'The tool reported an error.');
      recorder.enqueue(record);
      return { result, resultJson };
    } catch (error) {
      record.duration_ms = elapsedMs(startedAt);
      const outcome = classify(error, extra.signal);
      fail(record, outcome.kind, outcome.message);
      recorder.enqueue(record);
      if (outcome.result) return { result: outcome.result, resultJson: null };
      throw outcome.thrown;
    }
  };
}

function fail(record: ActivityRecord, kind: ErrorKind, message: string): void {
  record.status = 'error';
  record.error_kind = kind;
  record.error_message =
    message.length > MAX_ERROR_MESSAGE ? `${message.slice(0, MAX_ERROR_MESSAGE)}…` : message;
}

interface Outcome {
  kind: ErrorKind;
  message: string;
  /** What the agent gets: a tool result with isError, or a JSON-RPC error. */
  result?: CallToolResult;
  thrown?: unknown;
}

function classify(error: unknown, signal: AbortSignal): Outcome {
  if (signal.aborted) {
    return { kind: 'cancelled', message: 'The client cancelled the call.', thrown: error };
  }
  if (error instanceof UpstreamUnavailableError || error instanceof UpstreamTimeoutError) {
    const kind = error instanceof UpstreamTimeoutError ? 'timeout' : 'upstream_unavailable';
    return {
      kind,
      message: error.message,
      result: { isError: true, content: [{ type: 'text', text: error.message }] },
    };
  }
  if (error instanceof McpError) {
    // The upstream's own JSON-RPC error goes back to the agent as it was.
    return { kind: 'rpc_error', message: upstreamMessage(error), thrown: relayedError(error) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: 'rpc_error',
    message,
    thrown: Object.assign(new Error(message), { code: ErrorCode.InternalError }),
  };
}
