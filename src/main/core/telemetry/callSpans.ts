/**
 * The SERVER and CLIENT spans of a tools/call, the hot path, kept as plain data from the start
 * instead of SDK span objects: on the call's path only ids and a start time; after the answer
 * (afterResponse.ts) the finished span joins the columns that leave for the export worker
 * (callSpanColumns.ts), which makes its span record for the official OTLP exporter. Measured inside the proxy, the SDK's span objects
 * (attributes validated and copied, time conversions, processors, then the copy into a record) cost
 * several times more than on a warm loop; what the SDK decides is kept: the parent's sampled flag,
 * W3C ids from a CSPRNG, the 16 KiB attribute value limit.
 */
import type { SpanKind } from '@opentelemetry/api';
import {
  TraceFlags,
  trace,
  type Attributes,
  type Context,
  type TraceState,
} from '@opentelemetry/api';
import { randomFillSync } from 'node:crypto';

export interface CallSpan {
  traceId: string;
  spanId: string;
  traceFlags: number;
  /** The agent's `tracestate`, passed on upstream and exported. */
  traceState?: TraceState;
  parentSpanId?: string;
  parentIsRemote?: boolean;
  /** `performance.now()` at the start. */
  startedAt: number;
}

/** Arguments and results on spans are cut here (the full text is in the activity log). */
export const ATTRIBUTE_VALUE_LIMIT = 16 * 1024;

/** Starts a span under `parent` (the agent's `traceparent`, or none); unsampled parents stay so. */
export function startCallSpan(parent: Context, startedAt: number): CallSpan {
  const parentSpan = trace.getSpanContext(parent);
  if (parentSpan === undefined || !trace.isSpanContextValid(parentSpan))
    return {
      traceId: randomId(16),
      spanId: randomId(8),
      traceFlags: TraceFlags.SAMPLED,
      startedAt,
    };
  const span: CallSpan = {
    traceId: parentSpan.traceId,
    spanId: randomId(8),
    traceFlags: parentSpan.traceFlags & TraceFlags.SAMPLED,
    parentSpanId: parentSpan.spanId,
    startedAt,
  };
  if (parentSpan.traceState !== undefined) span.traceState = parentSpan.traceState;
  if (parentSpan.isRemote === true) span.parentIsRemote = true;
  return span;
}

export function childCallSpan(parent: CallSpan, startedAt: number): CallSpan {
  const span: CallSpan = {
    traceId: parent.traceId,
    spanId: randomId(8),
    traceFlags: parent.traceFlags,
    parentSpanId: parent.spanId,
    startedAt,
  };
  if (parent.traceState !== undefined) span.traceState = parent.traceState;
  return span;
}

/**
 * Sets `traceparent` (and `tracestate`) for `span` in `carrier`, as the SDK's W3C propagator writes
 * them for a valid span context, without building a context and a span object for it.
 */
export function injectTraceContext(span: CallSpan, carrier: Record<string, string>): void {
  carrier.traceparent = `00-${span.traceId}-${span.spanId}-0${span.traceFlags.toString(16)}`;
  const traceState = span.traceState?.serialize();
  if (traceState) carrier.tracestate = traceState;
}

export function isSampled(span: CallSpan): boolean {
  return (span.traceFlags & TraceFlags.SAMPLED) !== 0;
}

export interface CallSpanEnd {
  name: string;
  kind: SpanKind.SERVER | SpanKind.CLIENT;
  /** What the span shares with the other spans of its tool: one object, reused call after call. */
  attributes: Attributes;
  /** The span's own attributes, after those: key, value, key, value, ... */
  own: string[];
  endedAt: number;
  errorType?: string | undefined;
  errorMessage?: string | undefined;
}

/** Random ids come from a pooled CSPRNG buffer: one syscall per 512 ids instead of one per id. */
const pool = Buffer.alloc(4096);
const ZERO_IDS = { 8: '0'.repeat(16), 16: '0'.repeat(32) };
let poolAt = pool.length;

function randomId(bytes: 8 | 16): string {
  for (;;) {
    if (poolAt + bytes > pool.length) {
      randomFillSync(pool);
      poolAt = 0;
    }
    const id = pool.toString('hex', poolAt, poolAt + bytes);
    poolAt += bytes;
    // All zeros is the one invalid id (W3C trace context).
    if (id !== ZERO_IDS[bytes]) return id;
  }
}
