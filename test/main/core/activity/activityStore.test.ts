import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActivityQueryError,
  createActivityStore,
  createRecordQueue,
} from '../../../../src/main/core/activity';
import type { ActivityStore } from '../../../../src/main/core/activity';
import { createActivityEventBus } from '../../../../src/main/core/events';
import type {
  ActivityFilter,
  ActivityListRow,
  ActivityRecord,
} from '../../../../src/shared/activity';
import {
  databaseWith,
  DEFAULT_SETTINGS,
  makeRecord,
  tempDatabase,
  type TempDatabase,
} from './activityFixtures';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const SERVERS = ['github', 'filesystem', 'memory'] as const;
const TOOLS = ['search', 'read_file', 'create_entities', 'delete_repo'] as const;
const TOKENS = [
  { token_id: 'tok-a', token_name: 'Claude Desktop' },
  { token_id: 'tok-b', token_name: 'Cursor' },
  { token_id: 'tok-c', token_name: 'tok-a' }, // a name equal to another token's id
] as const;

let temp: TempDatabase;
let store: ActivityStore;
const all: ActivityRecord[] = [];

function recordAt(i: number): ActivityRecord {
  const status = i % 11 === 0 ? 'blocked' : i % 7 === 0 ? 'error' : 'success';
  const token = TOKENS[i % 3] ?? TOKENS[0];
  return makeRecord(
    {
      type: status === 'blocked' ? 'policy_decision' : i % 50 === 0 ? 'server_change' : 'tool_call',
      server_name: SERVERS[i % 3] ?? null,
      tool_name: TOOLS[i % 4] ?? null,
      status,
      error_kind: status === 'error' ? 'tool_error' : null,
      error_message: status === 'error' ? `failure number ${i}` : null,
      policy_id: status === 'blocked' ? 'no-deletes' : null,
      reason: status === 'blocked' ? 'Deletions need a human' : null,
      duration_ms: (i * 37) % 500,
      session_id: `session-${i % 5}`,
      ...token,
      arguments: { query: i % 10 === 0 ? `kubernetes pod ${i}` : `ordinary words ${i}` },
      response:
        i % 13 === 0
          ? 'Résumé (draft) "quoted" AND text -dash *star* 日本語テキスト'
          : `result ${i}`,
    },
    // 400 records over the last ~3 hours, a few sharing one millisecond.
    NOW - 3 * 3600_000 + Math.floor(i / 2) * 54_000,
  );
}

beforeAll(async () => {
  for (let i = 0; i < 400; i++) all.push(recordAt(i));
  temp = await databaseWith(all);
  store = createActivityStore(temp.db, { path: temp.file });
});
afterAll(() => temp.cleanup());

/** The reference answer: filter and sort in memory. */
function expected(predicate: (r: ActivityRecord) => boolean): string[] {
  return all
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => predicate(r))
    .sort((a, b) => Date.parse(b.r.timestamp) - Date.parse(a.r.timestamp) || b.i - a.i)
    .map(({ r }) => r.id);
}

function everyPage(
  filter: ActivityFilter,
  limit: number,
  by: 'cursor' | 'offset',
): ActivityListRow[] {
  const rows: ActivityListRow[] = [];
  let cursor: string | undefined;
  for (let offset = 0; ; offset += limit) {
    const page = store.list(
      by === 'cursor' ? { ...filter, limit, cursor } : { ...filter, limit, offset },
    );
    rows.push(...page.activities);
    if (page.next_cursor === null) return rows;
    cursor = page.next_cursor;
  }
}

describe('activity store list', () => {
  const cases: [string, ActivityFilter, (r: ActivityRecord) => boolean][] = [
    ['everything', {}, () => true],
    ['type', { type: ['policy_decision'] }, (r) => r.type === 'policy_decision'],
    ['types', { type: ['policy_decision', 'server_change'] }, (r) => r.type !== 'tool_call'],
    ['server', { server: 'github' }, (r) => r.server_name === 'github'],
    ['tool', { tool: 'search' }, (r) => r.tool_name === 'search'],
    [
      'server and tool',
      { server: 'memory', tool: 'read_file' },
      (r) => r.server_name === 'memory' && r.tool_name === 'read_file',
    ],
    [
      'server and statuses',
      { server: 'github', status: ['error', 'blocked'] },
      (r) => r.server_name === 'github' && r.status !== 'success',
    ],
    [
      'server and type',
      { server: 'memory', type: ['policy_decision'] },
      (r) => r.server_name === 'memory' && r.type === 'policy_decision',
    ],
    ['session', { session_id: 'session-3' }, (r) => r.session_id === 'session-3'],
    ['status', { status: ['error'] }, (r) => r.status === 'error'],
    ['statuses', { status: ['error', 'blocked'] }, (r) => r.status !== 'success'],
    ['token id', { token: 'tok-b' }, (r) => r.token_id === 'tok-b'],
    ['token name', { token: 'Cursor' }, (r) => r.token_name === 'Cursor'],
    [
      'token id or name',
      { token: 'tok-a' },
      (r) => r.token_id === 'tok-a' || r.token_name === 'tok-a',
    ],
    [
      'time range',
      {
        start_time: new Date(NOW - 2 * 3600_000).toISOString(),
        end_time: new Date(NOW - 3600_000).toISOString(),
      },
      (r) =>
        Date.parse(r.timestamp) >= NOW - 2 * 3600_000 && Date.parse(r.timestamp) < NOW - 3600_000,
    ],
    ['full text', { q: 'kubernetes' }, (r) => JSON.stringify(r.arguments).includes('kubernetes')],
    ['full text prefix', { q: 'kube' }, (r) => JSON.stringify(r.arguments).includes('kubernetes')],
    [
      'full text with a filter',
      { q: 'failure', server: 'github' },
      (r) => r.server_name === 'github' && r.status === 'error',
    ],
  ];

  it.each(cases)(
    'filters by %s, and cursor and offset paging agree',
    (_name, filter, predicate) => {
      const want = expected(predicate);
      expect(want.length).toBeGreaterThan(0);
      const first = store.list({ ...filter });
      expect(first.total).toBe(want.length);
      expect(first.limit).toBe(50);
      expect(store.count(filter)).toBe(want.length);
      expect(everyPage(filter, 7, 'cursor').map((r) => r.id)).toEqual(want);
      expect(everyPage(filter, 7, 'offset').map((r) => r.id)).toEqual(want);
    },
  );

  it('list rows omit arguments and response; get returns the full record', () => {
    const page = store.list({ limit: 1 });
    const row = page.activities[0];
    expect(row).toBeDefined();
    expect(row).not.toHaveProperty('arguments');
    expect(row).not.toHaveProperty('response');
    const record = store.get(row?.id ?? '');
    const original = all.find((r) => r.id === row?.id);
    expect(record).toEqual(original);
    expect(store.get('01NOPE')).toBeNull();
  });

  it('next_cursor is null on the last page', () => {
    expect(store.list({ limit: 100, offset: 350 }).next_cursor).toBeNull();
    expect(store.list({ limit: 100, offset: 200 }).next_cursor).not.toBeNull();
  });

  it('rejects bad paging values with an error naming the parameter', () => {
    expect(() => store.list({ limit: 0 })).toThrow(ActivityQueryError);
    expect(() => store.list({ limit: 101 })).toThrow(
      /^limit: expected an integer from 1 to 100, got 101/,
    );
    expect(() => store.list({ offset: -1 })).toThrow(/^offset:/);
    expect(() => store.list({ cursor: 'garbage!' })).toThrow(
      /^cursor: not a cursor from a previous page/,
    );
    expect(() => store.list({ start_time: 'last tuesday' })).toThrow(
      /^start_time: expected an RFC 3339 date-time/,
    );
  });
});

describe('full-text escaping', () => {
  it.each([
    '"quoted"',
    'AND',
    'text AND',
    'OR NOT',
    '*star*',
    '-dash',
    '(draft)',
    'résumé',
    'resume',
    '日本語テキスト',
    'NEAR(a b)',
    'col:value',
    '^start',
    '"',
    '***',
    '',
    "it's",
  ])('%j is never a syntax error', (q) => {
    expect(() => store.list({ q })).not.toThrow();
  });

  it('pages full-text matches the same way whichever side drives the query', () => {
    const walking = createActivityStore(temp.db, { fullTextDriverMax: 0 });
    for (const q of ['ordinary', 'kube', 'result 1', 'failure']) {
      for (const filter of [{ q }, { q, server: 'github' }, { q, status: ['error' as const] }]) {
        const want = everyPage(filter, 9, 'cursor').map((r) => r.id);
        const got: string[] = [];
        let cursor: string | undefined;
        for (;;) {
          const page = walking.list({ ...filter, limit: 9, cursor });
          got.push(...page.activities.map((r) => r.id));
          expect(page.total).toBe(want.length);
          if (page.next_cursor === null) break;
          cursor = page.next_cursor;
        }
        expect(got).toEqual(want);
      }
    }
  });

  it('matches every word, the last as a prefix, across punctuation and diacritics', () => {
    const special = expected((r) => r.response?.startsWith('Résumé') === true).length;
    expect(store.list({ q: '"quoted" AND' }).total).toBe(special);
    expect(store.list({ q: 'resume draft' }).total).toBe(special);
    expect(store.list({ q: '(draft) -dash *sta' }).total).toBe(special);
    expect(store.list({ q: '日本語テキスト' }).total).toBe(special);
    expect(store.list({ q: 'draft nonexistentword' }).total).toBe(0);
    expect(store.list({ q: 'kube pod' }).total).toBe(0); // only the last word is a prefix
  });

  it('a query with no searchable word (emoji, punctuation) matches nothing; blank is no search', () => {
    const all = store.list({}).total;
    expect(all).toBeGreaterThan(0);
    for (const q of ['🚀', '—', '*', '"', '***', '-- ::']) {
      expect(store.list({ q }).total).toBe(0);
      expect(store.summary('30d', { q }).total).toBe(0);
    }
    for (const q of ['', '   ']) expect(store.list({ q }).total).toBe(all);
  });
});

describe('summary', () => {
  it('agrees with list for the same filters', () => {
    const now = new Date(NOW);
    const filters: ActivityFilter[] = [
      {},
      { server: 'github' },
      { status: ['error', 'blocked'] },
      { q: 'ordinary' },
      { token: 'Cursor' },
      { type: ['tool_call'], start_time: new Date(NOW - 2 * 3600_000).toISOString() },
    ];
    const periods = ['1h', '24h', '7d', '30d'] as const;
    for (const [period, filter] of periods.flatMap((p) => filters.map((f) => [p, f] as const))) {
      const summary = store.summary(period, filter, now);
      const start = [summary.from, filter.start_time ?? summary.from].sort().pop();
      const listed = store.list({ ...filter, start_time: start, end_time: summary.to });
      expect(summary.total).toBe(listed.total);
      const timelineTotal = summary.timeline.reduce(
        (n, b) => n + b.success + b.error + b.blocked,
        0,
      );
      expect(timelineTotal).toBe(summary.total);
      expect(summary.by_status.success + summary.by_status.error + summary.by_status.blocked).toBe(
        summary.total,
      );
      expect(Object.values(summary.by_type).reduce((a, b) => a + b, 0)).toBe(summary.total);
    }
  });

  it('uses period windows and buckets: 1 min for 1h, 1 h for 24h, 6 h for 30d', () => {
    const now = new Date(NOW);
    const hour = store.summary('1h', {}, now);
    expect(hour.bucket_ms).toBe(60_000);
    expect(hour.timeline).toHaveLength(60);
    expect(hour.from).toBe('2026-11-23T11:00:00.000Z');
    expect(hour.to).toBe('2026-11-23T12:00:00.000Z');
    expect(store.summary('24h', {}, now).bucket_ms).toBe(3600_000);
    expect(store.summary('7d', {}, now).timeline).toHaveLength(168);
    const month = store.summary('30d', {}, now);
    expect(month.bucket_ms).toBe(6 * 3600_000);
    expect(month.total).toBe(store.list({ end_time: month.to }).total);
  });

  it('computes top servers, top tools and nearest-rank latency percentiles', () => {
    const summary = store.summary('24h', {}, new Date(NOW));
    const inWindow = all.filter((r) => Date.parse(r.timestamp) >= NOW - 24 * 3600_000);
    const serverCounts = new Map<string, number>();
    for (const r of inWindow)
      serverCounts.set(r.server_name ?? '', (serverCounts.get(r.server_name ?? '') ?? 0) + 1);
    for (const s of summary.top_servers)
      expect(s.count).toBe(serverCounts.get(s.server_name ?? ''));
    const top = summary.top_tools[0];
    expect(top).toBeDefined();
    const durations = inWindow
      .filter((r) => r.server_name === top?.server_name && r.tool_name === top?.tool_name)
      .map((r) => r.duration_ms ?? 0)
      .sort((a, b) => a - b);
    const rank = (p: number) => durations[Math.max(1, Math.ceil((p / 100) * durations.length)) - 1];
    expect(top?.count).toBe(durations.length);
    expect(top?.p50_ms).toBe(rank(50));
    expect(top?.p95_ms).toBe(rank(95));
    expect(top?.p99_ms).toBe(rank(99));
    const blocked = summary.top_tools.reduce((n, t) => n + t.blocked_count, 0);
    expect(blocked).toBeLessThanOrEqual(summary.by_status.blocked);
  });
});

describe('replay, audit, iterate', () => {
  it('committedSince returns records after a seq, oldest first', () => {
    const latest = store.latestSeq();
    const tail = store.committedSince(latest - 3, 10);
    expect(tail.map((s) => s.seq)).toEqual([latest - 2, latest - 1, latest]);
    expect(tail[2]?.record.id).toBe(all[all.length - 1]?.id);
  });

  it('iterate yields every matching record newest first, with bodies', () => {
    const ids = [...store.iterate({ server: 'memory' }, 9)].map((r) => r.id);
    expect(ids).toEqual(expected((r) => r.server_name === 'memory'));
    const first = store.iterate({}, 5).next();
    expect(first.done).toBe(false);
    expect(first.value?.arguments).not.toBeNull();
  });

  it('audit gives PodWarden entries for tool calls and policy decisions', () => {
    const entries = store.audit({ limit: 1000 });
    const calls = all.filter((r) => r.type === 'tool_call' || r.type === 'policy_decision').length;
    expect(entries).toHaveLength(Math.min(calls, 500));
    const blocked = all.find((r) => r.status === 'blocked');
    const entry = store
      .audit({ tokenId: blocked?.token_id ?? '', limit: 500 })
      .find((e) => e.id === blocked?.id);
    expect(entry).toEqual({
      id: blocked?.id,
      token_name: blocked?.token_name,
      method: 'TOOL',
      path: `/mcp/tool/${blocked?.server_name}__${blocked?.tool_name}`,
      status_code: 403,
      created_at: blocked?.timestamp,
    });
    expect(
      store.audit({ tokenId: 'tok-b', limit: 3 }).every((e) => e.token_name === 'Cursor'),
    ).toBe(true);
    const statuses = new Set(store.audit({ limit: 500 }).map((e) => e.status_code));
    expect([...statuses].sort()).toEqual([200, 403, 500]);
  });

  it('stats report records, size and path', () => {
    expect(store.stats()).toEqual({
      records: 400,
      size_bytes: expect.any(Number),
      path: temp.file,
    });
  });
});

describe('clear', () => {
  it('clears before a time in chunks, then everything, never reusing seqs', async () => {
    const local = tempDatabase();
    try {
      const queue = createRecordQueue({
        db: local.db,
        bus: createActivityEventBus(),
        settings: () => DEFAULT_SETTINGS,
      });
      for (let i = 0; i < 5000; i++) queue.enqueue(makeRecord({}, NOW - (5000 - i) * 1000));
      await queue.flush();
      const s = createActivityStore(local.db);
      const cutoff = new Date(NOW - 2000 * 1000).toISOString();
      expect(s.clear({ before: cutoff })).toBe(3000);
      expect(s.count({})).toBe(2000);
      expect(s.list({ end_time: cutoff }).total).toBe(0);
      expect(() => s.clear({ before: 'soon' })).toThrow(/^before: expected an RFC 3339/);
      const latest = s.latestSeq();
      expect(s.clear({ all: true })).toBe(2000);
      expect(s.count({})).toBe(0);
      expect(s.list({ q: 'hello' }).total).toBe(0);
      queue.enqueue(makeRecord());
      await queue.close();
      expect(s.committedSince(latest, 10)[0]?.seq).toBe(latest + 1);
    } finally {
      local.cleanup();
    }
  });
});
