/**
 * The desktop app (SPEC 9): starts core, then the window, tray, notifications and IPC. This file
 * only wires Electron's objects to the small tested modules next to it.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Notification, session, shell } from 'electron';
import { EVENT_CHANNELS } from '../../shared/ipc';
import { CONFIG_FILE_NAME } from '../core/config/defaults';
import { resolveDataDir } from '../core/config/dataDir';
import type { Switchboard } from '../core/switchboard';
import { electronNativeBinding, parseDesktopArgs, type DesktopArgs } from './desktopArgs';
import { createExportIpcHandlers } from './exportIpc';
import { forwardSwitchboardEvents } from './forwardSwitchboardEvents';
import { registerIpcHandlers } from './ipcHandlers';
import { attachCloseToTray, mainWindowOptions } from './mainWindow';
import { createSwitchboard } from '../core/createSwitchboard';
import { READER_WORKER_ENTRY } from '../readerWorker';
import { RECORDER_WORKER_ENTRY } from '../recorderWorker';
import { TELEMETRY_WORKER_ENTRY } from '../telemetryWorker';
import { startSwitchboard } from './startSwitchboard';
import { desktopLauncher } from './desktopLauncher';
import { startTray, type DesktopTray } from './desktopTray';
import { createApprovalNotifier } from './approvalNotifier';
import { createElicitationNotifier } from './elicitationNotifier';
import { createBlockedCallNotice } from './blockedCallNotice';
import type { RuleFromRecordRequest } from '../../shared/ruleFromRecord';
import { showNotification } from './desktopNotifications';
import {
  contentSecurityPolicy,
  createAppUrlCheck,
  guardNavigation,
  installSessionSecurity,
  mainWindowWebPreferences,
  rendererUrl,
  type RendererSource,
} from './windowSecurity';

interface DesktopPaths {
  preload: string;
  resources: string;
  renderer: RendererSource;
  uiDir: string;
}

function desktopPaths(): DesktopPaths {
  const mainDir = import.meta.dirname;
  const rendererDir = join(mainDir, '..', 'renderer');
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    resources: app.isPackaged
      ? join(process.resourcesPath, 'resources')
      : join(app.getAppPath(), 'resources'),
    renderer: devServerUrl
      ? { kind: 'dev', url: devServerUrl }
      : { kind: 'file', path: join(rendererDir, 'index.html') },
    uiDir: rendererDir,
  };
}

export async function runDesktopApp(argv: readonly string[]): Promise<void> {
  let args: DesktopArgs;
  try {
    args = parseDesktopArgs(argv);
  } catch (error) {
    process.stderr.write(`switchboard: ${(error as Error).message}\n`);
    app.exit(2);
    return;
  }
  if (args.version) {
    process.stdout.write(`${app.getVersion()}\n`);
    app.exit(0);
    return;
  }
  // A second launch focuses the running app instead of fighting over the data directory.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  // Windows shows notifications only for an app with an AppUserModelId (the installer's appId).
  if (process.platform === 'win32') app.setAppUserModelId('dev.switchboard.desktop');
  // A terminal's Ctrl+C or `npm start` forwarding SIGTERM quits like the tray's Quit: the log is flushed.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  let quitting = false;
  let closed = false;
  let window: BrowserWindow | null = null;
  let switchboard: Switchboard | null = null;
  let tray: DesktopTray | null = null;

  app.on('window-all-closed', () => {
    // The app lives in the tray until Quit.
  });
  app.on('before-quit', (event) => {
    quitting = true;
    if (closed || !switchboard) return;
    // Quit flushes the activity log before the process exits.
    event.preventDefault();
    const closing = switchboard;
    switchboard = null;
    tray?.dispose();
    void closing
      .close()
      .catch((error: unknown) =>
        process.stderr.write(`switchboard: close failed: ${String(error)}\n`),
      )
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  await app.whenReady();
  const paths = desktopPaths();
  const dataDir = resolveDataDir(args.dataDir);
  const devServerUrl = paths.renderer.kind === 'dev' ? paths.renderer.url : undefined;
  installSessionSecurity(session.defaultSession, contentSecurityPolicy({ devServerUrl }));

  try {
    switchboard = await startSwitchboard({
      dataDir,
      configPath: args.configPath ?? join(dataDir, CONFIG_FILE_NAME),
      explicitConfigPath: args.configPath,
      listen: args.listen,
      uiDir: paths.uiDir,
      nativeBinding: electronNativeBinding({
        isPackaged: app.isPackaged,
        appPath: app.getAppPath(),
      }),
      create: (options) =>
        createSwitchboard({
          ...options,
          recorderWorker: RECORDER_WORKER_ENTRY,
          readerWorker: READER_WORKER_ENTRY,
          telemetryWorker: TELEMETRY_WORKER_ENTRY,
          launcher: desktopLauncher({ execPath: process.execPath, appPath: app.getAppPath() }),
        }),
      askToUsePort: async (prompt) => {
        const { response } = await dialog.showMessageBox({
          type: 'warning',
          title: 'Switchboard',
          message: prompt.message,
          detail: prompt.detail,
          buttons: prompt.buttons,
          defaultId: 0,
          cancelId: 1,
        });
        return response === 0;
      },
    });
  } catch (error) {
    dialog.showErrorBox('Switchboard cannot start', (error as Error).message);
    closed = true;
    app.exit(1);
    return;
  }
  if (!switchboard) {
    closed = true;
    app.quit();
    return;
  }
  const core = switchboard;
  const isAppUrl = createAppUrlCheck(paths.renderer);
  const iconPath = join(paths.resources, 'icon.png');

  function createWindow(show: boolean): BrowserWindow {
    const created = new BrowserWindow({
      ...mainWindowOptions({ preloadPath: paths.preload, iconPath }),
      // The flags of mainWindowWebPreferences, spelled out where the window is made so that static
      // checkers (electronegativity, in test/security) can see them.
      webPreferences: {
        ...mainWindowWebPreferences(paths.preload),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    guardNavigation(created.webContents, {
      isAppUrl: (url) => isAppUrl(url),
      openExternal: (url) => void shell.openExternal(url),
    });
    attachCloseToTray(created, () => quitting);
    if (show) created.once('ready-to-show', () => created.show());
    const stopForwarding = forwardSwitchboardEvents(core, (channel, ...payload) => {
      if (!created.isDestroyed()) created.webContents.send(channel, ...payload);
    });
    created.on('closed', () => {
      stopForwarding();
      if (window === created) window = null;
    });
    void created.loadURL(rendererUrl(paths.renderer));
    return created;
  }

  function showWindow(recordId?: string): void {
    const target = window && !window.isDestroyed() ? window : (window = createWindow(false));
    if (target.isMinimized()) target.restore();
    target.show();
    target.focus();
    if (recordId === undefined) return;
    sendWhenLoaded(target, EVENT_CHANNELS.onDidRequestOpenRecord, recordId);
  }

  function showToolDiff(server: string, tool: string): void {
    showWindow();
    if (window) sendWhenLoaded(window, EVENT_CHANNELS.onDidRequestToolDiff, { server, tool });
  }

  function showRuleEditor(request: RuleFromRecordRequest): void {
    showWindow();
    if (window) sendWhenLoaded(window, EVENT_CHANNELS.onDidRequestRuleFromRecord, request);
  }

  function showPendingRequest(id: string): void {
    showWindow();
    if (window) sendWhenLoaded(window, EVENT_CHANNELS.onDidRequestOpenPendingRequest, id);
  }

  function sendWhenLoaded(target: BrowserWindow, channel: string, payload: unknown): void {
    const send = (): void => target.webContents.send(channel, payload);
    if (target.webContents.isLoading()) target.webContents.once('did-finish-load', send);
    else send();
  }

  registerIpcHandlers(ipcMain, core, {
    isTrustedSender: isAppUrl,
    exports: createExportIpcHandlers({
      service: core.service,
      downloadsDir: app.getPath('downloads'),
      chooseSavePath: async (defaultPath, format) => {
        const options = {
          title: 'Export activity',
          defaultPath,
          filters: [
            format === 'csv'
              ? { name: 'CSV', extensions: ['csv'] }
              : { name: 'JSON Lines', extensions: ['jsonl'] },
          ],
        };
        const result = window
          ? await dialog.showSaveDialog(window, options)
          : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      showItemInFolder: (path) => shell.showItemInFolder(path),
    }),
  });

  app.setAboutPanelOptions({
    applicationName: 'Switchboard',
    applicationVersion: app.getVersion(),
    copyright: 'MIT License',
  });
  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow());

  const showBlockedCall = createBlockedCallNotice({
    platform: process.platform,
    createNotification: (options) => new Notification({ ...options, icon: iconPath }),
    openRecord: (recordId) => showWindow(recordId),
    openRuleEditor: showRuleEditor,
  });
  tray = startTray({
    switchboard: core,
    resourcesDir: paths.resources,
    showWindow,
    showToolDiff,
    notify: (notice) => showNotification({ ...notice, iconPath }),
    notifyBlockedCall: (notification) => {
      if (Notification.isSupported()) showBlockedCall(notification);
    },
    showAbout: () => showAbout(core),
    openRuleEditor: showRuleEditor,
  });

  // Not muted with the blocked-call notices: a held call waits for exactly this person.
  core.approvals.onDidChange(
    createApprovalNotifier({
      platform: process.platform,
      createNotification: (options) => new Notification({ ...options, icon: iconPath }),
      decide: (id, decision) =>
        void core.service.decideApproval(id, { decision }, 'desktop').catch(() => undefined),
      showWindow: () => showWindow(),
      openRuleEditor: showRuleEditor,
    }),
  );
  // Likewise never muted: an upstream's call waits on this person's answer.
  core.approvals.onDidChange(
    createElicitationNotifier({
      createNotification: (options) => new Notification({ ...options, icon: iconPath }),
      showRequest: showPendingRequest,
    }),
  );

  window = createWindow(!args.hidden);
}

function showAbout(switchboard: Switchboard): void {
  void dialog
    .showMessageBox({
      type: 'info',
      title: 'About Switchboard',
      message: `Switchboard ${app.getVersion()}`,
      detail: [
        'A desktop MCP proxy with a live activity monitor.',
        `Electron ${process.versions.electron ?? '?'}, Node ${process.versions.node}`,
        `Data directory: ${switchboard.dataDir}`,
        `MCP endpoint: ${switchboard.urls.mcp}`,
      ].join('\n'),
      buttons: ['OK', 'Open data directory'],
      defaultId: 0,
    })
    .then(({ response }) => {
      if (response === 1) void shell.openPath(switchboard.dataDir);
    });
}
