import { decodeTime, isValid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { newCallId } from '../../../../src/main/core/gateway/callId';

describe('newCallId', () => {
  it('makes valid ULIDs that carry the call start time', () => {
    const now = Date.UTC(2026, 10, 23, 15, 0, 0, 123);
    const id = newCallId(now);
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(isValid(id)).toBe(true);
    expect(decodeTime(id)).toBe(now);
  });

  it('does not repeat across many ids (pool refills included)', () => {
    const ids = new Set(Array.from({ length: 20_000 }, () => newCallId()));
    expect(ids.size).toBe(20_000);
  });
});
