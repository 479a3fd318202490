/**
 * The desktop notification of a held call (SPEC 10): `Approve <server>__<tool>?` with the reason
 * and a one-line argument summary. Where the platform has notification actions (macOS, Windows)
 * it carries Allow and Deny, then the rule actions (ruleActions.ts); elsewhere a click opens the
 * window on the request. Electron's Notification is passed in, so this runs in tests without
 * Electron.
 */
import type { ApprovalEvent, PendingApproval } from '../../shared/approvals';
import type { RuleFromRecordRequest } from '../../shared/ruleFromRecord';
import { ruleActionEffect, RULE_ACTION_BUTTONS } from './ruleActions';

export interface ApprovalNotificationOptions {
  title: string;
  body: string;
  actions?: { type: 'button'; text: string }[];
}

export interface ApprovalNotificationLike {
  on(event: 'action', listener: (event: unknown, index: number) => void): void;
  on(event: 'click' | 'close', listener: () => void): void;
  show(): void;
  close(): void;
}

export interface ApprovalNotifierDeps {
  platform: NodeJS.Platform;
  createNotification(options: ApprovalNotificationOptions): ApprovalNotificationLike;
  decide(id: string, decision: 'allow_once' | 'deny'): void;
  /** Opens the window, where pending approvals show above every view. */
  showWindow(): void;
  /** "Block this tool", "Ask before this tool", "Allow this tool": the rule editor, prefilled. */
  openRuleEditor(request: RuleFromRecordRequest): void;
}

const ACTION_PLATFORMS: ReadonlySet<NodeJS.Platform> = new Set(['darwin', 'win32']);
const SUMMARY_CHARS = 100;

/** `{"path":"/etc/hosts","mode":"w"}` cut to one line a notification can show. */
export function argumentSummary(args: Record<string, unknown> | null): string {
  const text = JSON.stringify(args ?? {}).replace(/\s+/g, ' ');
  return text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS - 1)}…` : text;
}

export function approvalNotificationOptions(
  approval: PendingApproval,
  platform: NodeJS.Platform,
): ApprovalNotificationOptions {
  const options: ApprovalNotificationOptions = {
    title: `Approve ${approval.server_name}__${approval.tool_name}?`,
    body: [
      approval.reason ?? `Rule "${approval.policy_id}"`,
      argumentSummary(approval.arguments),
    ].join('\n'),
  };
  if (ACTION_PLATFORMS.has(platform))
    options.actions = [
      { type: 'button', text: 'Allow' },
      { type: 'button', text: 'Deny' },
      ...RULE_ACTION_BUTTONS,
    ];
  return options;
}

/** Returns the listener for the registry's events. */
export function createApprovalNotifier(deps: ApprovalNotifierDeps): (event: ApprovalEvent) => void {
  // Held, so Electron does not collect a notification (and drop its handlers) while it shows.
  const shown = new Map<string, ApprovalNotificationLike>();
  return (event) => {
    const { request } = event;
    // Elicitations have their own notification (the renderer's pending area answers them).
    if (request.kind !== 'approval') return;
    if (event.event === 'approval.resolved') {
      shown.get(request.id)?.close();
      shown.delete(request.id);
      return;
    }
    const notification = deps.createNotification(
      approvalNotificationOptions(request, deps.platform),
    );
    shown.set(request.id, notification);
    notification.on('action', (_event, index) => {
      if (index === 0 || index === 1) {
        deps.decide(request.id, index === 0 ? 'allow_once' : 'deny');
        return;
      }
      // The call keeps waiting while the person writes the rule; the window shows it above.
      const effect = ruleActionEffect(index - 2);
      if (effect === null) return;
      const { server_name: server, tool_name: tool, id: recordId } = request;
      deps.openRuleEditor({ effect, server, tool, recordId });
    });
    notification.on('click', () => deps.showWindow());
    notification.on('close', () => shown.delete(request.id));
    notification.show();
  };
}
