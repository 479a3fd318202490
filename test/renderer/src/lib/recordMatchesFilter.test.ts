import { describe, expect, it } from 'vitest';
import {
  matchesSearch,
  recordMatchesFilter,
  toListRow,
} from '../../../../src/renderer/src/lib/recordMatchesFilter';
import { makeRecord } from './fixtures';

describe('recordMatchesFilter', () => {
  const record = makeRecord();

  it('matches each field filter', () => {
    expect(recordMatchesFilter(record, {})).toBe(true);
    expect(recordMatchesFilter(record, { status: ['success', 'error'] })).toBe(true);
    expect(recordMatchesFilter(record, { status: ['blocked'] })).toBe(false);
    expect(recordMatchesFilter(record, { type: ['policy_decision'] })).toBe(false);
    expect(recordMatchesFilter(record, { server: 'other' })).toBe(false);
    expect(recordMatchesFilter(record, { tool: 'echo', session_id: 'session-1' })).toBe(true);
  });

  it('matches a token by id or by name', () => {
    expect(recordMatchesFilter(record, { token: 'tok_1' })).toBe(true);
    expect(recordMatchesFilter(record, { token: 'Claude Desktop' })).toBe(true);
    expect(recordMatchesFilter(record, { token: 'Cursor' })).toBe(false);
  });

  it('applies the time window: start inclusive, end exclusive', () => {
    expect(recordMatchesFilter(record, { start_time: record.timestamp })).toBe(true);
    expect(recordMatchesFilter(record, { end_time: record.timestamp })).toBe(false);
  });

  it('searches every word across tool, arguments and response', () => {
    expect(matchesSearch(record, 'ECHO hel')).toBe(true);
    expect(matchesSearch(record, 'echo missing')).toBe(false);
    expect(recordMatchesFilter(record, { q: '  ' })).toBe(true);
  });

  it('drops bodies for the list shape', () => {
    const row = toListRow(record);
    expect('arguments' in row).toBe(false);
    expect('response' in row).toBe(false);
    expect(row.id).toBe(record.id);
  });
});
