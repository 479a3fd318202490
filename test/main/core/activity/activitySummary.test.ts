import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivityStore } from '../../../../src/main/core/activity';
import type { ActivityStore } from '../../../../src/main/core/activity';
import { SUMMARY_WINDOWS } from '../../../../src/main/core/activity/activitySummary';
import { createStatementCache } from '../../../../src/main/core/activity/statementCache';
import {
  countGroups,
  listGroups,
  MAX_GROUPS,
} from '../../../../src/main/core/activity/summaryGroupCounts';
import type {
  ActivityFilter,
  ActivityRecord,
  ActivitySummary,
  SummaryPeriod,
} from '../../../../src/shared/activity';
import { databaseWith, makeRecord, type TempDatabase } from './activityFixtures';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const DAY = 24 * 3600_000;

/** The reference answer, computed in memory from the records (nearest-rank percentiles). */
function reference(
  records: readonly ActivityRecord[],
  period: SummaryPeriod,
  filter: ActivityFilter,
  matches: (r: ActivityRecord) => boolean,
) {
  const { periodMs, bucketMs } = SUMMARY_WINDOWS[period];
  const from = Math.max(NOW - periodMs, filter.start_time ? Date.parse(filter.start_time) : 0);
  const to = Math.min(NOW, filter.end_time ? Date.parse(filter.end_time) : Infinity);
  const first = Math.floor((NOW - periodMs) / bucketMs) * bucketMs;
  const inWindow = records.filter((r) => {
    const ts = Date.parse(r.timestamp);
    return ts >= from && ts < to && matches(r);
  });
  const timeline = new Map<number, { success: number; error: number; blocked: number }>();
  const tools = new Map<string, { count: number; errors: number; blocked: number; ms: number[] }>();
  for (const r of inWindow) {
    const bucket = Math.floor((Date.parse(r.timestamp) - first) / bucketMs);
    const slot = timeline.get(bucket) ?? { success: 0, error: 0, blocked: 0 };
    slot[r.status]++;
    timeline.set(bucket, slot);
    if (r.tool_name === null) continue;
    const key = `${r.server_name}/${r.tool_name}`;
    const tool = tools.get(key) ?? { count: 0, errors: 0, blocked: 0, ms: [] };
    tool.count++;
    if (r.status === 'error') tool.errors++;
    if (r.status === 'blocked') tool.blocked++;
    if (r.duration_ms !== null) tool.ms.push(r.duration_ms);
    tools.set(key, tool);
  }
  const rank = (ms: number[], p: number) =>
    ms.length === 0 ? null : (ms[Math.max(1, Math.ceil((p / 100) * ms.length)) - 1] ?? null);
  return {
    total: inWindow.length,
    timeline,
    tools: new Map(
      [...tools].map(([key, t]) => {
        const ms = t.ms.sort((a, b) => a - b);
        return [
          key,
          {
            count: t.count,
            error_count: t.errors,
            blocked_count: t.blocked,
            p50_ms: rank(ms, 50),
            p95_ms: rank(ms, 95),
            p99_ms: rank(ms, 99),
          },
        ];
      }),
    ),
  };
}

function expectMatchesReference(
  summary: ActivitySummary,
  expected: ReturnType<typeof reference>,
): void {
  expect(summary.total).toBe(expected.total);
  summary.timeline.forEach((bucket, i) => {
    const { success = 0, error = 0, blocked = 0 } = expected.timeline.get(i) ?? {};
    expect({ i, ...bucket }).toEqual({ i, start: bucket.start, success, error, blocked });
  });
  const counts = [...expected.tools.values()].map((t) => t.count).sort((a, b) => b - a);
  expect(summary.top_tools.map((t) => t.count)).toEqual(counts.slice(0, 10));
  for (const { server_name, tool_name, ...stats } of summary.top_tools)
    expect(stats).toEqual(expected.tools.get(`${server_name}/${tool_name}`));
}

describe('summary against an in-memory reference', () => {
  let temp: TempDatabase;
  let store: ActivityStore;
  const records: ActivityRecord[] = [];

  beforeAll(async () => {
    // 40 days (older than any window, so windows are a part of the log), servers and tools that
    // are sometimes null, durations that are sometimes null and often tie.
    for (let i = 0; i < 3000; i++) {
      const status = i % 13 === 0 ? 'blocked' : i % 7 === 0 ? 'error' : 'success';
      const record = makeRecord(
        {
          type:
            status === 'blocked' ? 'policy_decision' : i % 97 === 0 ? 'server_change' : 'tool_call',
          status,
          server_name: i % 89 === 0 ? null : (['github', 'memory', 'fs'][i % 3] ?? null),
          tool_name: i % 97 === 0 ? null : `tool${i % 5}`,
          duration_ms: i % 31 === 0 ? null : ((i * 7919) % 400) / 4,
          token_name: i % 2 === 0 ? 'Cursor' : 'Claude',
        },
        NOW - 40 * DAY + Math.floor((i * 40 * DAY) / 3000) + (i % 11) * 1000,
      );
      records.push(record);
    }
    temp = await databaseWith(records);
    store = createActivityStore(temp.db);
  });
  afterAll(() => temp.cleanup());

  const cases: [string, ActivityFilter, (r: ActivityRecord) => boolean][] = [
    ['everything', {}, () => true],
    ['a status', { status: ['error'] }, (r) => r.status === 'error'],
    ['a type', { type: ['policy_decision'] }, (r) => r.type === 'policy_decision'],
    [
      'a server and statuses',
      { server: 'github', status: ['success', 'blocked'] },
      (r) => r.server_name === 'github' && r.status !== 'error',
    ],
    ['a tool', { tool: 'tool3' }, (r) => r.tool_name === 'tool3'],
    [
      'a time range',
      {
        start_time: new Date(NOW - 3 * DAY - 5000).toISOString(),
        end_time: new Date(NOW - DAY + 7000).toISOString(),
      },
      () => true,
    ],
    ['a token (grouped pass)', { token: 'Cursor' }, (r) => r.token_name === 'Cursor'],
  ];
  const periods: SummaryPeriod[] = ['1h', '24h', '7d', '30d'];
  it.each(cases)('matches it for %s in every period', (_name, filter, matches) => {
    for (const period of periods) {
      const summary = store.summary(period, filter, new Date(NOW));
      expectMatchesReference(summary, reference(records, period, filter, matches));
    }
  });

  it('a window holding the whole log takes percentiles from the duration index, same answer', async () => {
    const recent = records.map((r, i) => ({
      ...r,
      id: `recent-${String(i).padStart(5, '0')}`,
      timestamp: new Date(NOW - 29 * DAY + i * 1000).toISOString(),
    }));
    const local = await databaseWith(recent);
    try {
      const summary = createActivityStore(local.db).summary('30d', {}, new Date(NOW));
      expectMatchesReference(
        summary,
        reference(recent, '30d', {}, () => true),
      );
    } finally {
      local.cleanup();
    }
  });
});

describe('summary of a log with more combinations than seeks pay for', () => {
  it('falls back to one grouped pass with the same answer', async () => {
    const records = Array.from({ length: MAX_GROUPS + 50 }, (_, i) =>
      makeRecord({ tool_name: `tool-${i}`, duration_ms: i }, NOW - 1000 - i),
    );
    const temp = await databaseWith(records);
    try {
      const store = createActivityStore(temp.db);
      const summary = store.summary('1h', {}, new Date(NOW));
      expect(summary.total).toBe(records.length);
      expect(summary.top_tools).toHaveLength(10);
      expect(summary.top_tools.every((t) => t.count === 1 && t.p50_ms === t.p99_ms)).toBe(true);
    } finally {
      temp.cleanup();
    }
  });
});

describe('summary group counts', () => {
  it('find combinations and count buckets by covering-index seeks, never a scan or a sort', async () => {
    const temp = await databaseWith([
      makeRecord({ server_name: null, tool_name: null }, NOW - 5000),
      makeRecord({ server_name: 'a', tool_name: 'x' }, NOW - 4000),
      makeRecord({ server_name: 'a', tool_name: 'y', status: 'error' }, NOW - 10),
    ]);
    try {
      const { sqlite } = temp.db;
      const cache = createStatementCache(sqlite);
      const seen = new Set<string>();
      const recording = (sql: string) => {
        seen.add(sql);
        return cache(sql);
      };
      const groups = listGroups(recording, {});
      expect(groups).toEqual([
        { type: 'tool_call', status: 'error', server_name: 'a', tool_name: 'y' },
        { type: 'tool_call', status: 'success', server_name: null, tool_name: null },
        { type: 'tool_call', status: 'success', server_name: 'a', tool_name: 'x' },
      ]);
      const buckets = [
        { from: NOW - 6000, to: NOW - 3000 },
        { from: NOW - 3000, to: NOW },
      ];
      expect(countGroups(recording, groups ?? [], NOW - 6000, NOW, buckets)).toEqual([
        { ...groups?.[0], n: 1, perBucket: [0, 1] },
        { ...groups?.[1], n: 1, perBucket: [1, 0] },
        { ...groups?.[2], n: 1, perBucket: [1, 0] },
      ]);
      expect(countGroups(recording, groups ?? [], NOW - 3000, NOW - 20, [])).toEqual([]);
      expect(seen.size).toBeGreaterThanOrEqual(5);
      for (const sql of seen) {
        const params = Array.from(sql.matchAll(/\?/g), () => 'v');
        const plan = sqlite
          .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
          .all(...params)
          .map((r) => r.detail)
          .join('\n');
        expect(plan).toMatch(
          /^SEARCH activity USING COVERING INDEX activity_by_group \(type=\? AND status=\?/,
        );
        expect(plan).not.toMatch(/SCAN|TEMP B-TREE/);
      }
    } finally {
      temp.cleanup();
    }
  });
});
