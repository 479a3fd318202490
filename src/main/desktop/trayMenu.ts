/** Turns the tray menu model into Electron's menu template; clicks dispatch the item's action. */
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayMenuItem } from './trayMenuModel';

export function toMenuTemplate(
  items: TrayMenuItem[],
  dispatch: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { label: item.label, submenu: toMenuTemplate(item.items, dispatch) };
      case 'checkbox':
        return {
          type: 'checkbox',
          label: item.label,
          checked: item.checked,
          click: () => dispatch(item.action),
        };
      case 'item': {
        const { action } = item;
        return action
          ? { label: item.label, enabled: item.enabled, click: () => dispatch(action) }
          : { label: item.label, enabled: item.enabled };
      }
    }
  });
}
