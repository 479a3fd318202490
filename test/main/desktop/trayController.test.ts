import { afterEach, describe, expect, it } from 'vitest';
import { createTrayActivityTracker } from '../../../src/main/desktop/trayActivityTracker';
import {
  createTrayController,
  type TrayController,
} from '../../../src/main/desktop/trayController';
import type { TrayIconState } from '../../../src/main/desktop/trayIconState';
import { toMenuTemplate } from '../../../src/main/desktop/trayMenu';
import type { TrayAction, TrayMenuItem, TrayServer } from '../../../src/main/desktop/trayMenuModel';
import { blockedEvent } from './activityRecordFixture';

let controller: TrayController | undefined;
afterEach(() => controller?.dispose());

describe('tray controller (Electron Tray faked)', () => {
  it('shows the icon for the state, the tooltip and a menu whose clicks dispatch actions', () => {
    const images: string[] = [];
    const tooltips: string[] = [];
    const menus: TrayMenuItem[][] = [];
    const dispatched: TrayAction[] = [];
    const tracker = createTrayActivityTracker();
    let servers: TrayServer[] = [{ name: 'everything', status: 'ready', quarantined: false }];
    controller = createTrayController<string, TrayMenuItem[]>({
      tray: {
        setImage: (image) => images.push(image),
        setToolTip: (text) => tooltips.push(text),
        setContextMenu: (menu) => menus.push(menu),
      },
      icons: {
        idle: 'idle.png',
        active: 'active.png',
        blocked: 'blocked.png',
        down: 'down.png',
        attention: 'attention.png',
        waiting: 'waiting.png',
      } satisfies Record<TrayIconState, string>,
      buildMenu: (items) => items,
      dispatch: (action) => dispatched.push(action),
      tracker,
      servers: () => servers,
      isMuted: () => false,
    });
    expect(controller.refresh()).toBe('idle');
    tracker.observe(blockedEvent());
    expect(controller.refresh()).toBe('blocked');
    servers = [{ name: 'everything', status: 'error', quarantined: false }];
    expect(controller.refresh()).toBe('down');
    expect(images).toEqual(['idle.png', 'blocked.png', 'down.png']);
    expect(tooltips.at(-1)).toBe(
      'Switchboard: An upstream server is down\nToday: 1 call, 0 errors, 1 blocked',
    );
    // Unchanged state: nothing is rebuilt.
    const menuCount = menus.length;
    controller.refresh();
    expect(menus.length).toBe(menuCount);

    const template = toMenuTemplate(menus.at(-1) ?? [], (action) => dispatched.push(action));
    const quit = template.find((item) => item.label === 'Quit');
    quit?.click?.(undefined as never, undefined, undefined as never);
    const mute = template.find((item) => item.type === 'checkbox');
    mute?.click?.(undefined as never, undefined, undefined as never);
    expect(dispatched).toEqual([{ type: 'quit' }, { type: 'toggle-mute' }]);
    const servers2 = template.find((item) => item.label === 'Servers (1)');
    expect(Array.isArray(servers2?.submenu)).toBe(true);
  });

  it('shows the waiting icon, the tooltip and a menu whose Allow dispatches a decision while approvals wait', () => {
    const images: string[] = [];
    const tooltips: string[] = [];
    const menus: TrayMenuItem[][] = [];
    const dispatched: TrayAction[] = [];
    let approvals = [{ id: 'a1', server_name: 'github', tool_name: 'delete_repo' }];
    controller = createTrayController<string, TrayMenuItem[]>({
      tray: {
        setImage: (image) => images.push(image),
        setToolTip: (text) => tooltips.push(text),
        setContextMenu: (menu) => menus.push(menu),
      },
      icons: { idle: 'i', active: 'a', blocked: 'b', down: 'd', attention: 't', waiting: 'w' },
      buildMenu: (items) => items,
      dispatch: (action) => dispatched.push(action),
      tracker: createTrayActivityTracker(),
      servers: () => [],
      isMuted: () => false,
      approvals: () => approvals,
    });
    expect(controller.refresh()).toBe('waiting');
    expect(tooltips.at(-1)).toMatch(/^Switchboard: 1 call waits for your approval\n/);
    const template = toMenuTemplate(menus.at(-1) ?? [], (action) => dispatched.push(action));
    const allow = template.find((item) => item.label === 'Approve github__delete_repo?')
      ?.submenu as Electron.MenuItemConstructorOptions[] | undefined;
    allow?.[0]?.click?.(undefined as never, undefined, undefined as never);
    expect(dispatched).toEqual([{ type: 'decide-approval', id: 'a1', decision: 'allow_once' }]);
    approvals = [];
    expect(controller.refresh()).toBe('idle');
    expect(images).toEqual(['w', 'i']);
    expect(tooltips.at(-1)).not.toMatch(/approval/);
    expect(menus.at(-1)?.[0]).toMatchObject({ label: expect.stringMatching(/^Switchboard:/) });
  });
});
