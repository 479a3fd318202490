/** Shows a desktop notification; a click runs `onClick`. */
import { Notification } from 'electron';

/** Electron drops a notification's click handler when the object is collected: hold them. */
const shown = new Set<Notification>();

export interface DesktopNotice {
  title: string;
  body: string;
  iconPath?: string;
  onClick?: () => void;
}

export function showNotification(notice: DesktopNotice): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({
    title: notice.title,
    body: notice.body,
    ...(notice.iconPath ? { icon: notice.iconPath } : {}),
  });
  shown.add(notification);
  const release = (): void => {
    shown.delete(notification);
  };
  notification.on('click', () => {
    release();
    notice.onClick?.();
  });
  notification.on('close', release);
  notification.show();
}
