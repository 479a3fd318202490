/** `/api/v1/activity*`: list, detail, summary, export formats and clearing, with every bad parameter. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ActivityPage,
  ActivityRecord,
  ActivitySummary,
} from '../../../../src/shared/activity';
import type { CreatedMcpToken } from '../../../../src/shared/servers';
import { seedThirtyRecords, startApiFixture, type ApiFixture } from './support/apiFixture';

describe('activity endpoints', () => {
  let f: ApiFixture;
  let token: CreatedMcpToken;
  let records: ActivityRecord[] = [];

  beforeAll(async () => {
    f = await startApiFixture();
    token = f.core.switchboard.tokens.create('Claude Desktop');
    records = await seedThirtyRecords(f.core, token);
  });
  afterAll(async () => {
    await f?.close();
  });

  describe('GET /api/v1/activity', () => {
    it('lists newest first without bodies, in the MCPProxy envelope', async () => {
      const response = await f.api('GET', '/api/v1/activity?limit=5');
      const body = response.json<{ success: true; data: ActivityPage }>();
      expect(Object.keys(body.data).sort()).toEqual([
        'activities',
        'limit',
        'next_cursor',
        'offset',
        'total',
      ]);
      expect(body.data).toMatchObject({ total: 30, limit: 5, offset: 0 });
      expect(body.data.activities.map((row) => row.id)).toEqual(
        records
          .slice(-5)
          .reverse()
          .map((r) => r.id),
      );
      expect(body.data.activities[0]).not.toHaveProperty('arguments');
      expect(body.data.activities[0]).not.toHaveProperty('response');
      expect(body.data.next_cursor).toEqual(expect.any(String));
    });

    it('defaults to 50 and pages by offset and by cursor alike', async () => {
      expect((await f.data<ActivityPage>('GET', '/api/v1/activity')).limit).toBe(50);
      const byOffset = await f.data<ActivityPage>('GET', '/api/v1/activity?limit=7&offset=7');
      const first = await f.data<ActivityPage>('GET', '/api/v1/activity?limit=7');
      const byCursor = await f.data<ActivityPage>(
        'GET',
        `/api/v1/activity?limit=7&cursor=${first.next_cursor ?? ''}`,
      );
      expect(byCursor.activities.map((r) => r.id)).toEqual(byOffset.activities.map((r) => r.id));
      const last = await f.data<ActivityPage>('GET', '/api/v1/activity?limit=100');
      expect(last.next_cursor).toBeNull();
    });

    it.each([
      ['type=policy_decision', 3],
      ['type=tool_call,policy_decision', 30],
      ['status=error', 3],
      ['status=error,blocked', 6],
      ['status=error&status=blocked', 6],
      ['server=files', 15],
      ['tool=echo', 10],
      ['session_id=session-b', 15],
      ['token=TOKEN_ID', 10],
      ['token=Claude%20Desktop', 10],
      ['start_time=2026-11-20T12:10:00Z', 20],
      ['end_time=2026-11-20T12:10:00Z', 10],
      ['start_time=2026-11-20T12:10:00Z&end_time=2026-11-20T12:20:00%2B00:00', 10],
      ['q=needle-3', 1],
      // The last word is a prefix (SPEC 5): needle-2, needle-20 ... needle-29.
      ['q=needle-2', 11],
      ['q=needle', 30],
      ['server=files&status=success&unknown_parameter=1', 12],
    ])('filters %s', async (query, total) => {
      const resolved = query.replace('TOKEN_ID', token.id);
      expect((await f.data<ActivityPage>('GET', `/api/v1/activity?${resolved}`)).total).toBe(total);
    });

    it.each([
      ['limit=500', 'limit: expected an integer from 1 to 100, got "500"'],
      ['limit=0', 'limit: expected an integer from 1 to 100, got "0"'],
      ['offset=-3', 'offset: expected a non-negative integer, got "-3"'],
      [
        'type=foo',
        'type: expected one of tool_call, policy_decision, quarantine_change, server_change, got "foo"',
      ],
      ['status=fine', 'status: expected one of success, error, blocked, got "fine"'],
      [
        'start_time=yesterday',
        'start_time: expected an RFC 3339 time such as 2026-11-23T15:04:05Z, got "yesterday"',
      ],
      [
        'end_time=2026-02-30',
        'end_time: expected an RFC 3339 time such as 2026-11-23T15:04:05Z, got "2026-02-30"',
      ],
      [
        'cursor=garbage',
        'cursor: not a cursor from a previous page; pass next_cursor back unchanged',
      ],
      ['cursor=abc&offset=5', 'cursor: cannot be combined with offset; pass one of them'],
      [`q=${'x'.repeat(1001)}`, 'q: expected at most 1000 characters, got 1001'],
    ])('400 for %s', async (query, message) => {
      expect(await f.failure('GET', `/api/v1/activity?${query}`, 400)).toBe(message);
    });
  });

  it('GET /api/v1/activity/{id}: the full record, or 404', async () => {
    const record = records[3]!;
    const detail = await f.data<ActivityRecord>('GET', `/api/v1/activity/${record.id}`);
    expect(detail).toEqual(record);
    expect(await f.failure('GET', '/api/v1/activity/01JDQNOSUCHRECORD000000000', 404)).toBe(
      'activity record "01JDQNOSUCHRECORD000000000" not found (it may have been cleared or removed by retention)',
    );
  });

  describe('GET /api/v1/activity/summary', () => {
    it('summarises a period with the list filters', async () => {
      const summary = await f.data<ActivitySummary>(
        'GET',
        '/api/v1/activity/summary?period=30d&server=everything',
      );
      expect(summary.period).toBe('30d');
      expect(summary.total).toBeLessThanOrEqual(15);
      expect(Object.keys(summary)).toEqual(
        expect.arrayContaining([
          'period',
          'from',
          'to',
          'total',
          'by_status',
          'by_type',
          'top_servers',
          'top_tools',
          'timeline',
        ]),
      );
      expect((await f.data<ActivitySummary>('GET', '/api/v1/activity/summary')).period).toBe('24h');
    });
    it('400 for a bad period or filter', async () => {
      expect(await f.failure('GET', '/api/v1/activity/summary?period=2d', 400)).toBe(
        'period: expected one of 1h, 24h, 7d, 30d, got "2d"',
      );
      expect(await f.failure('GET', '/api/v1/activity/summary?status=nope', 400)).toMatch(
        /^status: expected one of/,
      );
    });
  });

  describe('GET /api/v1/activity/export', () => {
    it('streams CSV with a header row, a dated attachment name and filters applied', async () => {
      const response = await f.api('GET', '/api/v1/activity/export?format=csv&server=files');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="switchboard-activity-\d{4}-\d{2}-\d{2}-filtered\.csv"$/,
      );
      const lines = response.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'id,type,timestamp,server_name,tool_name,status,error_kind,error_message,duration_ms,session_id,client_name,token_name,policy_id,reason,response_truncated,request_bytes,response_bytes,seq,hash,prev_hash',
      );
      expect(lines).toHaveLength(16);
    });

    it('streams JSON Lines for json and jsonl, bodies only with include_bodies=true', async () => {
      for (const format of ['json', 'jsonl']) {
        const response = await f.api('GET', `/api/v1/activity/export?format=${format}`);
        expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
        expect(response.headers['content-disposition']).toMatch(
          /filename="switchboard-activity-\d{4}-\d{2}-\d{2}\.jsonl"$/,
        );
        const rows = response.text
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(rows.length).toBeGreaterThanOrEqual(30);
        expect(rows[0]).not.toHaveProperty('arguments');
      }
      const withBodies = await f.api(
        'GET',
        '/api/v1/activity/export?format=jsonl&include_bodies=true&q=needle-4',
      );
      expect(JSON.parse(withBodies.text.trim())).toEqual({
        ...records[4],
        seq: expect.any(Number),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        prev_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const csv = await f.api(
        'GET',
        '/api/v1/activity/export?format=csv&include_bodies=true&q=needle-4',
      );
      expect(csv.text.split('\r\n')[0]).toMatch(
        /,response_bytes,arguments,response,seq,hash,prev_hash$/,
      );
    });

    it('400 for a bad format, include_bodies or filter', async () => {
      expect(await f.failure('GET', '/api/v1/activity/export?format=xml', 400)).toBe(
        'format: expected one of json, jsonl, csv, got "xml"',
      );
      expect(await f.failure('GET', '/api/v1/activity/export?include_bodies=maybe', 400)).toBe(
        'include_bodies: expected true or false, got "maybe"',
      );
      expect(await f.failure('GET', '/api/v1/activity/export?type=x', 400)).toMatch(
        /^type: expected one of/,
      );
    });
  });

  describe('DELETE /api/v1/activity', () => {
    it('400 when neither before nor all is given, or both', async () => {
      expect(await f.failure('DELETE', '/api/v1/activity', 400)).toBe(
        'before: expected before=<RFC 3339 time> (clears records older than it) or all=true (clears everything)',
      );
      expect(
        await f.failure('DELETE', '/api/v1/activity?before=2026-11-20T12:10:00Z&all=true', 400),
      ).toBe('all: cannot be combined with before; pass one of them');
      expect(await f.failure('DELETE', '/api/v1/activity?before=last-week', 400)).toMatch(
        /^before: expected an RFC 3339 time/,
      );
    });

    it('clears before a time and records who cleared what', async () => {
      const result = await f.data<{ deleted: number }>(
        'DELETE',
        '/api/v1/activity?before=2026-11-20T12:10:00Z',
      );
      expect(result).toEqual({ deleted: 10 });
      const page = await f.data<ActivityPage>(
        'GET',
        '/api/v1/activity?type=server_change&limit=100',
      );
      const cleared = page.activities.find((row) => row.metadata.action === 'clear_log');
      expect(cleared).toMatchObject({
        type: 'server_change',
        server_name: null,
        status: 'success',
        reason: 'Activity log cleared before 2026-11-20T12:10:00.000Z (10 records) via REST',
        metadata: {
          action: 'clear_log',
          before: '2026-11-20T12:10:00.000Z',
          deleted: 10,
          via: 'rest',
        },
      });
    });

    it('clears everything with all=true, leaving only the record of the clear', async () => {
      const result = await f.data<{ deleted: number }>('DELETE', '/api/v1/activity?all=true');
      expect(result.deleted).toBeGreaterThanOrEqual(20);
      const page = await f.data<ActivityPage>('GET', '/api/v1/activity');
      expect(page.total).toBe(1);
      expect(page.activities[0]).toMatchObject({
        reason: `Activity log cleared (${result.deleted} records) via REST`,
        metadata: { all: true },
      });
    });
  });
});
