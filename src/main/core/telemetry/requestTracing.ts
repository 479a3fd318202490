/**
 * The SERVER span of every agent request to `/mcp` other than tools/call (callTracing.ts has
 * those, on both paths): initialize, ping, the list methods, prompts/get, resources/read,
 * completion/complete, logging/setLevel, resources/subscribe and unsubscribe (SPEC 13). It wraps
 * each request handler of a session's SDK Server; the request's abort signal, which the handlers
 * pass to the upstream router, ties the CLIENT spans of upstreamRequestTracing.ts to it.
 */
import { SpanKind, trace, type Attributes, type Context } from '@opentelemetry/api';
import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import type { McpRequest, McpRequestExtra, McpRequestHook } from '../gateway/handlerHooks';
import type { CallTracingSource } from './callTracing';
import type { ExportPipeline } from './exportPipeline';
import {
  errorMessageOf,
  finishAfterResponse,
  noteProtocolVersion,
  parentContextOf,
  protocolVersionOf,
} from './spanSupport';

/** The SERVER span an upstream request made for an agent request belongs under. */
export interface RequestTrace {
  pipeline: ExportPipeline;
  context: Context;
}

/** Agent requests in flight by their abort signal; weak, so a request that never ends leaks nothing. */
const requestsBySignal = new WeakMap<AbortSignal, RequestTrace>();

export function requestTraceOf(signal: AbortSignal | undefined): RequestTrace | undefined {
  return signal === undefined ? undefined : requestsBySignal.get(signal);
}

const SERVER = { kind: SpanKind.SERVER };

/** Methods whose spans carry the resource's URI (the conventions keep it out of span names). */
const RESOURCE_METHODS = new Set([
  'resources/read',
  'resources/subscribe',
  'resources/unsubscribe',
]);

export function traceMcpRequestHandlers(source: CallTracingSource): McpRequestHook {
  return (handler) => async (request, extra) => {
    const pipeline = source.pipeline();
    if (pipeline === null || request.method === 'tools/call') return handler(request, extra);
    const startedAt = performance.now();
    const { name, metricAttributes, attributes } = requestAttributes(request, extra);
    const parent = parentContextOf(request.params?._meta);
    const span = pipeline.tracer.startSpan(name, SERVER, parent);
    requestsBySignal.set(extra.signal, { pipeline, context: trace.setSpan(parent, span) });
    let errorType: string | undefined;
    let errorMessage: string | undefined;
    try {
      const result = await handler(request, extra);
      if (request.method === 'initialize') noteNegotiatedVersion(result, extra, attributes);
      return result;
    } catch (error) {
      // What the agent receives: the SDK answers a code-less error as Internal error.
      const code = (error as { code?: unknown } | null)?.code;
      errorType = String(Number.isSafeInteger(code) ? code : ErrorCode.InternalError);
      errorMessage = errorMessageOf(error);
      attributes['rpc.response.status_code'] = errorType;
      throw error;
    } finally {
      requestsBySignal.delete(extra.signal);
      if (errorType === undefined && extra.signal.aborted) errorType = 'cancelled';
      const end = { startedAt, endedAt: performance.now(), errorType, errorMessage };
      finishAfterResponse(span, attributes, end, pipeline.serverDuration, metricAttributes);
    }
  };
}

function requestAttributes(
  request: McpRequest,
  extra: McpRequestExtra,
): { name: string; metricAttributes: Attributes; attributes: Attributes } {
  const method = request.method;
  const params = request.params;
  const protocolVersion = protocolVersionOf(extra.sessionId);
  const metricAttributes: Attributes = {
    'mcp.method.name': method,
    'network.transport': 'tcp',
    'network.protocol.name': 'http',
  };
  if (protocolVersion !== undefined) metricAttributes['mcp.protocol.version'] = protocolVersion;
  const prompt = promptOf(method, params);
  if (prompt !== undefined) metricAttributes['gen_ai.prompt.name'] = prompt;
  const attributes: Attributes = {
    ...metricAttributes,
    'jsonrpc.request.id': String(extra.requestId),
  };
  if (extra.sessionId !== undefined) attributes['mcp.session.id'] = extra.sessionId;
  const tokenName = extra.authInfo?.extra?.tokenName;
  if (typeof tokenName === 'string') attributes['switchboard.token.name'] = tokenName;
  if (RESOURCE_METHODS.has(method) && typeof params?.uri === 'string')
    attributes['mcp.resource.uri'] = params.uri;
  return {
    name: prompt === undefined ? method : `${method} ${prompt}`,
    metricAttributes,
    attributes,
  };
}

/** The prompt a prompts/get, or a completion of a prompt's argument, is about. */
function promptOf(method: string, params: McpRequest['params']): string | undefined {
  if (method === 'prompts/get' && typeof params?.name === 'string') return params.name;
  if (method !== 'completion/complete') return undefined;
  const ref = params?.ref as { type?: unknown; name?: unknown } | undefined;
  return ref?.type === 'ref/prompt' && typeof ref.name === 'string' ? ref.name : undefined;
}

/** The version initialize settled on is the session's from then on. */
function noteNegotiatedVersion(
  result: unknown,
  extra: McpRequestExtra,
  attributes: Attributes,
): void {
  const version = (result as { protocolVersion?: unknown }).protocolVersion;
  if (typeof version !== 'string') return;
  attributes['mcp.protocol.version'] = version;
  if (extra.sessionId !== undefined) noteProtocolVersion(extra.sessionId, version);
}
