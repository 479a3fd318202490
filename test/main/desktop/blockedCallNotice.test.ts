/** The blocked-call notification with Electron's Notification passed in (SPEC 9, SPEC 10). */
import { describe, expect, it } from 'vitest';
import {
  blockedCallNotificationOptions,
  createBlockedCallNotice,
} from '../../../src/main/desktop/blockedCallNotice';
import type { BlockedCallNotification } from '../../../src/main/desktop/blockedCallNotifier';
import type {
  ActionNotificationLike,
  ActionNotificationOptions,
} from '../../../src/main/desktop/ruleActions';
import type { RuleFromRecordRequest } from '../../../src/shared/ruleFromRecord';

class FakeNotification implements ActionNotificationLike {
  readonly listeners = new Map<string, (...args: unknown[]) => void>();
  shown = false;
  constructor(readonly options: ActionNotificationOptions) {}
  on(event: string, listener: (...args: never[]) => void): void {
    this.listeners.set(event, listener as (...args: unknown[]) => void);
  }
  show(): void {
    this.shown = true;
  }
  close(): void {}
}

const ONE_TOOL: BlockedCallNotification = {
  title: 'Blocked: github__delete_repo',
  body: 'Deletions need a human',
  recordId: '01JBLOCKED',
  tool: { server: 'github', tool: 'delete_repo' },
};

function setup(platform: NodeJS.Platform) {
  const notifications: FakeNotification[] = [];
  const openedRecords: string[] = [];
  const ruleEditors: RuleFromRecordRequest[] = [];
  const show = createBlockedCallNotice({
    platform,
    createNotification: (options) => {
      const notification = new FakeNotification(options);
      notifications.push(notification);
      return notification;
    },
    openRecord: (id) => openedRecords.push(id),
    openRuleEditor: (request) => ruleEditors.push(request),
  });
  return { show, notifications, openedRecords, ruleEditors };
}

describe('blocked-call notification', () => {
  it('on macOS and Windows carries the rule actions, each opening the editor prefilled from the record', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { show, notifications, ruleEditors } = setup(platform);
      show(ONE_TOOL);
      const [shown] = notifications;
      expect(shown?.shown).toBe(true);
      expect(shown?.options).toEqual({
        title: 'Blocked: github__delete_repo',
        body: 'Deletions need a human',
        actions: [
          { type: 'button', text: 'Block this tool' },
          { type: 'button', text: 'Ask before this tool' },
          { type: 'button', text: 'Allow this tool' },
        ],
      });
      for (const index of [0, 1, 2]) shown?.listeners.get('action')?.({}, index);
      const prefill = { server: 'github', tool: 'delete_repo', recordId: '01JBLOCKED' };
      expect(ruleEditors).toEqual([
        { effect: 'block', ...prefill },
        { effect: 'ask', ...prefill },
        { effect: 'allow', ...prefill },
      ]);
    }
  });

  it('elsewhere has no actions: a click opens the window on the record', () => {
    const { show, notifications, openedRecords, ruleEditors } = setup('linux');
    show(ONE_TOOL);
    const [shown] = notifications;
    expect(shown?.options.actions).toBeUndefined();
    shown?.listeners.get('click')?.();
    expect(openedRecords).toEqual(['01JBLOCKED']);
    expect(ruleEditors).toEqual([]);
  });

  it('offers no rule actions on a coalesced notice that covers several tools', () => {
    const several = { ...ONE_TOOL, title: 'Blocked by policy "no-deletes"', tool: null };
    expect(blockedCallNotificationOptions(several, 'darwin').actions).toBeUndefined();
  });
});
