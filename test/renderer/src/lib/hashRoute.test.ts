import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from '../../../../src/renderer/src/lib/hashRoute';

describe('hash routes', () => {
  it('parses the view and its query', () => {
    const route = parseHash('#/summary?period=7d');
    expect(route.view).toBe('summary');
    expect(route.params.get('period')).toBe('7d');
  });

  it('falls back to Activity for an empty or unknown hash', () => {
    expect(parseHash('').view).toBe('activity');
    expect(parseHash('#/nowhere').view).toBe('activity');
  });

  it('formats a hash that parses back', () => {
    const hash = formatHash('activity', new URLSearchParams({ q: 'a b' }));
    expect(hash).toBe('#/activity?q=a+b');
    expect(parseHash(hash).params.get('q')).toBe('a b');
    expect(formatHash('tokens')).toBe('#/tokens');
  });
});
