import { describe, expect, it } from 'vitest';
import {
  attachCloseToTray,
  mainWindowOptions,
  startsHidden,
} from '../../../src/main/desktop/mainWindow';
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  createAppUrlCheck,
  guardNavigation,
  installSessionSecurity,
  isExternalHttpUrl,
  type NavigationWebContentsLike,
  type SessionLike,
} from '../../../src/main/desktop/windowSecurity';

describe('main window (Electron APIs faked: no Electron binary here)', () => {
  it('isolates and sandboxes the renderer, without Node, with web security on', () => {
    const options = mainWindowOptions({
      preloadPath: '/app/out/preload/index.cjs',
      iconPath: '/i.png',
    });
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('hides on close unless the app is quitting', () => {
    let quitting = false;
    let closeListener: ((event: { preventDefault(): void }) => void) | undefined;
    let hidden = 0;
    attachCloseToTray(
      {
        on: (_event, listener) => {
          closeListener = listener;
        },
        hide: () => {
          hidden += 1;
        },
      },
      () => quitting,
    );
    let prevented = 0;
    const event = { preventDefault: () => (prevented += 1) };
    closeListener?.(event);
    expect([prevented, hidden]).toEqual([1, 1]);
    quitting = true;
    closeListener?.(event);
    expect([prevented, hidden]).toEqual([1, 1]);
  });

  it('starts in the tray with --hidden', () => {
    expect(startsHidden(['.', '--hidden'])).toBe(true);
    expect(startsHidden(['.'])).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows only our own scripts, no network, no plugins, no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; " +
        "frame-ancestors 'none'; object-src 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it("relaxes only for the dev server's HMR preamble and socket", () => {
    const dev = contentSecurityPolicy({ devServerUrl: 'http://localhost:5173/' });
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
  });

  it('is set as a response header on documents and refuses permissions but clipboard writes', () => {
    let headersListener: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0] | undefined;
    let permissionHandler: Parameters<SessionLike['setPermissionRequestHandler']>[0] | undefined;
    installSessionSecurity(
      {
        webRequest: { onHeadersReceived: (listener) => (headersListener = listener) },
        setPermissionRequestHandler: (handler) => (permissionHandler = handler),
      },
      'default-src the-policy',
    );
    const answers: unknown[] = [];
    headersListener?.(
      {
        url: 'file:///app/out/renderer/index.html',
        resourceType: 'mainFrame',
        responseHeaders: { A: ['1'] },
      },
      (response) => answers.push(response),
    );
    headersListener?.(
      { url: 'file:///app/out/renderer/x.js', resourceType: 'script' },
      (response) => answers.push(response),
    );
    expect(answers).toEqual([
      {
        responseHeaders: {
          A: ['1'],
          'Content-Security-Policy': ['default-src the-policy'],
          'X-Content-Type-Options': ['nosniff'],
        },
      },
      {},
    ]);
    const granted: [string, boolean][] = [];
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-sanitized-write',
    ]) {
      permissionHandler?.(null, permission, (ok) => granted.push([permission, ok]));
    }
    expect(granted).toEqual([
      ['media', false],
      ['geolocation', false],
      ['notifications', false],
      ['clipboard-sanitized-write', true],
    ]);
  });
});

describe('navigation guard (Electron APIs faked)', () => {
  function fakeWebContents() {
    const listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
    const contents: NavigationWebContentsLike = {
      setWindowOpenHandler: (handler) => {
        openHandler = handler;
      },
      on: (event: string, listener: (event: { preventDefault(): void }, url: string) => void) => {
        listeners.set(event, listener);
        return contents;
      },
    };
    return {
      contents,
      open: (url: string) => openHandler?.({ url }),
      navigate(url: string): boolean {
        let prevented = false;
        listeners.get('will-navigate')?.({ preventDefault: () => (prevented = true) }, url);
        return prevented;
      },
      attachWebview(): boolean {
        let prevented = false;
        listeners.get('will-attach-webview')?.({ preventDefault: () => (prevented = true) }, '');
        return prevented;
      },
    };
  }

  it('never opens windows in-app; http(s) links go to the browser, other schemes nowhere', () => {
    const opened: string[] = [];
    const fake = fakeWebContents();
    guardNavigation(fake.contents, {
      isAppUrl: createAppUrlCheck({ kind: 'file', path: '/app/out/renderer/index.html' }),
      openExternal: (url) => opened.push(url),
    });
    expect(fake.open('https://modelcontextprotocol.io/')).toEqual({ action: 'deny' });
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(fake.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(fake.navigate('http://example.com/docs')).toBe(true);
    expect(fake.navigate('file:///app/out/renderer/index.html#/summary')).toBe(false);
    expect(fake.navigate('file:///etc/passwd')).toBe(true);
    expect(fake.attachWebview()).toBe(true);
    expect(opened).toEqual(['https://modelcontextprotocol.io/', 'http://example.com/docs']);
  });

  it('treats only http and https as external', () => {
    expect(isExternalHttpUrl('https://a.example')).toBe(true);
    expect(isExternalHttpUrl('mailto:a@b.c')).toBe(false);
    expect(isExternalHttpUrl('not a url')).toBe(false);
  });
});

describe('trusted IPC senders', () => {
  it('accepts our renderer file with any hash or query, nothing else', () => {
    const trusted = createAppUrlCheck({ kind: 'file', path: '/app/out/renderer/index.html' });
    expect(trusted('file:///app/out/renderer/index.html')).toBe(true);
    expect(trusted('file:///app/out/renderer/index.html#/activity?id=1')).toBe(true);
    expect(trusted('file:///tmp/evil.html')).toBe(false);
    expect(trusted('http://127.0.0.1:8080/')).toBe(false);
    expect(trusted(undefined)).toBe(false);
    expect(trusted('')).toBe(false);
  });

  it("accepts the dev server's origin in development", () => {
    const trusted = createAppUrlCheck({ kind: 'dev', url: 'http://localhost:5173/' });
    expect(trusted('http://localhost:5173/#/summary')).toBe(true);
    expect(trusted('http://localhost:5174/')).toBe(false);
    expect(trusted('file:///app/out/renderer/index.html')).toBe(false);
  });
});
