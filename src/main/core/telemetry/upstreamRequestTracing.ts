/**
 * The CLIENT span of each upstream request an agent's prompts/get, resources/read,
 * completion/complete, resources/subscribe or unsubscribe makes, under that request's SERVER span
 * (requestTracing.ts), named with the upstream's own prompt name; its context goes upstream as
 * `params._meta.traceparent` (SPEC 13). Requests no agent request is waiting for (a subscription
 * ended because its session closed) and requests that never leave (an unknown prompt) have none.
 */
import { SpanKind, defaultTextMapSetter, trace, type Attributes } from '@opentelemetry/api';
import type { Transport } from '../../../shared/servers';
import type { UpstreamCallOptions, UpstreamManager, UpstreamRouter } from '../upstreams/contracts';
import { requestTraceOf, type RequestTrace } from './requestTracing';
import { errorMessageOf, errorTypeOf, finishAfterResponse, propagator } from './spanSupport';

type Upstreams = UpstreamManager & UpstreamRouter;

const CLIENT = { kind: SpanKind.CLIENT };

interface UpstreamRequest {
  method: string;
  server: string;
  /** The upstream's own prompt name, when the request is about one. */
  prompt?: string;
  uri?: string;
}

export function traceUpstreamRequests(
  upstreams: Upstreams,
  transportOf: (server: string) => Transport | undefined,
): Upstreams {
  const traced: Upstreams = Object.create(upstreams) as Upstreams;

  function send<T>(
    parent: RequestTrace,
    request: UpstreamRequest,
    options: UpstreamCallOptions,
    run: (options: UpstreamCallOptions) => Promise<T>,
  ): Promise<T> {
    return tracedRequest(parent, request, transportOf(request.server), options, run);
  }

  traced.getPrompt = (exposedName, args, options) => {
    const parent = requestTraceOf(options.signal);
    const target = parent && upstreams.resolvePrompt(exposedName);
    if (!parent || !target) return upstreams.getPrompt(exposedName, args, options);
    const request = { method: 'prompts/get', server: target.server, prompt: target.prompt };
    return send(parent, request, options, (sent) => upstreams.getPrompt(exposedName, args, sent));
  };

  traced.readResource = (uri, options) => {
    const parent = requestTraceOf(options.signal);
    const server = parent && upstreams.resourceServer(uri);
    if (!parent || !server) return upstreams.readResource(uri, options);
    const request = { method: 'resources/read', server, uri };
    return send(parent, request, options, (sent) => upstreams.readResource(uri, sent));
  };

  traced.complete = (params, options) => {
    const parent = requestTraceOf(options.signal);
    if (!parent) return upstreams.complete(params, options);
    const ref = params.ref;
    const target =
      ref.type === 'ref/prompt'
        ? upstreams.resolvePrompt(ref.name)
        : { server: upstreams.resourceServer(ref.uri), prompt: undefined };
    if (!target?.server) return upstreams.complete(params, options);
    const request = {
      method: 'completion/complete',
      server: target.server,
      ...(target.prompt === undefined ? {} : { prompt: target.prompt }),
    };
    return send(parent, request, options, (sent) => upstreams.complete(params, sent));
  };

  traced.subscribeResource = (uri, options) => {
    const parent = requestTraceOf(options.signal);
    const server = parent && upstreams.resourceServer(uri);
    if (!parent || !server) return upstreams.subscribeResource(uri, options);
    const request = { method: 'resources/subscribe', server, uri };
    return send(parent, request, options, (sent) => upstreams.subscribeResource(uri, sent));
  };

  traced.unsubscribeResource = (server, uri, options) => {
    const parent = requestTraceOf(options.signal);
    if (!parent) return upstreams.unsubscribeResource(server, uri, options);
    const request = { method: 'resources/unsubscribe', server, uri };
    return send(parent, request, options, (sent) =>
      upstreams.unsubscribeResource(server, uri, sent),
    );
  };

  return traced;
}

async function tracedRequest<T>(
  parent: RequestTrace,
  request: UpstreamRequest,
  transport: Transport | undefined,
  options: UpstreamCallOptions,
  run: (options: UpstreamCallOptions) => Promise<T>,
): Promise<T> {
  const startedAt = performance.now();
  const metricAttributes: Attributes = {
    'mcp.method.name': request.method,
    'network.transport': transport === 'stdio' ? 'pipe' : 'tcp',
  };
  if (transport !== 'stdio') metricAttributes['network.protocol.name'] = 'http';
  if (request.prompt !== undefined) metricAttributes['gen_ai.prompt.name'] = request.prompt;
  const attributes: Attributes = {
    ...metricAttributes,
    'switchboard.server.name': request.server,
  };
  if (request.uri !== undefined) attributes['mcp.resource.uri'] = request.uri;
  const { pipeline } = parent;
  const span = pipeline.tracer.startSpan(
    request.prompt === undefined ? request.method : `${request.method} ${request.prompt}`,
    CLIENT,
    parent.context,
  );
  const meta: Record<string, string> = { ...options.meta };
  propagator.inject(trace.setSpan(parent.context, span), meta, defaultTextMapSetter);
  let errorType: string | undefined;
  let errorMessage: string | undefined;
  try {
    return await run({ ...options, meta });
  } catch (error) {
    errorType = errorTypeOf(error);
    errorMessage = errorMessageOf(error);
    throw error;
  } finally {
    const end = { startedAt, endedAt: performance.now(), errorType, errorMessage };
    finishAfterResponse(span, attributes, end, pipeline.clientDuration, metricAttributes);
  }
}
