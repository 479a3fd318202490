import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerIpcHandlers, type ExportIpcHandlers } from '../../../src/main/desktop/ipcHandlers';
import { createPreloadApi } from '../../../src/preload/createPreloadApi';
import { SwitchboardApiError, type SwitchboardApi } from '../../../src/shared/api';
import { EXPORT_ABORT_CHANNEL, INVOKE_CHANNELS, INVOKE_METHODS } from '../../../src/shared/ipc';
import {
  elicitationResolvers,
  newPendingElicitation,
} from '../../../src/main/core/elicitation/elicitationRequest';
import { activityRecord } from './activityRecordFixture';
import { desktopCoreFixture, type DesktopCoreFixture } from './desktopCoreFixture';
import { fakeIpc } from './fakeIpcMain';

const RENDERER = 'file:///app/out/renderer/index.html';
const isTrustedSender = (url: string | undefined): boolean => url?.startsWith(RENDERER) ?? false;

const noExports: ExportIpcHandlers = {
  exportActivity: async () => ({ status: 'cancelled' }),
  showInFolder: () => {},
  abort: () => {},
};

let core: DesktopCoreFixture;
beforeEach(async () => {
  core = await desktopCoreFixture();
});
afterEach(async () => {
  await core.cleanup();
});

function connect(frameUrl: string | null = `${RENDERER}#/activity`, exports = noExports) {
  const ipc = fakeIpc(frameUrl);
  const dispose = registerIpcHandlers(ipc.ipcMain, core.switchboard, { isTrustedSender, exports });
  return { ...ipc, dispose, api: createPreloadApi(ipc.ipcRenderer) };
}

async function failure(promise: Promise<unknown>): Promise<SwitchboardApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SwitchboardApiError);
  return error as SwitchboardApiError;
}

describe('IPC handlers (Electron APIs faked: no Electron binary here)', () => {
  it('registers one handler per channel of the table and removes them all on dispose', () => {
    const { handlers, listeners, dispose } = connect();
    expect([...handlers.keys()].sort()).toEqual(
      INVOKE_METHODS.map((m) => INVOKE_CHANNELS[m]).sort(),
    );
    expect(listeners.get(EXPORT_ABORT_CHANNEL)?.size).toBe(1);
    dispose();
    expect(handlers.size).toBe(0);
    expect(listeners.get(EXPORT_ABORT_CHANNEL)?.size).toBe(0);
  });

  it('answers the preload bridge from the real activity store', async () => {
    const { api } = connect();
    const record = activityRecord({ tool_name: 'echo', server_name: 'everything' });
    core.switchboard.recorder.enqueue(record);
    await core.switchboard.recorder.flush();
    const page = await api.listActivity({ limit: 10 });
    expect(page.activities.map((row) => row.id)).toEqual([record.id]);
    expect(page.activities[0]).not.toHaveProperty('arguments');
    await expect(api.getActivity(record.id)).resolves.toMatchObject({
      id: record.id,
      tool_name: 'echo',
    });
    await expect(api.getActivity('01JNOTTHERE0000000000000000')).resolves.toBeNull();
    const summary = await api.getSummary('24h', {});
    expect(summary.total).toBe(1);
    await expect(api.getStatus()).resolves.toMatchObject({ data_dir: core.dataDir });
  });

  it('creates, lists and revokes MCP tokens; an unknown id is not_found', async () => {
    const { api } = connect();
    const created = await api.createToken('Claude Desktop');
    expect(created.token).toMatch(/^swb_/);
    await expect(api.listTokens()).resolves.toMatchObject([{ id: created.id, revoked: false }]);
    await expect(api.revokeToken(created.id)).resolves.toBeNull();
    expect((await failure(api.revokeToken('nope'))).code).toBe('not_found');
  });

  it('clears the log and leaves a record saying who cleared what', async () => {
    const { api } = connect();
    core.switchboard.recorder.enqueue(activityRecord());
    core.switchboard.recorder.enqueue(activityRecord());
    await core.switchboard.recorder.flush();
    await expect(api.clearActivity({ all: true })).resolves.toEqual({ deleted: 2 });
    await core.switchboard.recorder.flush();
    const [left] = (await api.listActivity({})).activities;
    expect(left).toMatchObject({
      type: 'server_change',
      reason: 'Activity log cleared (2 records) via the desktop app',
      metadata: { action: 'clear_log', all: true, deleted: 2, via: 'desktop' },
    });
  });

  it('maps core errors to codes: unknown server not_found, invalid policies bad_request', async () => {
    const { api } = connect();
    const missing = await failure(api.getServerTools('nope'));
    expect(missing.code).toBe('not_found');
    expect(missing.message).toContain('No server is named "nope"');
    const invalid = await failure(api.setPolicies([{ effect: 'block' } as never]));
    expect(invalid).toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/^policies\[0\]\.id: missing/),
    });
  });

  it('refuses bad payloads with a message naming the method, argument and problem', async () => {
    const { api } = connect();
    const tooMany = await failure(api.listActivity({ limit: 500 }));
    expect(tooMany).toMatchObject({
      code: 'bad_request',
      message: 'listActivity: query.limit: expected a value <= 100, got the number 500',
    });
    const unknownKey = await failure(api.listActivity({ colour: 'red' } as never));
    expect(unknownKey.message).toBe('listActivity: query: unknown key "colour"');
    const badTime = await failure(api.clearActivity({ before: 'yesterday' }));
    expect(badTime.message).toBe('clearActivity: scope.before: expected an RFC 3339 date-time');
    const badPeriod = await failure(api.getSummary('1y' as never, {}));
    expect(badPeriod.message).toBe(
      'getSummary: period: expected one of "1h", "24h", "7d", "30d", got "1y"',
    );
    const badAction = await failure(api.serverAction('everything', 'explode' as never));
    expect(badAction.message).toContain('serverAction: action: expected one of "restart"');
    const emptyName = await failure(api.createToken(''));
    expect(emptyName.message).toBe('createToken: name: expected a non-empty string');
  });

  it('refuses extra arguments, counting what it expected', async () => {
    const { ipcRenderer } = connect();
    const result = await ipcRenderer.invoke(INVOKE_CHANNELS.getStatus, 'surprise');
    expect(result).toEqual({
      ok: false,
      error: { code: 'bad_request', message: 'getStatus: expected 0 argument(s) (none), got 1' },
    });
  });

  it('refuses every request from a frame that is not our renderer', async () => {
    for (const url of ['https://evil.example/', 'file:///tmp/other.html', null]) {
      const { api, dispose } = connect(url);
      const refused = await failure(api.listTokens());
      expect(refused.code).toBe('unauthorized');
      expect(refused.message).toContain("only Switchboard's own window may call it");
      dispose();
    }
  });

  it('ignores aborts from untrusted frames', () => {
    const aborted: string[] = [];
    const exports = { ...noExports, abort: (id: string) => aborted.push(id) };
    const trusted = connect(RENDERER, exports);
    trusted.ipcRenderer.send(EXPORT_ABORT_CHANNEL, 'e1');
    trusted.dispose();
    const untrusted = connect('https://evil.example/', exports);
    untrusted.ipcRenderer.send(EXPORT_ABORT_CHANNEL, 'e2');
    untrusted.dispose();
    expect(aborted).toEqual(['e1']);
  });

  it('answers an elicitation as desktop; content that does not fit is bad_request naming the field', async () => {
    const { api } = connect();
    const request = newPendingElicitation({
      server: 'ask',
      params: {
        message: 'Who?',
        requestedSchema: { type: 'object', properties: { name: { type: 'string' } } },
      },
      relatedRecordIds: [],
      requestedAt: Date.now(),
      waitMs: 50_000,
    });
    const held = core.switchboard.approvals.add(
      request,
      elicitationResolvers(request, () => {}),
    );
    expect(
      await failure(api.decideApproval(request.id, { action: 'accept', content: { name: 1 } })),
    ).toMatchObject({
      code: 'bad_request',
      message: 'content.name: expected a string, got 1',
    });
    await api.decideApproval(request.id, { action: 'accept', content: { name: 'Ada' } });
    expect(await held.settled).toMatchObject({ action: 'accept', decided_by: 'desktop' });
  });

  it('covers every SwitchboardApi request method', () => {
    const api: SwitchboardApi = connect().api;
    for (const method of INVOKE_METHODS) expect(typeof api[method]).toBe('function');
  });
});
