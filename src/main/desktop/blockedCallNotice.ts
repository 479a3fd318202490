/**
 * Shows a blocked-call notification (SPEC 9) with "Block this tool", "Ask before this tool" and
 * "Allow this tool" where the platform has notification actions, each opening the rule editor
 * prefilled from the record (SPEC 10); a click opens the window on the record.
 */
import type { RuleFromRecordRequest } from '../../shared/ruleFromRecord';
import type { BlockedCallNotification } from './blockedCallNotifier';
import {
  hasNotificationActions,
  ruleActionEffect,
  RULE_ACTION_BUTTONS,
  type ActionNotificationLike,
  type ActionNotificationOptions,
} from './ruleActions';

export interface BlockedCallNoticeDeps {
  platform: NodeJS.Platform;
  createNotification(options: ActionNotificationOptions): ActionNotificationLike;
  openRecord(recordId: string): void;
  openRuleEditor(request: RuleFromRecordRequest): void;
}

/** Rule actions only on a notice about one tool: a coalesced notice of several names no tool. */
export function blockedCallNotificationOptions(
  notification: BlockedCallNotification,
  platform: NodeJS.Platform,
): ActionNotificationOptions {
  const options: ActionNotificationOptions = { title: notification.title, body: notification.body };
  if (notification.tool !== null && hasNotificationActions(platform))
    options.actions = RULE_ACTION_BUTTONS;
  return options;
}

export function createBlockedCallNotice(
  deps: BlockedCallNoticeDeps,
): (notification: BlockedCallNotification) => void {
  // Held, so Electron does not collect a notification (and drop its handlers) while it shows.
  const shown = new Set<ActionNotificationLike>();
  return (notification) => {
    const shownNotification = deps.createNotification(
      blockedCallNotificationOptions(notification, deps.platform),
    );
    shown.add(shownNotification);
    const { recordId, tool } = notification;
    shownNotification.on('action', (_event, index) => {
      shown.delete(shownNotification);
      const effect = ruleActionEffect(index);
      if (effect !== null && tool !== null) deps.openRuleEditor({ effect, ...tool, recordId });
    });
    shownNotification.on('click', () => {
      shown.delete(shownNotification);
      deps.openRecord(recordId);
    });
    shownNotification.on('close', () => shown.delete(shownNotification));
    shownNotification.show();
  };
}
