import { describe, expect, it } from 'vitest';
import {
  createApprovalNotifier,
  type ApprovalNotificationLike,
  type ApprovalNotificationOptions,
} from '../../../src/main/desktop/approvalNotifier';
import type { RuleFromRecordRequest } from '../../../src/shared/ruleFromRecord';
import { pendingApproval } from '../../support/pendingApproval';

class FakeNotification implements ApprovalNotificationLike {
  readonly listeners = new Map<string, (...args: unknown[]) => void>();
  shown = false;
  closed = false;
  constructor(readonly options: ApprovalNotificationOptions) {}
  on(event: string, listener: (...args: never[]) => void): void {
    this.listeners.set(event, listener as (...args: unknown[]) => void);
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
  }
}

function setup(platform: NodeJS.Platform) {
  const notifications: FakeNotification[] = [];
  const decisions: string[] = [];
  const ruleEditors: RuleFromRecordRequest[] = [];
  let opened = 0;
  const notify = createApprovalNotifier({
    platform,
    createNotification: (options) => {
      const notification = new FakeNotification(options);
      notifications.push(notification);
      return notification;
    },
    decide: (id, decision) => decisions.push(`${decision} ${id}`),
    showWindow: () => void opened++,
    openRuleEditor: (request) => ruleEditors.push(request),
  });
  return { notify, notifications, decisions, ruleEditors, opened: () => opened };
}

describe('approval notifications', () => {
  it('on macOS and Windows carry Allow and Deny actions that decide the call', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { notify, notifications, decisions } = setup(platform);
      const approval = pendingApproval();
      notify({ event: 'approval.requested', request: approval });
      const [shown] = notifications;
      expect(shown?.shown).toBe(true);
      expect(shown?.options).toEqual({
        title: 'Approve github__delete_repo?',
        body: 'Deletions need a person\n{"repo":"acme/site"}',
        actions: [
          { type: 'button', text: 'Allow' },
          { type: 'button', text: 'Deny' },
          { type: 'button', text: 'Block this tool' },
          { type: 'button', text: 'Ask before this tool' },
          { type: 'button', text: 'Allow this tool' },
        ],
      });
      shown?.listeners.get('action')?.({}, 0);
      shown?.listeners.get('action')?.({}, 1);
      expect(decisions).toEqual([`allow_once ${approval.id}`, `deny ${approval.id}`]);
    }
  });

  it('opens the rule editor prefilled from the held call with the rule actions, deciding nothing', () => {
    const { notify, notifications, decisions, ruleEditors } = setup('win32');
    const approval = pendingApproval();
    notify({ event: 'approval.requested', request: approval });
    const [shown] = notifications;
    for (const index of [2, 3, 4]) shown?.listeners.get('action')?.({}, index);
    const prefill = { server: 'github', tool: 'delete_repo', recordId: approval.id };
    expect(ruleEditors).toEqual([
      { effect: 'block', ...prefill },
      { effect: 'ask', ...prefill },
      { effect: 'allow', ...prefill },
    ]);
    expect(decisions).toEqual([]);
  });

  it('elsewhere has no actions: a click opens the window; a decision closes it', () => {
    const { notify, notifications, opened } = setup('linux');
    const approval = pendingApproval({ arguments: { text: 'x'.repeat(300) } });
    notify({ event: 'approval.requested', request: approval });
    const [shown] = notifications;
    expect(shown?.options.actions).toBeUndefined();
    expect(shown?.options.body.split('\n')[1]).toHaveLength(100);
    shown?.listeners.get('click')?.();
    expect(opened()).toBe(1);
    notify({ event: 'approval.resolved', request: { ...approval, decision: 'deny' } });
    expect(shown?.closed).toBe(true);
  });
});
