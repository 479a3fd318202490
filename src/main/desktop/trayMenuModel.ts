/**
 * The tray menu as data (SPEC 9): status line, the 5 latest calls with repeats grouped `xN`,
 * servers (status, restart, quarantine), one-click exports, mute, open, quit. Pure; trayMenu.ts
 * turns it into an Electron menu template and dispatches the actions.
 */
import type { ActivityStatus, ExportFormat } from '../../shared/activity';
import { RULE_FROM_RECORD_CHOICES, type RuleFromRecordRequest } from '../../shared/ruleFromRecord';
import type { ServerStatus } from '../../shared/servers';
import type { TodayCounts, TrayIconState } from './trayIconState';
import { untrustedLine } from './untrustedLine';

export const RECENT_CALL_GROUPS = 5;

export interface RecentCall {
  id: string;
  server_name: string | null;
  tool_name: string | null;
  status: ActivityStatus;
}

export interface TrayServer {
  name: string;
  status: ServerStatus;
  quarantined: boolean;
}

export interface TrayState {
  iconState: TrayIconState;
  today: TodayCounts;
  /** Newest first. */
  recentCalls: RecentCall[];
  servers: TrayServer[];
  muted: boolean;
  /** Held calls waiting for a person (SPEC 10), oldest first. */
  approvals?: TrayApproval[];
  /** Upstreams' elicitations waiting for a person, oldest first. */
  elicitations?: TrayElicitation[];
}

export interface TrayApproval {
  id: string;
  server_name: string;
  tool_name: string;
}

export interface TrayElicitation {
  id: string;
  server_name: string;
  message: string;
}

export type TrayAction =
  | { type: 'open-window' }
  | { type: 'open-record'; id: string }
  | { type: 'decide-approval'; id: string; decision: 'allow_once' | 'deny' }
  | { type: 'answer-elicitation'; id: string; action: 'decline' | 'cancel' }
  /** The rule editor, prefilled from a held call; the call keeps waiting. */
  | { type: 'rule-from-approval'; request: RuleFromRecordRequest }
  | { type: 'restart-server'; name: string }
  | { type: 'quarantine-server'; name: string }
  | { type: 'unquarantine-server'; name: string }
  | { type: 'export-last-24h'; format: ExportFormat }
  | { type: 'toggle-mute' }
  | { type: 'open-data-dir' }
  | { type: 'about' }
  | { type: 'quit' };

export type TrayMenuItem =
  | { kind: 'item'; label: string; enabled: boolean; action?: TrayAction }
  | { kind: 'checkbox'; label: string; checked: boolean; action: TrayAction }
  | { kind: 'submenu'; label: string; items: TrayMenuItem[] }
  | { kind: 'separator' };

export interface RecentCallGroup {
  call: RecentCall;
  count: number;
}

/** Consecutive calls to the same tool with the same outcome collapse into one line. */
export function groupRecentCalls(
  calls: RecentCall[],
  limit = RECENT_CALL_GROUPS,
): RecentCallGroup[] {
  const groups: RecentCallGroup[] = [];
  for (const call of calls) {
    const last = groups[groups.length - 1];
    if (
      last &&
      last.call.server_name === call.server_name &&
      last.call.tool_name === call.tool_name &&
      last.call.status === call.status
    ) {
      last.count += 1;
      continue;
    }
    if (groups.length === limit) break;
    groups.push({ call, count: 1 });
  }
  return groups;
}

const STATUS_MARKS: Record<ActivityStatus, string> = {
  success: '✓',
  error: '✗',
  blocked: '⊘ blocked',
};

export function recentCallLabel(group: RecentCallGroup): string {
  const { call, count } = group;
  const name = `${call.server_name ?? '?'}__${call.tool_name ?? '?'}`;
  const repeats = count > 1 ? `  x${count}` : '';
  return `${STATUS_MARKS[call.status]} ${name}${repeats}`;
}

function statusLine(state: TrayState): string {
  const ready = state.servers.filter((server) => server.status === 'ready').length;
  const down = state.servers.filter((server) => server.status === 'error').length;
  const servers =
    state.servers.length === 0
      ? 'no servers'
      : `${ready}/${state.servers.length} servers ready${down > 0 ? `, ${down} down` : ''}`;
  const { calls, blocked } = state.today;
  return `Switchboard: ${servers}, ${calls} calls today${blocked > 0 ? `, ${blocked} blocked` : ''}`;
}

function serverItem(server: TrayServer): TrayMenuItem {
  const status = server.quarantined ? 'quarantined' : server.status;
  const quarantine: TrayMenuItem = server.quarantined
    ? {
        kind: 'item',
        label: 'Lift quarantine',
        enabled: true,
        action: { type: 'unquarantine-server', name: server.name },
      }
    : {
        kind: 'item',
        label: 'Quarantine',
        enabled: true,
        action: { type: 'quarantine-server', name: server.name },
      };
  return {
    kind: 'submenu',
    label: `${server.name}: ${status}`,
    items: [
      { kind: 'item', label: `Status: ${status}`, enabled: false },
      {
        kind: 'item',
        label: 'Restart',
        enabled: server.status !== 'disabled',
        action: { type: 'restart-server', name: server.name },
      },
      quarantine,
    ],
  };
}

/**
 * One submenu per held call, above everything else while any wait: Allow / Deny, the window, then
 * the rule actions of its notification (Block / Ask before / Allow this tool), which open the
 * rule editor and decide nothing.
 */
export function approvalMenuItems(approvals: readonly TrayApproval[]): TrayMenuItem[] {
  if (approvals.length === 0) return [];
  const count = approvals.length;
  return [
    {
      kind: 'item',
      label: `${count} ${count === 1 ? 'call waits' : 'calls wait'} for your approval`,
      enabled: false,
    },
    ...approvals.map((approval): TrayMenuItem => ({
      kind: 'submenu',
      label: `Approve ${approval.server_name}__${approval.tool_name}?`,
      items: [
        {
          kind: 'item',
          label: 'Allow',
          enabled: true,
          action: { type: 'decide-approval', id: approval.id, decision: 'allow_once' },
        },
        {
          kind: 'item',
          label: 'Deny',
          enabled: true,
          action: { type: 'decide-approval', id: approval.id, decision: 'deny' },
        },
        { kind: 'item', label: 'Show in window', enabled: true, action: { type: 'open-window' } },
        { kind: 'separator' },
        ...RULE_FROM_RECORD_CHOICES.map(({ effect, label }): TrayMenuItem => ({
          kind: 'item',
          label: `${label}…`,
          enabled: true,
          action: {
            type: 'rule-from-approval',
            request: {
              effect,
              server: approval.server_name,
              tool: approval.tool_name,
              recordId: approval.id,
            },
          },
        })),
      ],
    })),
    { kind: 'separator' },
  ];
}

const MENU_MESSAGE_CHARS = 60;

/**
 * One submenu per elicitation: its message, a way to the form in the window, Decline and Cancel
 * (a form cannot be filled in a menu, but a refusal can be given there).
 */
export function elicitationMenuItems(elicitations: readonly TrayElicitation[]): TrayMenuItem[] {
  if (elicitations.length === 0) return [];
  const count = elicitations.length;
  return [
    {
      kind: 'item',
      label: `${count} ${count === 1 ? 'server asks' : 'servers ask'} for your input`,
      enabled: false,
    },
    ...elicitations.map((elicitation): TrayMenuItem => ({
      kind: 'submenu',
      label: `${elicitation.server_name} asks for input`,
      items: [
        {
          kind: 'item',
          label: untrustedLine(elicitation.message, MENU_MESSAGE_CHARS),
          enabled: false,
        },
        {
          kind: 'item',
          label: 'Answer in window…',
          enabled: true,
          action: { type: 'open-window' },
        },
        {
          kind: 'item',
          label: 'Decline',
          enabled: true,
          action: { type: 'answer-elicitation', id: elicitation.id, action: 'decline' },
        },
        {
          kind: 'item',
          label: 'Cancel',
          enabled: true,
          action: { type: 'answer-elicitation', id: elicitation.id, action: 'cancel' },
        },
      ],
    })),
    { kind: 'separator' },
  ];
}

export function trayMenuModel(state: TrayState): TrayMenuItem[] {
  const groups = groupRecentCalls(state.recentCalls);
  const recent: TrayMenuItem[] =
    groups.length === 0
      ? [{ kind: 'item', label: 'No calls yet', enabled: false }]
      : groups.map((group) => ({
          kind: 'item',
          label: recentCallLabel(group),
          enabled: true,
          action: { type: 'open-record', id: group.call.id },
        }));
  const servers: TrayMenuItem[] =
    state.servers.length === 0
      ? [{ kind: 'item', label: 'No servers configured', enabled: false }]
      : state.servers.map(serverItem);
  return [
    ...approvalMenuItems(state.approvals ?? []),
    ...elicitationMenuItems(state.elicitations ?? []),
    { kind: 'item', label: statusLine(state), enabled: false },
    { kind: 'separator' },
    { kind: 'item', label: 'Latest calls', enabled: false },
    ...recent,
    { kind: 'separator' },
    { kind: 'submenu', label: `Servers (${state.servers.length})`, items: servers },
    { kind: 'separator' },
    {
      kind: 'item',
      label: 'Export last 24 h as CSV',
      enabled: true,
      action: { type: 'export-last-24h', format: 'csv' },
    },
    {
      kind: 'item',
      label: 'Export last 24 h as JSONL',
      enabled: true,
      action: { type: 'export-last-24h', format: 'jsonl' },
    },
    { kind: 'separator' },
    {
      kind: 'checkbox',
      label: 'Mute notifications',
      checked: state.muted,
      action: { type: 'toggle-mute' },
    },
    { kind: 'item', label: 'Open Switchboard', enabled: true, action: { type: 'open-window' } },
    {
      kind: 'item',
      label: 'Open data directory',
      enabled: true,
      action: { type: 'open-data-dir' },
    },
    { kind: 'item', label: 'About Switchboard', enabled: true, action: { type: 'about' } },
    { kind: 'separator' },
    { kind: 'item', label: 'Quit', enabled: true, action: { type: 'quit' } },
  ];
}
