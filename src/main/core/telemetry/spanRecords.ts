/**
 * A finished span as plain data and back: `toSpanRecord` runs on the proxy's thread when a batch
 * leaves for the export worker (the SDK's span object holds its provider, which cannot cross a
 * thread); `fromSpanRecord` gives the worker's OTLP exporter the ReadableSpan it reads.
 */
import type { Link, SpanContext } from '@opentelemetry/api';
import { TraceState, hrTimeDuration, type InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { SpanLinkRecord, SpanRecord } from './exportProtocol';

export function toSpanRecord(span: ReadableSpan): SpanRecord {
  const context = span.spanContext();
  const parent = span.parentSpanContext;
  const record: SpanRecord = {
    name: span.name,
    kind: span.kind,
    traceId: context.traceId,
    spanId: context.spanId,
    traceFlags: context.traceFlags,
    startTime: span.startTime,
    endTime: span.endTime,
    attributes: span.attributes,
    droppedAttributesCount: span.droppedAttributesCount,
    // Plain objects already (name, time, attributes, droppedAttributesCount).
    events: span.events,
    droppedEventsCount: span.droppedEventsCount,
    statusCode: span.status.code,
    links: span.links.length === 0 ? [] : span.links.map(toLinkRecord),
    droppedLinksCount: span.droppedLinksCount,
  };
  const traceState = context.traceState?.serialize();
  if (traceState) record.traceState = traceState;
  if (parent !== undefined) {
    record.parentSpanId = parent.spanId;
    if (parent.isRemote === true) record.parentIsRemote = true;
  }
  if (span.status.message !== undefined) record.statusMessage = span.status.message;
  return record;
}

function toLinkRecord(link: Link): SpanLinkRecord {
  const { context } = link;
  const record: SpanLinkRecord = {
    traceId: context.traceId,
    spanId: context.spanId,
    traceFlags: context.traceFlags,
  };
  const traceState = context.traceState?.serialize();
  if (traceState) record.traceState = traceState;
  if (context.isRemote === true) record.isRemote = true;
  if (link.attributes !== undefined) record.attributes = link.attributes;
  if (link.droppedAttributesCount !== undefined)
    record.droppedAttributesCount = link.droppedAttributesCount;
  return record;
}

export function fromSpanRecord(
  record: SpanRecord,
  resource: Resource,
  instrumentationScope: InstrumentationScope,
): ReadableSpan {
  const spanContext: SpanContext = {
    traceId: record.traceId,
    spanId: record.spanId,
    traceFlags: record.traceFlags,
    ...(record.traceState === undefined ? {} : { traceState: new TraceState(record.traceState) }),
  };
  return {
    name: record.name,
    kind: record.kind,
    spanContext: () => spanContext,
    ...(record.parentSpanId === undefined
      ? {}
      : {
          parentSpanContext: {
            traceId: record.traceId,
            spanId: record.parentSpanId,
            traceFlags: record.traceFlags,
            ...(record.parentIsRemote === true ? { isRemote: true } : {}),
          },
        }),
    startTime: record.startTime,
    endTime: record.endTime,
    status: {
      code: record.statusCode,
      ...(record.statusMessage === undefined ? {} : { message: record.statusMessage }),
    },
    attributes: record.attributes,
    links: record.links.map(fromLinkRecord),
    events: record.events,
    duration: hrTimeDuration(record.startTime, record.endTime),
    ended: true,
    resource,
    instrumentationScope,
    droppedAttributesCount: record.droppedAttributesCount,
    droppedEventsCount: record.droppedEventsCount,
    droppedLinksCount: record.droppedLinksCount,
  };
}

function fromLinkRecord(record: SpanLinkRecord): Link {
  return {
    context: {
      traceId: record.traceId,
      spanId: record.spanId,
      traceFlags: record.traceFlags,
      ...(record.traceState === undefined ? {} : { traceState: new TraceState(record.traceState) }),
      ...(record.isRemote === true ? { isRemote: true } : {}),
    },
    ...(record.attributes === undefined ? {} : { attributes: record.attributes }),
    ...(record.droppedAttributesCount === undefined
      ? {}
      : { droppedAttributesCount: record.droppedAttributesCount }),
  };
}
