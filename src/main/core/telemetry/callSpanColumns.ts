/**
 * Finished call spans on their way to the export worker, as columns (exportProtocol.ts,
 * `CallSpanColumns`): on the proxy's thread a span's end is a few pushes onto arrays; the worker
 * makes the span record the OTLP exporter reads (`callSpanRecords`), with what the proxy's thread
 * used to do: the shared attributes and the span's own, the 16 KiB value limit, `error.type` and
 * the ERROR status, the times as the SDK's `hrTime` gives them.
 */
import { SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { addHrTimes, millisToHrTime } from '@opentelemetry/core';
import type { CallSpan, CallSpanEnd } from './callSpans';
import { ATTRIBUTE_VALUE_LIMIT } from './callSpans';
import { REMOTE_PARENT, type CallSpanColumns, type SpanRecord } from './exportProtocol';

/** The call spans waiting on the proxy's thread; attribute sets stay objects until they leave. */
export interface CallSpanTable {
  add(span: CallSpan, end: CallSpanEnd): void;
  size(): number;
  /** The columns for the worker (null when empty), attribute sets named by `idOf`; starts over. */
  take(idOf: (attributes: Attributes) => number): CallSpanColumns | null;
}

export function createCallSpanTable(): CallSpanTable {
  let sets: Attributes[] = [];
  let columns = emptyColumns();

  return {
    add(span, end) {
      sets.push(end.attributes);
      columns.names.push(end.name);
      columns.kinds.push(end.kind);
      columns.ids.push(span.traceId, span.spanId, span.parentSpanId ?? '');
      columns.flags.push(span.traceFlags | (span.parentIsRemote === true ? REMOTE_PARENT : 0));
      columns.traceStates.push(span.traceState?.serialize() ?? '');
      columns.times.push(span.startedAt, Math.max(end.endedAt, span.startedAt));
      columns.ownCounts.push(end.own.length);
      for (const value of end.own) columns.own.push(value);
      columns.errors.push(end.errorType ?? '', end.errorMessage ?? '');
    },
    size: () => sets.length,
    take(idOf) {
      if (sets.length === 0) return null;
      const taken = columns;
      taken.attributeIds = sets.map(idOf);
      sets = [];
      columns = emptyColumns();
      return taken;
    },
  };
}

function emptyColumns(): CallSpanColumns {
  return {
    attributeIds: [],
    names: [],
    kinds: [],
    ids: [],
    flags: [],
    traceStates: [],
    times: [],
    ownCounts: [],
    own: [],
    errors: [],
  };
}

/** The span records of `columns` (in the export worker), times relative to `timeOrigin`. */
export function callSpanRecords(
  columns: CallSpanColumns,
  attributeSets: ReadonlyMap<number, Attributes>,
  timeOrigin: number,
): SpanRecord[] {
  const origin = millisToHrTime(timeOrigin);
  const records: SpanRecord[] = [];
  let ownAt = 0;
  for (let i = 0; i < columns.names.length; i++) {
    const attributes: Attributes = {};
    const shared = attributeSets.get(columns.attributeIds[i]!) ?? {};
    for (const key in shared) attributes[key] = limited(shared[key]);
    const ownEnd = ownAt + columns.ownCounts[i]!;
    for (; ownAt < ownEnd; ownAt += 2)
      attributes[columns.own[ownAt]!] = limited(columns.own[ownAt + 1]);
    const flags = columns.flags[i]!;
    const record: SpanRecord = {
      name: columns.names[i]!,
      kind: columns.kinds[i]!,
      traceId: columns.ids[3 * i]!,
      spanId: columns.ids[3 * i + 1]!,
      traceFlags: flags & 0xff,
      startTime: addHrTimes(origin, millisToHrTime(columns.times[2 * i]!)),
      endTime: addHrTimes(origin, millisToHrTime(columns.times[2 * i + 1]!)),
      attributes,
      droppedAttributesCount: 0,
      events: [],
      droppedEventsCount: 0,
      statusCode: SpanStatusCode.UNSET,
      links: [],
      droppedLinksCount: 0,
    };
    const traceState = columns.traceStates[i];
    if (traceState) record.traceState = traceState;
    const parentSpanId = columns.ids[3 * i + 2];
    if (parentSpanId) record.parentSpanId = parentSpanId;
    if ((flags & REMOTE_PARENT) !== 0) record.parentIsRemote = true;
    const errorType = columns.errors[2 * i];
    if (errorType) {
      attributes['error.type'] = errorType;
      record.statusCode = SpanStatusCode.ERROR;
      const message = columns.errors[2 * i + 1];
      if (message) record.statusMessage = message;
    }
    records.push(record);
  }
  return records;
}

function limited<T>(value: T): T | string {
  return typeof value === 'string' && value.length > ATTRIBUTE_VALUE_LIMIT
    ? value.slice(0, ATTRIBUTE_VALUE_LIMIT)
    : value;
}
