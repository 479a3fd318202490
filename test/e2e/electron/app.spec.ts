import { expect, test } from '@playwright/test';
import { connectAgent, resultText } from '../../support/agent';
import { electronSkipReason, launchApp, type LaunchedApp, type PageGlobals } from './electronApp';

const skipReason = electronSkipReason();
if (skipReason) console.warn(`electron e2e skipped: ${skipReason}`);
test.skip(skipReason !== null, skipReason ?? '');

let launched: LaunchedApp;
test.afterEach(async () => {
  await launched?.close();
});

test('the window opens on the UI with the bridge and no Node in the page', async () => {
  launched = await launchApp();
  const { window } = launched;
  await expect(window).toHaveTitle('Switchboard');
  const exposed = await window.evaluate(() => ({
    hasRequire: 'require' in globalThis,
    hasProcess: 'process' in globalThis,
    methods: Object.keys((globalThis as unknown as { switchboard: object }).switchboard).length,
  }));
  expect(exposed).toEqual({ hasRequire: false, hasProcess: false, methods: expect.any(Number) });
});

test('IPC lists servers and tokens and refuses bad payloads with a clear error', async () => {
  launched = await launchApp();
  const { window } = launched;
  const servers = await window.evaluate(() =>
    (globalThis as unknown as PageGlobals).switchboard.listServers(),
  );
  expect(servers.map((server) => server.name)).toEqual(['everything']);
  const error = await window.evaluate(() =>
    (globalThis as unknown as PageGlobals).switchboard.listActivity({ limit: 500 }).then(
      () => null,
      (e: { name: string; code: string; message: string }) => ({
        name: e.name,
        code: e.code,
        message: e.message,
      }),
    ),
  );
  expect(error).toEqual({
    name: 'SwitchboardApiError',
    code: 'bad_request',
    message: 'listActivity: query.limit: expected a value <= 100, got the number 500',
  });
});

test('a blocked call raises a desktop notification named for the tool', async () => {
  launched = await launchApp({
    policies: [
      {
        id: 'no-echo',
        effect: 'block',
        server: 'everything',
        tool: 'echo',
        reason: 'Echo is off in e2e',
      },
    ],
  });
  const { app, window } = launched;
  const notified = app.evaluate(
    ({ Notification }) =>
      new Promise<{ title: string; body: string }>((resolve) => {
        Object.defineProperty(Notification, 'isSupported', { value: () => true });
        const show = Notification.prototype.show;
        Notification.prototype.show = function (this: Electron.Notification) {
          resolve({ title: this.title, body: this.body });
          return show.call(this);
        };
      }),
  );
  const created = await window.evaluate(() =>
    (globalThis as unknown as PageGlobals).switchboard.createToken('electron-e2e'),
  );
  const status = await window.evaluate(() =>
    (globalThis as unknown as PageGlobals).switchboard.getStatus(),
  );
  const agent = await connectAgent(status.mcp_url, created.token);
  const result = await agent.callTool({ name: 'everything__echo', arguments: { message: 'hi' } });
  expect(resultText(result)).toBe('Blocked by Switchboard policy "no-echo": Echo is off in e2e');
  await agent.close();
  await expect(notified).resolves.toEqual({
    title: 'Blocked: everything__echo',
    body: 'Echo is off in e2e',
  });
});
