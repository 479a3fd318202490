/**
 * The rule actions a notification carries where the platform has notification actions (SPEC 10,
 * rules from a record), and the one-tool notification those actions hang on. Electron's
 * Notification is passed in as this shape, so the modules using it run in tests without Electron.
 */
import type { PolicyEffect } from '../../shared/servers';
import { RULE_FROM_RECORD_CHOICES } from '../../shared/ruleFromRecord';

export interface ActionNotificationOptions {
  title: string;
  body: string;
  actions?: { type: 'button'; text: string }[];
}

export interface ActionNotificationLike {
  on(event: 'action', listener: (event: unknown, index: number) => void): void;
  on(event: 'click' | 'close', listener: () => void): void;
  show(): void;
  close(): void;
}

/** macOS shows the buttons after the first in the notification's menu; Windows up to five. */
const ACTION_PLATFORMS: ReadonlySet<NodeJS.Platform> = new Set(['darwin', 'win32']);

export function hasNotificationActions(platform: NodeJS.Platform): boolean {
  return ACTION_PLATFORMS.has(platform);
}

export const RULE_ACTION_BUTTONS: { type: 'button'; text: string }[] = RULE_FROM_RECORD_CHOICES.map(
  ({ label }) => ({ type: 'button', text: label }),
);

/** The effect of the rule button at `index` within RULE_ACTION_BUTTONS, or null. */
export function ruleActionEffect(index: number): PolicyEffect | null {
  return RULE_FROM_RECORD_CHOICES[index]?.effect ?? null;
}
