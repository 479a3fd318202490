import { describe, expect, it } from 'vitest';
import {
  groupRecentCalls,
  recentCallLabel,
  trayMenuModel,
  type RecentCall,
  type TrayMenuItem,
  type TrayState,
} from '../../../src/main/desktop/trayMenuModel';

function call(id: string, tool: string, status: RecentCall['status'] = 'success'): RecentCall {
  return { id, server_name: 'github', tool_name: tool, status };
}

function state(overrides: Partial<TrayState> = {}): TrayState {
  return {
    iconState: 'idle',
    today: { calls: 0, errors: 0, blocked: 0 },
    recentCalls: [],
    servers: [],
    muted: false,
    ...overrides,
  };
}

function labels(items: TrayMenuItem[]): string[] {
  return items.map((item) => (item.kind === 'separator' ? '---' : item.label));
}

describe('groupRecentCalls', () => {
  it('groups consecutive repeats of the same tool and outcome as one entry with a count', () => {
    const groups = groupRecentCalls([
      call('6', 'search'),
      call('5', 'search'),
      call('4', 'search'),
      call('3', 'create_issue'),
      call('2', 'search'),
    ]);
    expect(groups.map((g) => [g.call.id, g.count])).toEqual([
      ['6', 3],
      ['3', 1],
      ['2', 1],
    ]);
  });

  it('keeps a different outcome of the same tool apart', () => {
    const groups = groupRecentCalls([call('2', 'search', 'error'), call('1', 'search')]);
    expect(groups).toHaveLength(2);
  });

  it('stops at 5 groups but still counts repeats of the fifth', () => {
    const calls = ['a', 'b', 'c', 'd', 'e', 'e', 'e', 'f'].map((tool, i) => call(String(i), tool));
    const groups = groupRecentCalls(calls);
    expect(groups.map((g) => `${g.call.tool_name}x${g.count}`)).toEqual([
      'ax1',
      'bx1',
      'cx1',
      'dx1',
      'ex3',
    ]);
  });
});

describe('recentCallLabel', () => {
  it('names the exposed tool, marks the outcome and shows xN only for repeats', () => {
    expect(recentCallLabel({ call: call('1', 'search'), count: 1 })).toBe('✓ github__search');
    expect(recentCallLabel({ call: call('1', 'search', 'blocked'), count: 7 })).toBe(
      '⊘ blocked github__search  x7',
    );
  });
});

describe('trayMenuModel', () => {
  it('lists status, latest calls, servers, both exports, mute, open, quit in that order', () => {
    const items = trayMenuModel(
      state({
        today: { calls: 42, errors: 1, blocked: 3 },
        recentCalls: [call('2', 'search'), call('1', 'search')],
        servers: [{ name: 'github', status: 'ready', quarantined: false }],
      }),
    );
    expect(labels(items)).toEqual([
      'Switchboard: 1/1 servers ready, 42 calls today, 3 blocked',
      '---',
      'Latest calls',
      '✓ github__search  x2',
      '---',
      'Servers (1)',
      '---',
      'Export last 24 h as CSV',
      'Export last 24 h as JSONL',
      '---',
      'Mute notifications',
      'Open Switchboard',
      'Open data directory',
      'About Switchboard',
      '---',
      'Quit',
    ]);
    const recent = items[3];
    expect(recent).toMatchObject({ kind: 'item', action: { type: 'open-record', id: '2' } });
    expect(items[7]).toMatchObject({ action: { type: 'export-last-24h', format: 'csv' } });
    expect(items[8]).toMatchObject({ action: { type: 'export-last-24h', format: 'jsonl' } });
    expect(items[15]).toMatchObject({ action: { type: 'quit' } });
  });

  it('shows placeholders when there are no calls and no servers', () => {
    const items = trayMenuModel(state());
    expect(labels(items)).toContain('No calls yet');
    const servers = items.find((item) => item.kind === 'submenu');
    expect(servers && servers.kind === 'submenu' && labels(servers.items)).toEqual([
      'No servers configured',
    ]);
    expect(labels(items)[0]).toBe('Switchboard: no servers, 0 calls today');
  });

  it('gives each server its status, restart and quarantine (or lift quarantine)', () => {
    const items = trayMenuModel(
      state({
        servers: [
          { name: 'github', status: 'error', quarantined: false },
          { name: 'shady', status: 'quarantined', quarantined: true },
        ],
      }),
    );
    expect(labels(items)[0]).toBe('Switchboard: 0/2 servers ready, 1 down, 0 calls today');
    const submenu = items.find((item) => item.kind === 'submenu');
    if (!submenu || submenu.kind !== 'submenu') throw new Error('no servers submenu');
    const [github, shady] = submenu.items;
    expect(github).toMatchObject({ label: 'github: error' });
    expect(github?.kind === 'submenu' && labels(github.items)).toEqual([
      'Status: error',
      'Restart',
      'Quarantine',
    ]);
    expect(github?.kind === 'submenu' && github.items[2]).toMatchObject({
      action: { type: 'quarantine-server', name: 'github' },
    });
    expect(shady?.kind === 'submenu' && shady.items[2]).toMatchObject({
      label: 'Lift quarantine',
      action: { type: 'unquarantine-server', name: 'shady' },
    });
  });

  it('reflects the mute state as a checkbox', () => {
    const muted = trayMenuModel(state({ muted: true })).find((item) => item.kind === 'checkbox');
    expect(muted).toMatchObject({ checked: true, action: { type: 'toggle-mute' } });
  });
});

describe('tray menu with pending approvals', () => {
  it('lists each waiting call first, with Allow and Deny', () => {
    const approvals = [
      { id: 'a1', server_name: 'github', tool_name: 'delete_repo' },
      { id: 'a2', server_name: 'fs', tool_name: 'write_file' },
    ];
    const items = trayMenuModel(state({ approvals }));
    expect(labels(items).slice(0, 4)).toEqual([
      '2 calls wait for your approval',
      'Approve github__delete_repo?',
      'Approve fs__write_file?',
      '---',
    ]);
    const first = items[1];
    expect(first?.kind === 'submenu' ? first.items : []).toEqual([
      {
        kind: 'item',
        label: 'Allow',
        enabled: true,
        action: { type: 'decide-approval', id: 'a1', decision: 'allow_once' },
      },
      {
        kind: 'item',
        label: 'Deny',
        enabled: true,
        action: { type: 'decide-approval', id: 'a1', decision: 'deny' },
      },
      { kind: 'item', label: 'Show in window', enabled: true, action: { type: 'open-window' } },
      { kind: 'separator' },
      ...(['block', 'ask', 'allow'] as const).map((effect, i) => ({
        kind: 'item',
        label: ['Block this tool…', 'Ask before this tool…', 'Allow this tool…'][i],
        enabled: true,
        action: {
          type: 'rule-from-approval',
          request: { effect, server: 'github', tool: 'delete_repo', recordId: 'a1' },
        },
      })),
    ]);
    expect(labels(trayMenuModel(state()))[0]).toMatch(/^Switchboard:/);
  });
});

describe('tray menu with pending elicitations', () => {
  it('lists each request after the approvals: its message, the window, Decline and Cancel', () => {
    const items = trayMenuModel(
      state({
        approvals: [{ id: 'a1', server_name: 'github', tool_name: 'delete_repo' }],
        elicitations: [
          { id: 'e1', server_name: 'everything', message: 'Which\nbranch?\u202E' },
          { id: 'e2', server_name: 'deploy', message: 'y'.repeat(200) },
        ],
      }),
    );
    expect(labels(items).slice(0, 7)).toEqual([
      '1 call waits for your approval',
      'Approve github__delete_repo?',
      '---',
      '2 servers ask for your input',
      'everything asks for input',
      'deploy asks for input',
      '---',
    ]);
    const first = items[4];
    expect(first?.kind === 'submenu' ? first.items : []).toEqual([
      { kind: 'item', label: 'Which branch?\uFFFD', enabled: false },
      { kind: 'item', label: 'Answer in window…', enabled: true, action: { type: 'open-window' } },
      {
        kind: 'item',
        label: 'Decline',
        enabled: true,
        action: { type: 'answer-elicitation', id: 'e1', action: 'decline' },
      },
      {
        kind: 'item',
        label: 'Cancel',
        enabled: true,
        action: { type: 'answer-elicitation', id: 'e1', action: 'cancel' },
      },
    ]);
    const second = items[5];
    const message = second?.kind === 'submenu' ? second.items[0] : undefined;
    expect(message?.kind === 'item' ? [...message.label] : []).toHaveLength(60);
  });
});
