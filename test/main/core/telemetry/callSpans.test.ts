import { describe, expect, it } from 'vitest';
import {
  ROOT_CONTEXT,
  SpanKind,
  defaultTextMapSetter,
  trace,
  type Attributes,
  type Context,
} from '@opentelemetry/api';
import {
  callSpanRecords,
  createCallSpanTable,
} from '../../../../src/main/core/telemetry/callSpanColumns';
import {
  ATTRIBUTE_VALUE_LIMIT,
  childCallSpan,
  injectTraceContext,
  isSampled,
  startCallSpan,
  type CallSpan,
  type CallSpanEnd,
} from '../../../../src/main/core/telemetry/callSpans';
import type { SpanRecord } from '../../../../src/main/core/telemetry/exportProtocol';
import { hrTime } from '@opentelemetry/core';
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

/** The span records the export worker makes of `ended` spans, through the columns that carry them. */
function finished(ended: [CallSpan, CallSpanEnd][]): SpanRecord[] {
  const table = createCallSpanTable();
  for (const [span, end] of ended) table.add(span, end);
  const sets = new Map<number, Attributes>();
  const ids = new Map<Attributes, number>();
  const columns = table.take((attributes) => {
    let id = ids.get(attributes);
    if (id === undefined) {
      id = ids.size + 1;
      ids.set(attributes, id);
      sets.set(id, attributes);
    }
    return id;
  });
  expect(table.size()).toBe(0);
  return columns === null ? [] : callSpanRecords(columns, sets, performance.timeOrigin);
}

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
    const [serverRecord, clientRecord] = finished([
      [
        server,
        {
          name: 'tools/call a__b',
          kind: SpanKind.SERVER,
          attributes: {},
          own: [],
          endedAt: performance.now(),
        },
      ],
      [
        client,
        {
          name: 'tools/call b',
          kind: SpanKind.CLIENT,
          attributes: {},
          own: [],
          endedAt: performance.now(),
        },
      ],
    ]);
    expect(serverRecord).toMatchObject({
      traceId: TRACE_ID,
      parentSpanId: AGENT_SPAN_ID,
      traceState: 'vendor=abc',
      parentIsRemote: true,
      traceFlags: 1,
    });
    expect(clientRecord).toMatchObject({ traceId: TRACE_ID, parentSpanId: server.spanId });
    expect(clientRecord).not.toHaveProperty('parentIsRemote');
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
    const [record] = finished([
      [
        span,
        {
          name: 'tools/call a__b',
          kind: SpanKind.CLIENT,
          attributes: { 'mcp.method.name': 'tools/call' },
          own: ['gen_ai.tool.call.arguments', 'x'.repeat(ATTRIBUTE_VALUE_LIMIT + 10)],
          endedAt: span.startedAt + 1.5,
          errorType: 'tool_error',
          errorMessage: 'it failed',
        },
      ],
    ]);
    expect(record!.attributes['gen_ai.tool.call.arguments']).toHaveLength(ATTRIBUTE_VALUE_LIMIT);
    expect(record!.attributes).toMatchObject({
      'mcp.method.name': 'tools/call',
      'error.type': 'tool_error',
    });
    expect(record).toMatchObject({
      kind: SpanKind.CLIENT,
      statusCode: 2,
      statusMessage: 'it failed',
    });
    // The times the SDK's hrTime gives for the same performance.now() values.
    expect(record!.startTime).toEqual(hrTime(span.startedAt));
    expect(record!.endTime).toEqual(hrTime(span.startedAt + 1.5));
  });

  it("keep each span's own attributes after the shared ones, the later of a repeated key winning", () => {
    const shared = { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'a__b' };
    const first = startCallSpan(ROOT_CONTEXT, 0);
    const second = startCallSpan(ROOT_CONTEXT, 0);
    const own = ['switchboard.token.name', 'header', 'switchboard.token.name', 'record'];
    const [a, b] = finished([
      [first, { name: 'x', kind: SpanKind.SERVER, attributes: shared, own, endedAt: 1 }],
      [second, { name: 'y', kind: SpanKind.SERVER, attributes: shared, own: [], endedAt: 1 }],
    ]);
    expect(a!.attributes).toEqual({ ...shared, 'switchboard.token.name': 'record' });
    expect(b!.attributes).toEqual(shared);
    expect(b!.attributes).not.toBe(shared);
    expect(a!.statusCode).toBe(0);
    expect(a).not.toHaveProperty('parentSpanId');
  });
});
