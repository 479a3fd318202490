import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../../src/shared/activity';
import { newActivityRecord } from '../../../../src/main/core/activity';
import {
  formatWatchedEvent,
  matchesWatchFilter,
} from '../../../../src/main/cli/commands/activityWatch';

const completed: ActivityEvent = {
  event: 'activity.tool_call.completed',
  seq: 7,
  record: newActivityRecord({
    type: 'tool_call',
    server_name: 'fs',
    tool_name: 'read',
    status: 'error',
  }),
};
const started: ActivityEvent = {
  event: 'activity.tool_call.started',
  seq: null,
  record: newActivityRecord({ type: 'tool_call', server_name: 'fs', tool_name: 'read' }),
};
const blocked: ActivityEvent = {
  event: 'activity.policy_decision',
  seq: 8,
  record: newActivityRecord({
    type: 'policy_decision',
    server_name: 'git',
    tool_name: 'push',
    status: 'blocked',
  }),
};

describe('activity watch filter', () => {
  it('filters by type, server and status; a started call has no status yet', () => {
    expect(matchesWatchFilter(completed, {})).toBe(true);
    expect(matchesWatchFilter(blocked, { type: ['tool_call'] })).toBe(false);
    expect(matchesWatchFilter(blocked, { type: ['policy_decision'], server: 'git' })).toBe(true);
    expect(matchesWatchFilter(completed, { server: 'git' })).toBe(false);
    expect(matchesWatchFilter(completed, { status: ['error'] })).toBe(true);
    expect(matchesWatchFilter(started, { status: ['success'] })).toBe(false);
    expect(matchesWatchFilter(started, { type: ['tool_call'] })).toBe(true);
  });
  it('prints JSON lines in json mode', () => {
    expect(JSON.parse(formatWatchedEvent(blocked, 'json'))).toEqual(blocked);
    expect(
      formatWatchedEvent(blocked, 'yaml').startsWith('---\nevent: activity.policy_decision'),
    ).toBe(true);
  });
});
