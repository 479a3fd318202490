import { describe, expect, it } from 'vitest';
import type { Attributes, Histogram } from '@opentelemetry/api';
import { createDeferredDurations } from '../../../../src/main/core/telemetry/deferredDurations';

function recordingHistogram(): Histogram & { records: [number, Attributes | undefined][] } {
  const records: [number, Attributes | undefined][] = [];
  return { records, record: (value, attributes) => void records.push([value, attributes]) };
}

describe('deferred duration records', () => {
  it('records after the call, in order, into the right histogram', async () => {
    const deferred = createDeferredDurations();
    const server = recordingHistogram();
    const client = recordingHistogram();
    const attributes = { 'mcp.method.name': 'tools/call' };
    deferred(server).record(0.002, attributes);
    deferred(client).record(0.001, attributes);
    deferred(server).record(0.003, attributes);
    expect(server.records).toEqual([]);
    await new Promise((done) => setImmediate(done));
    expect(server.records).toEqual([
      [0.002, attributes],
      [0.003, attributes],
    ]);
    expect(client.records).toEqual([[0.001, attributes]]);
  });

  it('holds at most 4096 pending records: past that they are made at once', () => {
    const histogram = recordingHistogram();
    const durations = createDeferredDurations()(histogram);
    for (let i = 0; i < 4097; i++) durations.record(i, {});
    expect(histogram.records).toEqual([[4096, {}]]);
    durations.drain();
    expect(histogram.records).toHaveLength(4097);
  });
});
