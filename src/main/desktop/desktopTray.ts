/**
 * The tray (SPEC 9): icon by state, tooltip with today's counts, the menu, blocked-call
 * notifications and one-click exports. Wires Electron's Tray to the pure models next to it.
 */
import { join } from 'node:path';
import { app, Menu, nativeImage, shell, Tray, type NativeImage } from 'electron';
import type { PendingElicitation } from '../../shared/approvals';
import type { RuleFromRecordRequest } from '../../shared/ruleFromRecord';
import type { Switchboard } from '../core/switchboard';
import { serverInfos } from '../core/servers/serverInfo';
import { createBlockedCallNotifier, type BlockedCallNotification } from './blockedCallNotifier';
import { createToolChangeNotifier } from './toolChangeNotifier';
import { createTrayActivityTracker, startOfLocalDay } from './trayActivityTracker';
import { createTrayController } from './trayController';
import { TRAY_ICON_STATES, type TrayIconState, type TodayCounts } from './trayIconState';
import { toMenuTemplate } from './trayMenu';
import type { TrayAction } from './trayMenuModel';
import { exportLast24Hours } from './trayExport';

export interface DesktopTrayNotice {
  title: string;
  body: string;
  onClick?: () => void;
}

export interface DesktopTrayDeps {
  switchboard: Switchboard;
  resourcesDir: string;
  showWindow(recordId?: string): void;
  /** Opens the window on a changed tool's diff. */
  showToolDiff(server: string, tool: string): void;
  notify(notice: DesktopTrayNotice): void;
  /** A blocked call's notification, with its rule actions (blockedCallNotice.ts). */
  notifyBlockedCall(notification: BlockedCallNotification): void;
  /** The rule editor, prefilled (a held call's rule actions). */
  openRuleEditor(request: RuleFromRecordRequest): void;
  showAbout(): void;
}

export interface DesktopTray {
  dispose(): void;
}

function loadIcons(resourcesDir: string): Record<TrayIconState, NativeImage> {
  const icons = {} as Record<TrayIconState, NativeImage>;
  // nativeImage picks `<name>@2x.png` next to the file on high-DPI screens.
  for (const state of TRAY_ICON_STATES) {
    icons[state] = nativeImage.createFromPath(join(resourcesDir, 'tray', `${state}.png`));
  }
  return icons;
}

function todayCounts(switchboard: Switchboard): TodayCounts {
  const base = {
    type: ['tool_call', 'policy_decision'] as ('tool_call' | 'policy_decision')[],
    start_time: new Date(startOfLocalDay(Date.now())).toISOString(),
  };
  return {
    calls: switchboard.activity.count(base),
    errors: switchboard.activity.count({ ...base, status: ['error'] }),
    blocked: switchboard.activity.count({ ...base, status: ['blocked'] }),
  };
}

export function startTray(deps: DesktopTrayDeps): DesktopTray {
  const { switchboard } = deps;
  const icons = loadIcons(deps.resourcesDir);
  const tray = new Tray(icons.idle);
  let muted = false;

  const tracker = createTrayActivityTracker();
  tracker.seed(
    switchboard.activity.list({ limit: 50, type: ['tool_call', 'policy_decision'] }).activities,
    todayCounts(switchboard),
  );

  const notifier = createBlockedCallNotifier({
    isMuted: () => muted,
    notify: (notification) => deps.notifyBlockedCall(notification),
  });

  const toolChanges = createToolChangeNotifier({
    isMuted: () => muted,
    notify: ({ title, body, server, tool }) =>
      deps.notify({ title, body, onClick: () => deps.showToolDiff(server, tool) }),
  });

  const serverAction = (name: string, action: 'restart' | 'quarantine' | 'unquarantine'): void => {
    switchboard.servers.act(name, action).catch((error: unknown) =>
      deps.notify({
        title: `Could not ${action} ${name}`,
        body: error instanceof Error ? error.message : String(error),
      }),
    );
  };

  const dispatch = (action: TrayAction): void => {
    switch (action.type) {
      case 'open-window':
        return deps.showWindow();
      case 'open-record':
        return deps.showWindow(action.id);
      case 'decide-approval':
        void switchboard.service
          .decideApproval(action.id, { decision: action.decision }, 'desktop')
          .catch(() => undefined); // Decided elsewhere first: the menu refreshes without it.
        return;
      case 'answer-elicitation':
        void switchboard.service
          .decideApproval(action.id, { action: action.action }, 'desktop')
          .catch(() => undefined); // Answered elsewhere first: the menu refreshes without it.
        return;
      case 'rule-from-approval':
        return deps.openRuleEditor(action.request);
      case 'restart-server':
        return serverAction(action.name, 'restart');
      case 'quarantine-server':
        return serverAction(action.name, 'quarantine');
      case 'unquarantine-server':
        return serverAction(action.name, 'unquarantine');
      case 'export-last-24h':
        void exportLast24Hours(action.format, {
          service: switchboard.service,
          downloadsDir: app.getPath('downloads'),
          notify: ({ title, body, openPath }) =>
            deps.notify({
              title,
              body,
              ...(openPath ? { onClick: () => void shell.openPath(openPath) } : {}),
            }),
        });
        return;
      case 'toggle-mute':
        muted = !muted;
        controller.refresh();
        return;
      case 'open-data-dir':
        void shell.openPath(switchboard.dataDir);
        return;
      case 'about':
        return deps.showAbout();
      case 'quit':
        app.quit();
        return;
    }
  };

  const controller = createTrayController({
    tray,
    icons,
    buildMenu: (items, onAction) => Menu.buildFromTemplate(toMenuTemplate(items, onAction)),
    dispatch,
    tracker,
    servers: () =>
      serverInfos(switchboard.config.get(), switchboard.upstreams).map(
        ({ name, status, quarantined }) => ({
          name,
          status,
          quarantined,
        }),
      ),
    toolsAwaitingReview: () => switchboard.pins.blocked().length,
    isMuted: () => muted,
    approvals: () =>
      switchboard.approvals.pending().filter((request) => request.kind === 'approval'),
    elicitations: () =>
      switchboard.approvals
        .pending()
        .filter((request): request is PendingElicitation => request.kind === 'elicitation'),
  });
  tray.on('click', () => deps.showWindow());

  const unsubscribers = [
    switchboard.events.subscribe((event) => {
      tracker.observe(event);
      notifier.observe(event);
      toolChanges.observe(event);
      controller.invalidate();
    }),
    switchboard.upstreams.onDidChange(() => controller.invalidate()),
    // At once, not coalesced: the menu entry is how a person answers a waiting call.
    switchboard.approvals.onDidChange(() => controller.refresh()),
  ];
  controller.refresh();

  return {
    dispose() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      notifier.dispose();
      controller.dispose();
      tray.destroy();
    },
  };
}
