import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDuration,
  formatRate,
  toolLabel,
} from '../../../../src/renderer/src/lib/format';
import { formatBytes } from '../../../../src/shared/format';

describe('format', () => {
  it('formats durations for a dense column', () => {
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(0.2)).toBe('<1 ms');
    expect(formatDuration(42.4)).toBe('42 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2m 5s');
  });

  it('formats bytes, counts and rates', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MB');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatRate(1, 8)).toBe('13%');
    expect(formatRate(1, 200)).toBe('0.5%');
    expect(formatRate(0, 0)).toBe('–');
  });

  it('joins server and tool the way the proxy exposes them', () => {
    expect(toolLabel('everything', 'echo')).toBe('everything__echo');
    expect(toolLabel('everything', null)).toBe('everything');
    expect(toolLabel(null, null)).toBe('–');
  });
});
