/**
 * The window's security settings (SPEC 9): isolated, sandboxed renderer without Node, a strict
 * CSP, IPC only from our own page, and links leave the app only as http(s) through the shell.
 * Takes Electron's objects as narrow interfaces so tests can assert on them without Electron.
 */
import { pathToFileURL } from 'node:url';
import type { WebPreferences } from 'electron';

export function mainWindowWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // Middle-click must not open new windows around the navigation guard.
    disableBlinkFeatures: 'Auxclick',
  };
}

/**
 * The built UI needs its own scripts and styles (recharts writes inline style attributes, hence
 * 'unsafe-inline' for styles only), data: images and nothing from the network. The dev server
 * additionally needs its inline HMR preamble and websocket.
 */
export function contentSecurityPolicy(options: { devServerUrl?: string } = {}): string {
  const dev = options.devServerUrl ? new URL(options.devServerUrl) : null;
  const devSocket = dev ? ` ws://${dev.host}` : '';
  const directives = [
    "default-src 'none'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${devSocket}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ];
  return directives.join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** The part of `session.webRequest` and `session` used here. */
export interface SessionLike {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; resourceType: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
      ) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void,
  ): void;
}

/** Permissions the UI uses: copying config snippets to the clipboard. Everything else is refused. */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function installSessionSecurity(session: SessionLike, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const isDocument = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame';
    if (!isDocument) {
      callback({});
      return;
    }
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [policy],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  session.setPermissionRequestHandler((_webContents, permission, callback) =>
    callback(GRANTED_PERMISSIONS.has(permission)),
  );
}

export function isExternalHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** Where the renderer is loaded from: the built file, or the dev server (electron-vite dev). */
export type RendererSource = { kind: 'file'; path: string } | { kind: 'dev'; url: string };

export function rendererUrl(source: RendererSource): string {
  return source.kind === 'file' ? pathToFileURL(source.path).href : source.url;
}

/** True for URLs of our own UI: the renderer's file (any hash or query) or the dev server's origin. */
export function createAppUrlCheck(source: RendererSource): (url: string | undefined) => boolean {
  const expected = new URL(rendererUrl(source));
  return (url) => {
    if (!url) return false;
    let actual: URL;
    try {
      actual = new URL(url);
    } catch {
      return false;
    }
    if (source.kind === 'file') {
      return actual.protocol === 'file:' && actual.pathname === expected.pathname;
    }
    return actual.origin === expected.origin;
  };
}

/** The part of `webContents` navigation guarding uses. */
export interface NavigationWebContentsLike {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

/**
 * New windows are never opened in-app; a page never navigates away from our UI. An http(s) link
 * goes to the user's browser; anything else (file:, javascript:, custom schemes) is dropped.
 */
export function guardNavigation(
  webContents: NavigationWebContentsLike,
  options: { isAppUrl: (url: string) => boolean; openExternal: (url: string) => void },
): void {
  webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalHttpUrl(url)) options.openExternal(url);
    return { action: 'deny' };
  });
  const onNavigate = (event: { preventDefault(): void }, url: string): void => {
    if (options.isAppUrl(url)) return;
    event.preventDefault();
    if (isExternalHttpUrl(url)) options.openExternal(url);
  };
  webContents.on('will-navigate', onNavigate);
  webContents.on('will-redirect', onNavigate);
  webContents.on('will-attach-webview', (event) => event.preventDefault());
}
