/**
 * REST and IPC answer from the one service: the same server list, with the same status rule,
 * through both doors. A quarantined server whose connection failed used to show `quarantined` in
 * the browser and `error` in the desktop window.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type SwitchboardHttpServer } from '../../../../src/main/core/http';
import type { Switchboard } from '../../../../src/main/core/switchboard';
import { openSwitchboardCore } from '../../../../src/main/core/switchboardCore';
import { registerIpcHandlers } from '../../../../src/main/desktop/ipcHandlers';
import { createPreloadApi } from '../../../../src/preload/createPreloadApi';
import { SwitchboardApiError, type SwitchboardApi } from '../../../../src/shared/api';
import { createRestClient, type RestClient } from '../../../../src/shared/restClient';
import { fakeIpc } from '../../desktop/fakeIpcMain';

const RENDERER = 'file:///app/out/renderer/index.html';
let dataDir: string;
let switchboard: Switchboard;
let http: SwitchboardHttpServer;
let rest: RestClient;
let ipc: SwitchboardApi;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-doors-'));
  const apiKey = randomBytes(24).toString('base64url');
  writeFileSync(
    join(dataDir, 'mcp_config.json'),
    JSON.stringify({
      listen: '127.0.0.1:0',
      api_key: apiKey,
      mcpServers: {
        broken: {
          command: process.execPath,
          args: [join(dataDir, 'no-such-server.js')],
          quarantined: true,
        },
      },
    }),
  );
  const core = await openSwitchboardCore({ dataDir, watchConfig: false, log: () => {} });
  switchboard = core.switchboard;
  // Resolves once the first connection attempt has failed.
  await core.upstreams.apply(switchboard.config.get());
  http = createHttpServer({
    switchboard,
    gateway: { handleRequest: async () => undefined },
    listen: '127.0.0.1:0',
    log: () => {},
  });
  const { port } = await http.listen();
  rest = createRestClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey });
  const fake = fakeIpc(RENDERER);
  registerIpcHandlers(fake.ipcMain, switchboard, {
    isTrustedSender: (url) => url === RENDERER,
    exports: {
      exportActivity: async () => ({ status: 'cancelled' }),
      showInFolder: () => {},
      abort: () => {},
    },
  });
  ipc = createPreloadApi(fake.ipcRenderer);
}, 60_000);

afterAll(async () => {
  await http?.close();
  await switchboard?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('every door shows what the service answers', () => {
  it('a quarantined server whose connection failed is `quarantined` through REST and IPC alike', async () => {
    const overRest = await rest.listServers();
    const overIpc = await ipc.listServers();
    expect(overRest).toEqual(overIpc);
    expect(overRest).toMatchObject([{ name: 'broken', status: 'quarantined', quarantined: true }]);
    await expect(rest.getServer('broken')).resolves.toEqual(overRest[0]);
  });

  it('an unknown server is the same SwitchboardApiError through both bridges', async () => {
    const overRest = await rest.getServerTools('nope').catch((error: unknown) => error);
    const overIpc = await ipc.getServerTools('nope').catch((error: unknown) => error);
    expect(overRest).toBeInstanceOf(SwitchboardApiError);
    expect(overIpc).toBeInstanceOf(SwitchboardApiError);
    expect({ ...(overRest as object), message: (overRest as Error).message }).toEqual({
      ...(overIpc as object),
      message: (overIpc as Error).message,
    });
  });

  it('status counts the server under the same rule through both doors', async () => {
    const [overRest, overIpc] = await Promise.all([rest.getStatus(), ipc.getStatus()]);
    expect(overRest.servers).toEqual(overIpc.servers);
    expect(overRest.servers).toMatchObject({ quarantined: 1, error: 0, total: 1 });
  });
});
