import { describe, expect, it } from 'vitest';
import {
  queryParams,
  errorCodeForStatus,
  readEnvelope,
  withQuery,
} from '../../src/shared/restEnvelope';

describe('REST query and envelopes', () => {
  it('builds activity query parameters, comma-joining lists and skipping empties', () => {
    const params = queryParams({
      status: ['error', 'blocked'],
      q: '',
      tool: 'echo',
      limit: 1,
      type: [],
    });
    expect(params.toString()).toBe('status=error%2Cblocked&tool=echo&limit=1');
    expect(withQuery('/api/v1/activity', new URLSearchParams())).toBe('/api/v1/activity');
  });

  it('reads success and error envelopes', () => {
    expect(readEnvelope(200, { success: true, data: [1] })).toEqual({ ok: true, data: [1] });
    expect(readEnvelope(400, { success: false, error: 'limit: expected 1-100' })).toEqual({
      ok: false,
      code: 'bad_request',
      message: 'limit: expected 1-100',
    });
  });

  it('explains non-envelope failures, including a missing api key', () => {
    const unauthorized = readEnvelope(401, '<html>');
    expect(unauthorized.ok).toBe(false);
    if (!unauthorized.ok) expect(unauthorized.code).toBe('unauthorized');
    const failed = readEnvelope(502, null);
    expect(failed).toMatchObject({ ok: false, code: 'unavailable' });
  });

  it('maps HTTP statuses to bridge error codes', () => {
    expect(errorCodeForStatus(404)).toBe('not_found');
    expect(errorCodeForStatus(409)).toBe('conflict');
    expect(errorCodeForStatus(403)).toBe('unauthorized');
    expect(errorCodeForStatus(500)).toBe('internal');
  });
});
