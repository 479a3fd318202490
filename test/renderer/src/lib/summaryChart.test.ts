import { describe, expect, it } from 'vitest';
import type { ActivitySummary } from '../../../../src/shared/activity';
import {
  timelineFilter,
  timelinePoints,
  toolFilter,
} from '../../../../src/renderer/src/lib/summaryChart';
import { describeTimeRange, startTimeFor } from '../../../../src/renderer/src/lib/timeRange';
import { backoffDelayMs } from '../../../../src/renderer/src/lib/backoff';

const summary = (period: ActivitySummary['period']): ActivitySummary => ({
  period,
  from: '2026-11-22T15:00:00.000Z',
  to: '2026-11-23T15:00:00.000Z',
  bucket_ms: 3_600_000,
  total: 3,
  by_status: { success: 1, error: 1, blocked: 1 },
  by_type: { tool_call: 2, policy_decision: 1, quarantine_change: 0, server_change: 0 },
  top_servers: [],
  top_tools: [],
  timeline: [{ start: '2026-11-23T14:00:00.000Z', success: 1, error: 1, blocked: 1 }],
});

describe('summary chart data', () => {
  it('labels buckets by time of day, or with the date over days', () => {
    expect(timelinePoints(summary('24h'))[0]).toMatchObject({
      label: '14:00',
      end: '2026-11-23T15:00:00.000Z',
    });
    expect(timelinePoints(summary('7d'))[0]?.label).toBe('Nov 23 14:00');
  });

  it('turns a click into a list filter', () => {
    const point = timelinePoints(summary('24h'))[0]!;
    expect(timelineFilter(point, { status: ['error'] })).toEqual({
      status: ['error'],
      start_time: '2026-11-23T14:00:00.000Z',
      end_time: '2026-11-23T15:00:00.000Z',
    });
    expect(toolFilter({ server_name: 'everything', tool_name: 'echo' }, {})).toEqual({
      server: 'everything',
      tool: 'echo',
    });
  });
});

describe('time ranges and backoff', () => {
  const now = Date.parse('2026-11-23T15:00:00.000Z');
  it('names preset ranges and custom windows', () => {
    expect(startTimeFor('1h', now)).toBe('2026-11-23T14:00:00.000Z');
    expect(describeTimeRange(startTimeFor('24h', now), undefined, now)).toBe('Last 24 h');
    expect(describeTimeRange(undefined, undefined, now)).toBe('Any time');
    expect(describeTimeRange('2026-11-23T10:00:00.000Z', '2026-11-23T11:00:00.000Z', now)).toBe(
      'Custom (UTC): 2026-11-23 10:00 → 2026-11-23 11:00',
    );
  });

  it('backs off exponentially with jitter, capped at 30 s', () => {
    expect(backoffDelayMs(0, () => 0.5)).toBe(1000);
    expect(backoffDelayMs(3, () => 0.5)).toBe(8000);
    expect(backoffDelayMs(20, () => 1)).toBe(36_000);
    expect(backoffDelayMs(20, () => 0)).toBe(24_000);
  });
});
