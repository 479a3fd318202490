/**
 * The spans and metrics of one agent `tools/call` (SPEC 13), taken by wrapping what the gateway
 * already calls instead of editing its path: the tool call handler (the SERVER span), the
 * upstream manager's callTool (the CLIENT span under it, whose context goes upstream as
 * `params._meta.traceparent`) and the recorder's enqueue (the call's record: id, decision, policy,
 * error kind). inFlightCalls.ts ties the three together. The two spans are plain records
 * (callSpans.ts), finished after the answer (afterResponse.ts) into columns for the export worker. With telemetry off each wrapper is
 * one check.
 */
import { SpanKind } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ActivityRecord } from '../../../shared/activity';
import type { Transport } from '../../../shared/servers';
import type { RecordQueue } from '../activity/contracts';
import type { ToolCallAnswer, createToolCallHandler } from '../gateway/toolCallHandler';
import type { UpstreamManager, UpstreamRouter } from '../upstreams/contracts';
import type { ExportPipeline } from './exportPipeline';
import { afterResponse } from './afterResponse';
import { createAttributeSets } from './attributeSets';
import {
  childCallSpan,
  injectTraceContext,
  isSampled,
  startCallSpan,
  type CallSpan,
} from './callSpans';
import { createInFlightCalls } from './inFlightCalls';
import {
  errorTypeOf,
  noteProtocolVersion,
  parentContextOf,
  protocolVersionOf,
} from './spanSupport';

type ToolCallHandler = ReturnType<typeof createToolCallHandler>;
type Upstreams = UpstreamManager & UpstreamRouter;

/** What the wrappers need of the running telemetry. */
export interface CallTracingSource {
  /** The running export, or null while telemetry is off. */
  pipeline(): ExportPipeline | null;
  /** Arguments and results as they may leave the machine (secrets redacted). */
  redact(value: unknown): unknown;
}

interface CallTrace {
  pipeline: ExportPipeline;
  span: CallSpan;
  record: ActivityRecord | null;
}

const METHOD = 'tools/call';
const calls = createInFlightCalls<CallTrace>();
const serverToolAttributes = createAttributeSets();
const clientToolAttributes = createAttributeSets();
/** Notes each session's `mcp-protocol-version` header for the spans of its calls. */
export function traceMcpRequests(
  handleRequest: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  source: CallTracingSource,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return (req, res) => {
    if (source.pipeline() !== null) {
      const session = req.headers['mcp-session-id'];
      const version = req.headers['mcp-protocol-version'];
      if (typeof session === 'string' && typeof version === 'string')
        noteProtocolVersion(session, version);
    }
    return handleRequest(req, res);
  };
}

/** The SERVER span of each agent tools/call, parented on `params._meta.traceparent` when given. */
export function traceToolCalls(
  handler: ToolCallHandler,
  source: CallTracingSource,
): ToolCallHandler {
  return async (params, extra, who) => {
    const pipeline = source.pipeline();
    if (pipeline === null) return handler(params, extra, who);
    const startedAt = performance.now();
    const span = startCallSpan(parentContextOf(params._meta), startedAt);
    const call: CallTrace = { pipeline, span, record: null };
    const args = params.arguments;
    calls.add(call, extra.signal, args, who.sessionId);
    let errorType: string | undefined;
    let errorMessage: string | undefined;
    let result: unknown;
    try {
      const answer: ToolCallAnswer = await handler(params, extra, who);
      if (answer.result.isError === true) {
        errorType = 'tool_error';
        errorMessage = firstText(answer.result.content);
      } else {
        result = answer.result;
      }
      return answer;
    } catch (error) {
      errorType = errorTypeOf(error);
      errorMessage = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      calls.remove(call, extra.signal, args, who.sessionId);
      const endedAt = performance.now();
      afterResponse(() => {
        const protocolVersion = protocolVersionOf(who.sessionId);
        const shared = serverToolAttributes(`${protocolVersion ?? ''}\n${params.name}`, () => ({
          'mcp.method.name': METHOD,
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': params.name,
          'network.transport': 'tcp',
          'network.protocol.name': 'http',
          ...(protocolVersion === undefined ? {} : { 'mcp.protocol.version': protocolVersion }),
        }));
        const own: string[] = [];
        if (extra.requestId !== undefined) own.push('jsonrpc.request.id', String(extra.requestId));
        // A sessionless request is recorded under its connection's id, which is no MCP session.
        if (who.sessionId !== null && !who.sessionId.startsWith('conn-'))
          own.push('mcp.session.id', who.sessionId);
        if (who.tokenName !== null) own.push('switchboard.token.name', who.tokenName);
        if (pipeline.settings.includeArguments) {
          if (args !== undefined)
            own.push('gen_ai.tool.call.arguments', JSON.stringify(source.redact(args)));
          if (result !== undefined)
            own.push('gen_ai.tool.call.result', JSON.stringify(source.redact(result)));
        }
        if (call.record) addRecordAttributes(own, call.record);
        if (isSampled(span)) {
          pipeline.exportCallSpan(span, {
            name: `${METHOD} ${params.name}`,
            kind: SpanKind.SERVER,
            attributes: shared.attributes,
            own,
            endedAt,
            errorType,
            errorMessage,
          });
        }
        pipeline.serverDuration.record(
          (endedAt - startedAt) / 1000,
          errorType === undefined ? shared.attributes : shared.withError(errorType),
        );
      });
    }
  };
}

/** The CLIENT span of the upstream request under the call's SERVER span; its context goes upstream. */
export function traceUpstreamCalls(
  upstreams: Upstreams,
  transportOf: (server: string) => Transport | undefined,
): Upstreams {
  const traced: Upstreams = Object.create(upstreams) as Upstreams;
  traced.callTool = async (server, tool, args, options) => {
    const call = calls.forUpstreamCall(options.signal, args);
    if (call === undefined) return upstreams.callTool(server, tool, args, options);
    const startedAt = performance.now();
    const span = childCallSpan(call.span, startedAt);
    const meta: Record<string, string> = { ...options.meta };
    injectTraceContext(span, meta);
    let errorType: string | undefined;
    let errorMessage: string | undefined;
    try {
      const result = await upstreams.callTool(server, tool, args, { ...options, meta });
      if (result.isError === true) {
        errorType = 'tool_error';
        errorMessage = firstText(result.content);
      }
      return result;
    } catch (error) {
      errorType = errorTypeOf(error);
      errorMessage = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      const endedAt = performance.now();
      afterResponse(() => {
        const transport = transportOf(server);
        const shared = clientToolAttributes(`${transport}\n${server}\n${tool}`, () => ({
          'mcp.method.name': METHOD,
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': tool,
          'network.transport': transport === 'stdio' ? 'pipe' : 'tcp',
          ...(transport === 'stdio' ? {} : { 'network.protocol.name': 'http' }),
        }));
        if (isSampled(span)) {
          call.pipeline.exportCallSpan(span, {
            name: `${METHOD} ${tool}`,
            kind: SpanKind.CLIENT,
            attributes: shared.attributes,
            own: ['switchboard.server.name', server],
            endedAt,
            errorType,
            errorMessage,
          });
        }
        call.pipeline.clientDuration.record(
          (endedAt - startedAt) / 1000,
          errorType === undefined ? shared.attributes : shared.withError(errorType),
        );
      });
    }
  };
  return traced;
}

/** Hands the call's record (tool_call or policy_decision) to its span. */
export function traceCallRecords(recorder: RecordQueue): RecordQueue {
  const traced: RecordQueue = Object.create(recorder) as RecordQueue;
  traced.enqueue = (record) => {
    if (record.type !== 'server_change') {
      const call = calls.forRecord(record);
      if (call !== undefined) call.record = record;
    }
    recorder.enqueue(record);
  };
  return traced;
}

/** The record's attributes, as key, value pairs after the span's others. */
function addRecordAttributes(own: string[], record: ActivityRecord): void {
  own.push('switchboard.record.id', record.id, 'switchboard.decision', decisionOf(record));
  if (record.error_kind !== null) own.push('switchboard.error_kind', record.error_kind);
  if (record.policy_id !== null) own.push('switchboard.policy.id', record.policy_id);
  if (record.token_name !== null) own.push('switchboard.token.name', record.token_name);
}

/** `allowed`, `blocked`, or `asked:` + the approval's decision (SPEC 10's `metadata.approval`). */
function decisionOf(record: ActivityRecord): string {
  const approval = record.metadata.approval;
  if (approval !== null && typeof approval === 'object') {
    const decision = (approval as { decision?: unknown }).decision;
    if (typeof decision === 'string') return `asked:${decision}`;
  }
  return record.status === 'blocked' ? 'blocked' : 'allowed';
}

function firstText(content: readonly { type: string; text?: unknown }[] | undefined): string {
  const item = content?.find((entry) => entry.type === 'text');
  return typeof item?.text === 'string' ? item.text.slice(0, 500) : '';
}
