/**
 * The desktop side of tool pinning with Electron faked and the core real: the notification
 * `Tool changed: <server>__<tool>` whose click opens the diff, the tray's attention state while a
 * changed tool is blocked, and approval over the IPC handlers.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSwitchboardCore, type SwitchboardCore } from '../../../src/main/core/switchboardCore';
import { createCoreRequestHandlers } from '../../../src/main/desktop/coreRequestHandlers';
import {
  createToolChangeNotifier,
  type ToolChangeNotification,
} from '../../../src/main/desktop/toolChangeNotifier';
import { createTrayActivityTracker } from '../../../src/main/desktop/trayActivityTracker';
import {
  createTrayController,
  type TrayController,
} from '../../../src/main/desktop/trayController';
import { TRAY_ICON_STATES, type TrayIconState } from '../../../src/main/desktop/trayIconState';
import {
  FETCH_TOOL,
  SEARCH_TOOL,
  SEARCH_TOOL_CHANGED,
  pinnedToolsEntry,
  writeTools,
} from '../../support/pinnedTools';

let dir: string;
let toolsFile: string;
let core: SwitchboardCore;
let controller: TrayController | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'swb-pins-desktop-'));
  toolsFile = join(dir, 'tools.json');
  writeTools(toolsFile, [SEARCH_TOOL, FETCH_TOOL]);
  writeFileSync(
    join(dir, 'mcp_config.json'),
    JSON.stringify({
      listen: '127.0.0.1:0',
      api_key: randomBytes(24).toString('base64url'),
      mcpServers: { docs: pinnedToolsEntry(toolsFile) },
    }),
  );
  core = await openSwitchboardCore({ dataDir: dir, watchConfig: false, log: () => {} });
  await core.upstreams.apply(core.switchboard.config.get());
});

afterEach(async () => {
  controller?.dispose();
  await core.switchboard.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('tool changes on the desktop (Electron faked, core real)', () => {
  it('notifies "Tool changed", opens the diff on click, and holds the tray in attention until approved', async () => {
    const { switchboard } = core;
    const notifications: ToolChangeNotification[] = [];
    const opened: [string, string][] = [];
    const notifier = createToolChangeNotifier({
      isMuted: () => false,
      notify: (notification) => notifications.push(notification),
    });
    switchboard.events.subscribe((event) => notifier.observe(event));
    const images: TrayIconState[] = [];
    controller = createTrayController<TrayIconState, unknown>({
      tray: {
        setImage: (image) => images.push(image),
        setToolTip: () => {},
        setContextMenu: () => {},
      },
      icons: Object.fromEntries(TRAY_ICON_STATES.map((s) => [s, s])) as Record<
        TrayIconState,
        TrayIconState
      >,
      buildMenu: () => null,
      dispatch: () => {},
      tracker: createTrayActivityTracker(),
      servers: () => [],
      toolsAwaitingReview: () => switchboard.pins.blocked().length,
      isMuted: () => false,
    });
    expect(controller.refresh()).toBe('idle');

    writeTools(toolsFile, [SEARCH_TOOL_CHANGED, FETCH_TOOL]);
    await switchboard.service.serverAction('docs', 'restart');
    await switchboard.recorder.flush();

    expect(notifications).toHaveLength(1);
    const [notice] = notifications;
    expect(notice?.title).toBe('Tool changed: docs__search');
    expect(notice?.body).toContain('blocked until it is approved');
    // What desktopTray does on click: open the window on this tool's diff.
    if (notice) opened.push([notice.server, notice.tool]);
    expect(opened).toEqual([['docs', 'search']]);
    expect(controller.refresh()).toBe('attention');

    const approved = await createCoreRequestHandlers(switchboard.service).approveTool(
      'docs',
      'search',
    );
    expect(approved.pin_status).toBe('pinned');
    expect(controller.refresh()).toBe('idle');
    expect(images).toEqual(['idle', 'attention', 'idle']);
  });

  it('says nothing while muted, and nothing for records that are not tool changes', () => {
    const notifications: ToolChangeNotification[] = [];
    let muted = true;
    const notifier = createToolChangeNotifier({
      isMuted: () => muted,
      notify: (notification) => notifications.push(notification),
    });
    const record = {
      id: '01J',
      type: 'quarantine_change' as const,
      server_name: 'docs',
      tool_name: 'search',
      reason: 'changed',
      metadata: { action: 'tool_changed' },
    };
    notifier.observe({ event: 'activity.quarantine_change', seq: 1, record: record as never });
    muted = false;
    notifier.observe({
      event: 'activity.quarantine_change',
      seq: 2,
      record: { ...record, metadata: { action: 'tool_approved' } } as never,
    });
    expect(notifications).toEqual([]);
    notifier.observe({ event: 'activity.quarantine_change', seq: 3, record: record as never });
    expect(notifications.map((n) => n.title)).toEqual(['Tool changed: docs__search']);
  });
});
