import { describe, expect, it } from 'vitest';
import {
  ROOT_CONTEXT,
  SpanKind,
  defaultTextMapSetter,
  trace,
  type Context,
} from '@opentelemetry/api';
import {
  ATTRIBUTE_VALUE_LIMIT,
  childCallSpan,
  finishCallSpan,
  injectTraceContext,
  isSampled,
  startCallSpan,
  type CallSpan,
} from '../../../../src/main/core/telemetry/callSpans';
import { parentContextOf, propagator } from '../../../../src/main/core/telemetry/spanSupport';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

/** The span as a context, for the SDK's W3C propagator. */
function contextOf(span: CallSpan, base: Context): Context {
  return trace.setSpanContext(base, {
    traceId: span.traceId,
    spanId: span.spanId,
    traceFlags: span.traceFlags,
    ...(span.traceState === undefined ? {} : { traceState: span.traceState }),
  });
}
const AGENT_SPAN_ID = '00f067aa0ba902b7';

describe('call spans', () => {
  it("continue the agent's trace and pass traceparent and tracestate upstream under the CLIENT span", () => {
    const parent = parentContextOf({
      traceparent: `00-${TRACE_ID}-${AGENT_SPAN_ID}-01`,
      tracestate: 'vendor=abc',
    });
    const server = startCallSpan(parent, performance.now());
    const client = childCallSpan(server, performance.now());
    expect(server).toMatchObject({ traceId: TRACE_ID, parentSpanId: AGENT_SPAN_ID });
    expect(client).toMatchObject({ traceId: TRACE_ID, parentSpanId: server.spanId });
    expect(isSampled(client)).toBe(true);

    const meta: Record<string, string> = {};
    injectTraceContext(client, meta);
    expect(meta).toEqual({
      traceparent: `00-${TRACE_ID}-${client.spanId}-01`,
      tracestate: 'vendor=abc',
    });
    // What the SDK's W3C propagator writes for the same span context.
    const bySdk: Record<string, string> = {};
    propagator.inject(contextOf(client, ROOT_CONTEXT), bySdk, defaultTextMapSetter);
    expect(meta).toEqual(bySdk);
    const record = finishCallSpan(server, {
      name: 'tools/call a__b',
      kind: SpanKind.SERVER,
      attributes: {},
      endedAt: performance.now(),
    });
    expect(record).toMatchObject({ traceState: 'vendor=abc', parentIsRemote: true });
  });

  it('start a new trace with random W3C ids without a parent; an unsampled parent stays unsampled', () => {
    const a = startCallSpan(ROOT_CONTEXT, 0);
    const b = startCallSpan(ROOT_CONTEXT, 0);
    expect(a.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(a.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(a.traceId).not.toBe(b.traceId);
    expect(a.parentSpanId).toBeUndefined();
    const unsampled = startCallSpan(
      parentContextOf({ traceparent: `00-${TRACE_ID}-${AGENT_SPAN_ID}-00` }),
      0,
    );
    expect(isSampled(unsampled)).toBe(false);
    expect(isSampled(childCallSpan(unsampled, 0))).toBe(false);
  });

  it('end with error.type and an ERROR status, long values cut at the attribute limit', () => {
    const span = startCallSpan(ROOT_CONTEXT, performance.now());
    const record = finishCallSpan(span, {
      name: 'tools/call a__b',
      kind: SpanKind.CLIENT,
      attributes: { 'gen_ai.tool.call.arguments': 'x'.repeat(ATTRIBUTE_VALUE_LIMIT + 10) },
      endedAt: span.startedAt + 1.5,
      errorType: 'tool_error',
      errorMessage: 'it failed',
    });
    expect(record.attributes['gen_ai.tool.call.arguments']).toHaveLength(ATTRIBUTE_VALUE_LIMIT);
    expect(record.attributes['error.type']).toBe('tool_error');
    expect(record).toMatchObject({
      kind: SpanKind.CLIENT,
      statusCode: 2,
      statusMessage: 'it failed',
    });
    const [s0, n0] = record.startTime;
    const [s1, n1] = record.endTime;
    expect((s1 - s0) * 1e9 + (n1 - n0)).toBeCloseTo(1.5e6, -3);
  });
});
