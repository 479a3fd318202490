import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatRelativeTime,
  formatUptime,
} from '../../../../src/main/cli/format/relativeTime';
import { formatBytes } from '../../../../src/shared/format';

const NOW = new Date('2026-11-23T12:00:00.000Z');

describe('formatRelativeTime', () => {
  it.each([
    ['2026-11-23T11:59:58.000Z', 'just now'],
    ['2026-11-23T11:59:18.000Z', '42s ago'],
    ['2026-11-23T11:55:00.000Z', '5m ago'],
    ['2026-11-23T09:00:00.000Z', '3h ago'],
    ['2026-11-21T12:00:00.000Z', '2d ago'],
    ['2026-11-23T12:05:00.000Z', 'in 5m'],
  ])('%s -> %s', (iso, text) => {
    expect(formatRelativeTime(iso, NOW)).toBe(text);
  });
  it('says never for null and keeps what it cannot parse', () => {
    expect(formatRelativeTime(null, NOW)).toBe('never');
    expect(formatRelativeTime('garbage', NOW)).toBe('garbage');
  });
});

describe('durations and sizes', () => {
  it('formatDuration', () => {
    expect(formatDuration(null)).toBe('-');
    expect(formatDuration(3.4)).toBe('3 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(125_000)).toBe('2m 05s');
  });
  it('formatBytes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(12 * 1024 * 1024)).toBe('12 MB');
  });
  it('formatUptime', () => {
    expect(formatUptime(45)).toBe('45s');
    expect(formatUptime(3 * 3600 + 12 * 60)).toBe('3h 12m');
    expect(formatUptime(2 * 86400 + 3600)).toBe('2d 1h');
  });
});
