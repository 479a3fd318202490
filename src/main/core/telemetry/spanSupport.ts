/**
 * What the SERVER and CLIENT spans of every MCP method share (SPEC 13): W3C trace context in
 * `params._meta`, the `error.type` of a failure, how a span ends, and each session's
 * `mcp-protocol-version`.
 */
import {
  ROOT_CONTEXT,
  SpanStatusCode,
  defaultTextMapGetter,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { UpstreamTimeoutError, UpstreamUnavailableError } from '../upstreams/contracts';
import { afterResponse } from './afterResponse';
import type { DurationRecorder } from './exportPipeline';

export const propagator = new W3CTraceContextPropagator();

/** The agent's context from `params._meta`; most requests carry none, so no extraction then. */
export function parentContextOf(meta: Record<string, unknown> | undefined): Context {
  if (meta?.traceparent === undefined) return ROOT_CONTEXT;
  return propagator.extract(ROOT_CONTEXT, meta, defaultTextMapGetter);
}

/** The `mcp-protocol-version` each session's requests carry (oldest session evicted past the cap). */
const protocolVersions = new Map<string, string>();
const MAX_TRACKED_SESSIONS = 10_000;

export function noteProtocolVersion(session: string, version: string): void {
  if (protocolVersions.get(session) === version) return;
  protocolVersions.delete(session);
  protocolVersions.set(session, version);
  if (protocolVersions.size > MAX_TRACKED_SESSIONS) {
    const oldest = protocolVersions.keys().next().value;
    if (oldest !== undefined) protocolVersions.delete(oldest);
  }
}

export function protocolVersionOf(session: string | null | undefined): string | undefined {
  return session === null || session === undefined ? undefined : protocolVersions.get(session);
}

/** The JSON-RPC error code, as the MCP conventions ask; Switchboard's own failures by kind. */
export function errorTypeOf(error: unknown): string {
  if (error instanceof McpError) return String(error.code);
  if (error instanceof UpstreamTimeoutError) return 'timeout';
  if (error instanceof UpstreamUnavailableError) return 'upstream_unavailable';
  const code = (error as { code?: unknown } | null)?.code;
  if (Number.isInteger(code)) return String(code);
  return '_OTHER';
}

export function errorMessageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Ends `span` at `endedAt` (a `performance.now()` taken when the request ended). */
export function endSpan(
  span: Span,
  errorType: string | undefined,
  message: string | undefined,
  endedAt: number,
): void {
  if (errorType !== undefined) {
    span.setAttribute('error.type', errorType);
    span.setStatus({ code: SpanStatusCode.ERROR, ...(message ? { message } : {}) });
  }
  span.end(endedAt);
}

export interface RequestEnd {
  startedAt: number;
  endedAt: number;
  errorType: string | undefined;
  errorMessage: string | undefined;
}

/**
 * After the answer is written (afterResponse.ts): the span's attributes and end, and the
 * request's duration in `histogram` with `error.type` added on an error.
 */
export function finishAfterResponse(
  span: Span,
  attributes: Attributes,
  end: RequestEnd,
  histogram: DurationRecorder,
  metricAttributes: Attributes,
): void {
  afterResponse(() => {
    span.setAttributes(attributes);
    endSpan(span, end.errorType, end.errorMessage, end.endedAt);
    histogram.record(
      (end.endedAt - end.startedAt) / 1000,
      end.errorType === undefined
        ? metricAttributes
        : { ...metricAttributes, 'error.type': end.errorType },
    );
  });
}
