import { describe, expect, it } from 'vitest';
import { isoTimeFormatter } from '../../../../src/main/core/activity/isoTime';

describe('isoTimeFormatter', () => {
  it('writes what Date.toISOString writes, in and out of order', () => {
    const iso = isoTimeFormatter();
    const times = [
      1_795_456_753_349, 1_795_456_753_349, 1_795_456_740_000, 1_795_456_799_999, 0, 1, 59_999,
      60_000, 253_402_300_799_999,
    ];
    for (let ms = 1_795_456_753_349; ms > 1_795_456_000_000; ms -= 997) times.push(ms);
    for (const ms of times) expect(iso(ms)).toBe(new Date(ms).toISOString());
  });

  it('falls back to Date for times outside 1970-9999 and fractional milliseconds', () => {
    const iso = isoTimeFormatter();
    for (const ms of [-1, -62_198_755_200_001, 253_402_300_800_000, 1.5]) {
      expect(iso(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
