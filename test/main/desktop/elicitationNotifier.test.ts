import { describe, expect, it } from 'vitest';
import {
  createElicitationNotifier,
  type ElicitationNotificationLike,
  type ElicitationNotificationOptions,
} from '../../../src/main/desktop/elicitationNotifier';
import { pendingApproval } from '../../support/pendingApproval';
import { pendingElicitation } from '../../support/pendingElicitation';

class FakeNotification implements ElicitationNotificationLike {
  readonly listeners = new Map<string, () => void>();
  shown = false;
  closed = false;
  constructor(readonly options: ElicitationNotificationOptions) {}
  on(event: string, listener: () => void): void {
    this.listeners.set(event, listener);
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
  }
}

function setup() {
  const notifications: FakeNotification[] = [];
  const opened: string[] = [];
  const notify = createElicitationNotifier({
    createNotification: (options) => {
      const notification = new FakeNotification(options);
      notifications.push(notification);
      return notification;
    },
    showRequest: (id) => void opened.push(id),
  });
  return { notify, notifications, opened };
}

describe('elicitation notifications', () => {
  it('draw attention to a new elicitation; a click opens the window on it; an answer closes it', () => {
    const { notify, notifications, opened } = setup();
    const request = pendingElicitation({ message: 'Which branch\nshould I deploy?' });
    notify({ event: 'approval.requested', request });
    const [shown] = notifications;
    expect(shown?.shown).toBe(true);
    expect(shown?.options).toEqual({
      title: 'everything asks for input',
      body: 'Which branch should I deploy?\nAnswer in Switchboard',
    });
    shown?.listeners.get('click')?.();
    expect(opened).toEqual([request.id]);
    notify({ event: 'approval.resolved', request: { ...request, action: 'accept' } });
    expect(shown?.closed).toBe(true);
  });

  it('cut the message to one line, show hidden characters as U+FFFD, and say when it is a link', () => {
    const { notify, notifications } = setup();
    notify({
      event: 'approval.requested',
      request: pendingElicitation({
        message: `Sign in\u202Etxt.exe ${'x'.repeat(300)}`,
        mode: 'url',
        requested_schema: null,
        url: 'https://example.com/login',
        related_record_ids: ['a', 'b'],
      }),
    });
    const options = notifications[0]?.options;
    expect(options?.title).toBe('everything asks for input (during 2 calls)');
    const [message, ask] = options?.body.split('\n') ?? [];
    expect(message).toMatch(/^Sign in\uFFFDtxt\.exe x+…$/);
    expect([...(message ?? '')]).toHaveLength(140);
    expect(ask).toBe('Asks you to open a link');
  });

  it('leave approvals to the approval notifier', () => {
    const { notify, notifications } = setup();
    notify({ event: 'approval.requested', request: pendingApproval() });
    expect(notifications).toEqual([]);
  });
});
