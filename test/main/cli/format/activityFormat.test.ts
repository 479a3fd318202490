import { describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../../../src/shared/activity';
import { newActivityRecord } from '../../../../src/main/core/activity';
import {
  formatEventLine,
  renderActivityPage,
  renderActivityRecord,
  statusWord,
  subjectOf,
} from '../../../../src/main/cli/format/activityFormat';
import { outputModeOf, renderOutput } from '../../../../src/main/cli/format/output';

const NOW = new Date('2026-11-23T12:00:00.000Z');

function call(partial: Partial<ActivityRecord>): ActivityRecord {
  return newActivityRecord({
    type: 'tool_call',
    timestamp: '2026-11-23T11:58:00.000Z',
    server_name: 'github',
    tool_name: 'create_issue',
    duration_ms: 240,
    ...partial,
  });
}

describe('status words and subjects', () => {
  it('reads as words, with the error kind', () => {
    expect(statusWord({ status: 'success', error_kind: null })).toBe('ok');
    expect(statusWord({ status: 'blocked', error_kind: null })).toBe('BLOCKED');
    expect(statusWord({ status: 'error', error_kind: 'upstream_unavailable' })).toBe(
      'error (upstream unavailable)',
    );
    expect(statusWord({ status: 'error', error_kind: null })).toBe('error');
  });
  it('names calls server__tool and server changes by action', () => {
    expect(subjectOf(call({}))).toBe('github__create_issue');
    expect(
      subjectOf(
        newActivityRecord({
          type: 'server_change',
          server_name: 'fs',
          metadata: { action: 'restart' },
        }),
      ),
    ).toBe('fs restart');
    expect(
      subjectOf(
        newActivityRecord({
          type: 'quarantine_change',
          server_name: 'fs',
          metadata: { quarantined: true },
        }),
      ),
    ).toBe('fs quarantined');
  });
});

describe('tables', () => {
  it('a page shows relative times, status words, ids and where the next page starts', () => {
    const rows = [
      call({ id: '01JAAAAAAAAAAAAAAAAAAAAAAA' }),
      call({ id: '01JBBBBBBBBBBBBBBBBBBBBBBB', status: 'blocked', token_name: 'Claude Desktop' }),
    ];
    const text = renderActivityPage(
      { activities: rows, total: 120, limit: 2, offset: 0, next_cursor: 'c' },
      NOW,
    );
    expect(text).toContain('2m ago');
    expect(text).toContain('github__create_issue');
    expect(text).toContain('BLOCKED');
    expect(text).toContain('Claude Desktop');
    expect(text).toContain('01JBBBBBBBBBBBBBBBBBBBBBBB');
    expect(text).toContain('Showing 1-2 of 120; next page: --offset 2');
  });
  it('an empty page says so', () => {
    expect(
      renderActivityPage({ activities: [], total: 0, limit: 50, offset: 0, next_cursor: null }),
    ).toBe('No activity matches.');
  });
  it('a record shows its arguments and response', () => {
    const text = renderActivityRecord(
      call({ arguments: { title: 'Bug' }, response: 'created #12' }),
      NOW,
    );
    expect(text).toContain('"title": "Bug"');
    expect(text).toContain('Response:\ncreated #12');
  });
});

describe('watch lines', () => {
  it('one line per event with time, kind, status, call, duration and detail', () => {
    const blocked = call({
      type: 'policy_decision',
      status: 'blocked',
      policy_id: 'no-deletes',
      reason: 'Deletions need a human',
      tool_name: 'delete_repo',
      timestamp: '2026-11-23T11:58:00.120Z',
    });
    expect(formatEventLine({ event: 'activity.policy_decision', seq: 4, record: blocked })).toBe(
      '11:58:00.120  policy_decision    BLOCKED    github__delete_repo  240 ms  no-deletes: Deletions need a human',
    );
    expect(
      formatEventLine({ event: 'activity.tool_call.started', seq: null, record: call({}) }),
    ).toContain('started            running');
  });
});

describe('output modes', () => {
  it('--json wins, then --output, default table', () => {
    expect(outputModeOf({ json: true, output: 'yaml' })).toBe('json');
    expect(outputModeOf({ output: 'yaml' })).toBe('yaml');
    expect(outputModeOf({})).toBe('table');
  });
  it('json and yaml print the data as it is', () => {
    const data = { a: 1, b: ['x'] };
    expect(JSON.parse(renderOutput('json', data, () => 'table'))).toEqual(data);
    expect(renderOutput('yaml', data, () => 'table')).toBe('a: 1\nb:\n  - x');
    expect(renderOutput('table', data, () => 'table')).toBe('table');
  });
});
