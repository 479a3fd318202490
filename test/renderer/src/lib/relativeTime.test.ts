import { describe, expect, it, vi } from 'vitest';
import { absoluteTime, relativeTime } from '../../../../src/renderer/src/lib/relativeTime';
import { describeTimeRange } from '../../../../src/renderer/src/lib/timeRange';

const now = Date.parse('2026-11-23T15:00:00.000Z');
const ago = (ms: number): string => new Date(now - ms).toISOString();

describe('relativeTime', () => {
  it('reads seconds, minutes, hours and days', () => {
    expect(relativeTime(ago(500), now)).toBe('now');
    expect(relativeTime(ago(12_000), now)).toBe('12s ago');
    expect(relativeTime(ago(5 * 60_000 + 10_000), now)).toBe('5m ago');
    expect(relativeTime(ago(3 * 3_600_000), now)).toBe('3h ago');
    expect(relativeTime(ago(4 * 86_400_000), now)).toBe('4d ago');
  });

  it('shows the date past 30 days and "now" for a slightly future time', () => {
    expect(relativeTime('2026-09-01T10:00:00.000Z', now)).toBe('2026-09-01');
    expect(relativeTime(new Date(now + 800).toISOString(), now)).toBe('now');
  });

  it('returns unparseable input unchanged', () => {
    expect(relativeTime('yesterday', now)).toBe('yesterday');
    expect(absoluteTime('yesterday')).toBe('yesterday');
  });

  it('formats the absolute time with milliseconds in UTC', () => {
    expect(absoluteTime('2026-11-23T15:04:05.123Z')).toBe('2026-11-23 15:04:05.123 UTC');
  });

  it('shows local time with its offset, or UTC when chosen', () => {
    vi.stubEnv('TZ', 'Asia/Kolkata');
    try {
      expect(absoluteTime('2026-11-23T15:04:05.123Z', 'local')).toBe(
        '2026-11-23 20:34:05.123 (UTC+05:30)',
      );
      expect(absoluteTime('2026-11-23T15:04:05.123Z', 'utc')).toBe('2026-11-23 15:04:05.123 UTC');
      expect(
        describeTimeRange('2026-11-23T10:00:00.000Z', undefined, Date.UTC(2026, 11, 1), 'local'),
      ).toBe('Custom (local): 2026-11-23 15:30 → now');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
