/**
 * The desktop path end to end without the Electron binary: the real core (createSwitchboard with
 * server-everything), the real IPC handlers and preload bridge joined by structured-clone IPC
 * doubles, and an agent making a blocked call through /mcp.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSwitchboard } from '../../../src/main/core/createSwitchboard';
import type { Switchboard } from '../../../src/main/core/switchboard';
import {
  createBlockedCallNotifier,
  type BlockedCallNotification,
} from '../../../src/main/desktop/blockedCallNotifier';
import { createExportIpcHandlers } from '../../../src/main/desktop/exportIpc';
import { forwardSwitchboardEvents } from '../../../src/main/desktop/forwardSwitchboardEvents';
import { registerIpcHandlers } from '../../../src/main/desktop/ipcHandlers';
import { createPreloadApi } from '../../../src/preload/createPreloadApi';
import type { ActivityEvent } from '../../../src/shared/activity';
import type { SwitchboardApi } from '../../../src/shared/api';
import { connectAgent, resultText } from '../../support/agent';
import { everythingStdioEntry } from '../../support/mcpServers';
import { fakeIpc } from './fakeIpcMain';

const RENDERER = 'file:///app/out/renderer/index.html';
let dataDir: string;
let switchboard: Switchboard;
let api: SwitchboardApi;
const stops: (() => void)[] = [];

function serversReady(core: Switchboard): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (core.upstreams.states().every((server) => server.status === 'ready')) {
        stop();
        resolve();
      }
    };
    const stop = core.upstreams.onDidChange(check);
    check();
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-ipc-'));
  writeFileSync(
    join(dataDir, 'mcp_config.json'),
    JSON.stringify({
      listen: '127.0.0.1:0',
      api_key: 'desktop-ipc-test-key-0123456789',
      mcpServers: { everything: everythingStdioEntry() },
      policies: [
        {
          id: 'no-echo',
          effect: 'block',
          server: 'everything',
          tool: 'echo',
          reason: 'Echo is off',
        },
      ],
    }),
  );
  switchboard = await createSwitchboard({ dataDir });
  await serversReady(switchboard);
  const ipc = fakeIpc(RENDERER);
  stops.push(
    registerIpcHandlers(ipc.ipcMain, switchboard, {
      isTrustedSender: (url) => url === RENDERER,
      exports: createExportIpcHandlers({
        service: switchboard.service,
        downloadsDir: dataDir,
        chooseSavePath: async () => null,
        showItemInFolder: () => {},
      }),
    }),
    forwardSwitchboardEvents(switchboard, ipc.sender.send),
  );
  api = createPreloadApi(ipc.ipcRenderer);
}, 60_000);

afterAll(async () => {
  for (const stop of stops) stop();
  await switchboard?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('desktop IPC against the real core (Electron APIs faked)', () => {
  it('lists the configured server and its tools with exposed names', async () => {
    const [server] = await api.listServers();
    expect(server).toMatchObject({ name: 'everything', status: 'ready', transport: 'stdio' });
    const tools = await api.getServerTools('everything');
    expect(tools.map((tool) => tool.exposed_name)).toContain('everything__echo');
  });

  it('pushes a blocked call to the window and raises one notification that opens its record', async () => {
    const notified = new Promise<BlockedCallNotification>((resolve) => {
      const notifier = createBlockedCallNotifier({ notify: resolve, isMuted: () => false });
      stops.push(
        switchboard.events.subscribe((event) => notifier.observe(event)),
        () => notifier.dispose(),
      );
    });
    const pushed = new Promise<ActivityEvent>((resolve) => {
      stops.push(
        api.onDidRecordActivity((event) => {
          if (event.event === 'activity.policy_decision') resolve(event);
        }),
      );
    });
    const { token } = await api.createToken('ipc-test');
    const agent = await connectAgent(switchboard.urls.mcp, token);
    try {
      const result = await agent.callTool({
        name: 'everything__echo',
        arguments: { message: 'hi' },
      });
      expect(resultText(result)).toBe('Blocked by Switchboard policy "no-echo": Echo is off');
    } finally {
      await agent.close();
    }
    const event = await pushed;
    expect(event.record).toMatchObject({
      status: 'blocked',
      server_name: 'everything',
      tool_name: 'echo',
      policy_id: 'no-echo',
      token_name: 'ipc-test',
    });
    await expect(notified).resolves.toEqual({
      title: 'Blocked: everything__echo',
      body: 'Echo is off',
      recordId: event.record.id,
      tool: { server: 'everything', tool: 'echo' },
    });
    await expect(api.getActivity(event.record.id)).resolves.toMatchObject({ id: event.record.id });
  });

  it('refuses an invalid policy list with the key path core names', async () => {
    const error = await api.setPolicies([{ effect: 'block' } as never]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'bad_request' });
    expect((error as Error).message).toMatch(/policies\[0\]\.id/);
    await expect(api.getPolicies()).resolves.toHaveLength(1);
  });

  it('quarantines a server from the tray or window and reports it', async () => {
    const quarantined = await api.serverAction('everything', 'quarantine');
    expect(quarantined).toMatchObject({ name: 'everything', quarantined: true });
    const unknown = await api.serverAction('nope', 'restart').catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'not_found' });
  });
});
