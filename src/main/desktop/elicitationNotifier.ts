/**
 * The desktop notification of an upstream's elicitation (SPEC 10): `<server> asks for input` with
 * the server's message. No answer buttons: a form needs the window, so a click opens it on the
 * request (above every view, scrolled to and focused). Never muted with the blocked-call notices: a call waits on this
 * person. Electron's Notification is passed in, so this runs in tests without Electron.
 */
import type { ApprovalEvent, PendingElicitation } from '../../shared/approvals';
import { untrustedLine } from './untrustedLine';

export interface ElicitationNotificationOptions {
  title: string;
  body: string;
}

export interface ElicitationNotificationLike {
  on(event: 'click' | 'close', listener: () => void): void;
  show(): void;
  close(): void;
}

export interface ElicitationNotifierDeps {
  createNotification(options: ElicitationNotificationOptions): ElicitationNotificationLike;
  /** Opens (or raises) the window and brings this request, above every view, into focus. */
  showRequest(id: string): void;
}

const BODY_CHARS = 140;

export function elicitationNotificationOptions(
  request: PendingElicitation,
): ElicitationNotificationOptions {
  const calls = request.related_record_ids.length;
  const during = calls > 1 ? ` (during ${calls} calls)` : '';
  const ask = request.mode === 'url' ? 'Asks you to open a link' : 'Answer in Switchboard';
  return {
    title: `${request.server_name} asks for input${during}`,
    body: [untrustedLine(request.message, BODY_CHARS), ask].filter(Boolean).join('\n'),
  };
}

/** Returns the listener for the pending-request registry's events; approvals are not its job. */
export function createElicitationNotifier(
  deps: ElicitationNotifierDeps,
): (event: ApprovalEvent) => void {
  // Held, so Electron does not collect a notification (and drop its handlers) while it shows.
  const shown = new Map<string, ElicitationNotificationLike>();
  return (event) => {
    const { request } = event;
    if (request.kind !== 'elicitation') return;
    if (event.event === 'approval.resolved') {
      shown.get(request.id)?.close();
      shown.delete(request.id);
      return;
    }
    const notification = deps.createNotification(elicitationNotificationOptions(request));
    shown.set(request.id, notification);
    notification.on('click', () => deps.showRequest(request.id));
    notification.on('close', () => shown.delete(request.id));
    notification.show();
  };
}
