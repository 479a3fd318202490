import { describe, expect, it } from 'vitest';
import {
  parseActivityFilter,
  parseActivityQuery,
  parseAuditLimit,
  parseClearScope,
  parseExportParams,
  parseLastEventId,
  parseRfc3339,
  parseSummaryPeriod,
} from '../../../../src/main/core/http/activityQuery';

const params = (query: string): URLSearchParams => new URLSearchParams(query);

describe('parseActivityQuery', () => {
  it('defaults to limit 50, offset 0 and no filters', () => {
    expect(parseActivityQuery(params(''))).toEqual({ limit: 50, offset: 0 });
  });

  it('reads every filter', () => {
    const query = parseActivityQuery(
      params(
        'type=tool_call,policy_decision&status=error&status=blocked&server=everything&tool=echo&session_id=s1' +
          '&token=Claude%20Desktop&start_time=2026-11-23T10:00:00Z&end_time=2026-11-23T12:00:00.5%2B01:00&q=hello%20wor' +
          '&limit=100&offset=20',
      ),
    );
    expect(query).toEqual({
      type: ['tool_call', 'policy_decision'],
      status: ['error', 'blocked'],
      server: 'everything',
      tool: 'echo',
      session_id: 's1',
      token: 'Claude Desktop',
      start_time: '2026-11-23T10:00:00.000Z',
      end_time: '2026-11-23T11:00:00.500Z',
      q: 'hello wor',
      limit: 100,
      offset: 20,
    });
  });

  it('passes a cursor through and ignores unknown parameters', () => {
    expect(parseActivityQuery(params('cursor=abc&foo=bar&apikey=k'))).toEqual({
      limit: 50,
      offset: 0,
      cursor: 'abc',
    });
  });

  it('takes one sort order; the default one is left out', () => {
    expect(parseActivityQuery(params('sort=duration_desc'))).toEqual({
      limit: 50,
      offset: 0,
      sort: 'duration_desc',
    });
    expect(parseActivityQuery(params('sort=time_desc'))).toEqual({ limit: 50, offset: 0 });
  });

  it('treats empty values as absent and removes duplicates from lists', () => {
    expect(parseActivityQuery(params('server=&type=tool_call,tool_call&q='))).toEqual({
      limit: 50,
      offset: 0,
      type: ['tool_call'],
    });
  });

  it.each([
    ['limit=500', 'limit: expected an integer from 1 to 100, got "500"'],
    ['limit=0', 'limit: expected an integer from 1 to 100, got "0"'],
    ['limit=1.5', 'limit: expected an integer from 1 to 100, got "1.5"'],
    ['limit=ten', 'limit: expected an integer from 1 to 100, got "ten"'],
    ['limit=1e309', 'limit: expected an integer from 1 to 100, got "1e309"'],
    ['offset=-1', 'offset: expected a non-negative integer, got "-1"'],
    [
      'type=foo',
      'type: expected one of tool_call, policy_decision, quarantine_change, server_change, got "foo"',
    ],
    [
      'type=tool_call,foo',
      'type: expected one of tool_call, policy_decision, quarantine_change, server_change, got "foo"',
    ],
    ['status=ok', 'status: expected one of success, error, blocked, got "ok"'],
    [
      'start_time=yesterday',
      'start_time: expected an RFC 3339 time such as 2026-11-23T15:04:05Z, got "yesterday"',
    ],
    [
      'end_time=2026-13-45T99:99:99Z',
      'end_time: expected an RFC 3339 time such as 2026-11-23T15:04:05Z, got "2026-13-45T99:99:99Z"',
    ],
    [
      'start_time=2026-11-23',
      'start_time: expected an RFC 3339 time such as 2026-11-23T15:04:05Z, got "2026-11-23"',
    ],
    [
      'start_time=2026-11-23T12:00:00Z&end_time=2026-11-23T10:00:00Z',
      'start_time: must be earlier than end_time, got 2026-11-23T12:00:00.000Z and 2026-11-23T10:00:00.000Z',
    ],
    [`q=${'x'.repeat(1001)}`, 'q: expected at most 1000 characters, got 1001'],
    ['cursor=abc&offset=10', 'cursor: cannot be combined with offset; pass one of them'],
    [
      'sort=slowest',
      'sort: expected one of time_desc, time_asc, duration_desc, duration_asc, got "slowest"',
    ],
    ['sort=time_asc,duration_asc', 'sort: expected one order, got time_asc, duration_asc'],
  ])('refuses %s', (query, message) => {
    expect(() => parseActivityQuery(params(query))).toThrow(message);
  });

  it('names the parameter on the error', () => {
    try {
      parseActivityQuery(params('limit=500'));
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ name: 'QueryParamError', param: 'limit' });
    }
  });
});

describe('parseRfc3339', () => {
  it('normalises offsets, lower-case t/z and nanoseconds to UTC milliseconds', () => {
    expect(parseRfc3339('t', '2026-11-23t15:04:05.123456789z')).toBe('2026-11-23T15:04:05.123Z');
    expect(parseRfc3339('t', '2026-11-23T15:04:05-02:30')).toBe('2026-11-23T17:34:05.000Z');
  });
});

describe('parseActivityFilter', () => {
  it('has no paging keys', () => {
    expect(parseActivityFilter(params('limit=5&offset=3&server=a'))).toEqual({ server: 'a' });
  });
});

describe('parseSummaryPeriod', () => {
  it('accepts the four periods and defaults to 24h', () => {
    expect(parseSummaryPeriod(params(''))).toBe('24h');
    for (const period of ['1h', '24h', '7d', '30d'])
      expect(parseSummaryPeriod(params(`period=${period}`))).toBe(period);
  });
  it('refuses others', () => {
    expect(() => parseSummaryPeriod(params('period=2d'))).toThrow(
      'period: expected one of 1h, 24h, 7d, 30d, got "2d"',
    );
  });
});

describe('parseExportParams', () => {
  it('maps json and jsonl to JSON Lines, csv to CSV, and defaults to JSON Lines without bodies', () => {
    expect(parseExportParams(params('format=json')).format).toBe('jsonl');
    expect(parseExportParams(params('format=jsonl')).format).toBe('jsonl');
    expect(parseExportParams(params('format=csv&include_bodies=true&server=a'))).toEqual({
      format: 'csv',
      include_bodies: true,
      filter: { server: 'a' },
    });
    expect(parseExportParams(params(''))).toEqual({
      format: 'jsonl',
      include_bodies: false,
      filter: {},
    });
  });
  it('refuses a bad format or include_bodies', () => {
    expect(() => parseExportParams(params('format=xml'))).toThrow(
      'format: expected one of json, jsonl, csv, got "xml"',
    );
    expect(() => parseExportParams(params('include_bodies=yes'))).toThrow(
      'include_bodies: expected true or false, got "yes"',
    );
  });
});

describe('parseClearScope', () => {
  it('reads before or all', () => {
    expect(parseClearScope(params('before=2026-11-23T00:00:00Z'))).toEqual({
      before: '2026-11-23T00:00:00.000Z',
    });
    expect(parseClearScope(params('all=true'))).toEqual({ all: true });
  });
  it('refuses neither, both, all=false and a bad time', () => {
    expect(() => parseClearScope(params(''))).toThrow(
      /before: expected before=<RFC 3339 time>.* or all=true/,
    );
    expect(() => parseClearScope(params('all=false'))).toThrow(/before: expected/);
    expect(() => parseClearScope(params('all=true&before=2026-11-23T00:00:00Z'))).toThrow(
      'all: cannot be combined with before',
    );
    expect(() => parseClearScope(params('before=today'))).toThrow(
      /before: expected an RFC 3339 time/,
    );
  });
});

describe('parseAuditLimit', () => {
  it('defaults to 100 and cuts values over 500 to 500', () => {
    expect(parseAuditLimit(params(''))).toBe(100);
    expect(parseAuditLimit(params('limit=7'))).toBe(7);
    expect(parseAuditLimit(params('limit=100000'))).toBe(500);
  });
  it('refuses non-integers and zero', () => {
    expect(() => parseAuditLimit(params('limit=abc'))).toThrow(
      'limit: expected an integer of at least 1, got "abc"',
    );
    expect(() => parseAuditLimit(params('limit=0'))).toThrow(
      'limit: expected an integer of at least 1, got "0"',
    );
  });
});

describe('parseLastEventId', () => {
  it('reads a sequence or nothing', () => {
    expect(parseLastEventId(undefined)).toBeUndefined();
    expect(parseLastEventId('')).toBeUndefined();
    expect(parseLastEventId(' 42 ')).toBe(42);
  });
  it('refuses anything else, naming the header or parameter', () => {
    expect(() => parseLastEventId('abc', 'Last-Event-ID')).toThrow(
      'Last-Event-ID: expected a non-negative integer (an SSE id), got "abc"',
    );
    expect(() => parseLastEventId('-1')).toThrow(/^last_event_id:/);
  });
});
