import { describe, expect, it } from 'vitest';
import {
  filterFromParams,
  filterToParams,
  isEmptyFilter,
  sameFilter,
} from '../../../../src/renderer/src/lib/activityFilterUrl';

describe('activity filter <-> URL', () => {
  it('round-trips every field', () => {
    const filter = {
      type: ['tool_call' as const, 'policy_decision' as const],
      status: ['blocked' as const],
      server: 'everything',
      tool: 'echo',
      session_id: 's-1',
      token: 'Claude Desktop',
      start_time: '2026-11-23T14:00:00.000Z',
      end_time: '2026-11-23T15:00:00.000Z',
      q: 'read file',
    };
    const params = filterToParams(filter);
    expect(params.get('type')).toBe('tool_call,policy_decision');
    expect(filterFromParams(new URLSearchParams(params.toString()))).toEqual(filter);
  });

  it('drops unknown types and statuses and empty values', () => {
    const filter = filterFromParams(
      new URLSearchParams('type=bogus,tool_call&status=nope&q=&server=a'),
    );
    expect(filter).toEqual({ type: ['tool_call'], server: 'a' });
    expect(filterFromParams(new URLSearchParams('status=nope'))).toEqual({});
  });

  it('compares filters by meaning', () => {
    expect(sameFilter({ q: '' }, {})).toBe(true);
    expect(sameFilter({ status: [] }, {})).toBe(true);
    expect(sameFilter({ q: 'a' }, { q: 'b' })).toBe(false);
    expect(isEmptyFilter({ type: [] })).toBe(true);
    expect(isEmptyFilter({ tool: 'x' })).toBe(false);
  });
});
