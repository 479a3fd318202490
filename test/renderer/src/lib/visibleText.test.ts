import { describe, expect, it } from 'vitest';
import { sliceWhole, visibleRuns, visibleText } from '../../../../src/renderer/src/lib/visibleText';

describe('visibleText', () => {
  it('shows bidi overrides, isolates and marks as escapes', () => {
    expect(visibleText('invoice\u202Egnp.exe')).toBe('invoice\\u202Egnp.exe');
    expect(visibleText('a\u2066b\u2069\u200Fc\u061C')).toBe('a\\u2066b\\u2069\\u200Fc\\u061C');
  });

  it('shows controls, zero-width characters, BOM and tag characters', () => {
    expect(visibleText('bell\u0007 nul\u0000 del\u007F c1\u0085')).toBe(
      'bell\\u0007 nul\\u0000 del\\u007F c1\\u0085',
    );
    expect(visibleText('zero\u200Bwidth\u200D\uFEFF\u00AD')).toBe(
      'zero\\u200Bwidth\\u200D\\uFEFF\\u00AD',
    );
    expect(visibleText('hidden\u{E0041}\u{E0042}')).toBe('hidden\\u{E0041}\\u{E0042}');
  });

  it('escapes newlines and tabs in one-line text, keeps them in multi-line text', () => {
    expect(visibleText('a\nb\tc\rd')).toBe('a\\nb\\tc\\rd');
    expect(visibleText('a\nb\tc\rd', true)).toBe('a\nb\tc\\rd');
  });

  it('leaves ordinary text, right-to-left letters and emoji alone', () => {
    for (const text of ['plain', 'שלום עולם', 'مرحبا', '🚀 launch 👍🏽', 'é', '日本語']) {
      expect(visibleRuns(text)).toEqual([{ text, escaped: false }]);
    }
  });

  it('marks which runs are escapes', () => {
    expect(visibleRuns('a\u202Eb')).toEqual([
      { text: 'a', escaped: false },
      { text: '\\u202E', escaped: true },
      { text: 'b', escaped: false },
    ]);
  });

  it('cuts without splitting a surrogate pair', () => {
    expect(sliceWhole('ab🚀c', 3)).toBe('ab🚀');
    expect(sliceWhole('abc', 5)).toBe('abc');
  });
});
