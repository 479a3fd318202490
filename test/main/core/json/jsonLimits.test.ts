import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth, jsonDepth, MAX_JSON_DEPTH } from '../../../../src/main/core/json';

/** `[[[…]]]` nested `depth` levels, parsed from text so no recursion builds it. */
function nested(depth: number): unknown {
  return JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
}

describe('jsonDepth', () => {
  it('counts scalars as 0 and each object or array level as 1', () => {
    expect(jsonDepth('x')).toBe(0);
    expect(jsonDepth(null)).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ a: [1, { b: 2 }] })).toBe(3);
  });

  it('accepts exactly the limit and refuses one level more', () => {
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH + 1))).toBe(true);
  });

  it('walks 100,000 levels without overflowing the stack, stopping past the limit', () => {
    expect(jsonDepth(nested(100_000))).toBe(MAX_JSON_DEPTH + 1);
  });
});
