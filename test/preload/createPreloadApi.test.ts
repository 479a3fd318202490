import { describe, expect, it } from 'vitest';
import { createPreloadApi } from '../../src/preload/createPreloadApi';
import { SwitchboardApiError, type ExportProgress } from '../../src/shared/api';
import {
  EVENT_CHANNELS,
  EXPORT_ABORT_CHANNEL,
  INVOKE_CHANNELS,
  INVOKE_METHODS,
  exportProgressChannel,
} from '../../src/shared/ipc';
import { fakeIpcRenderer } from './fakeIpcRenderer';

describe('IPC channel table', () => {
  it('names every channel switchboard:<method>', () => {
    for (const [method, channel] of Object.entries({ ...INVOKE_CHANNELS, ...EVENT_CHANNELS })) {
      expect(channel).toBe(`switchboard:${method}`);
    }
  });
});

describe('preload bridge (Electron APIs faked: no Electron binary here)', () => {
  it('exposes exactly the SwitchboardApi built from the channel table, nothing else', () => {
    const api = createPreloadApi(fakeIpcRenderer().ipc);
    expect(Object.keys(api).sort()).toEqual(
      [...INVOKE_METHODS, ...Object.keys(EVENT_CHANNELS), 'onDidChangeConnection'].sort(),
    );
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('sends each request on its channel with its arguments and returns the value', async () => {
    const fake = fakeIpcRenderer((channel, args) => ({ ok: true, value: { channel, args } }));
    const api = createPreloadApi(fake.ipc);
    await expect(api.getSummary('24h', { server: 'github' })).resolves.toEqual({
      channel: 'switchboard:getSummary',
      args: ['24h', { server: 'github' }],
    });
    await api.listActivity({ limit: 10 });
    await api.serverAction('github', 'restart');
    expect(fake.invoked.map((i) => i.channel)).toEqual([
      'switchboard:getSummary',
      'switchboard:listActivity',
      'switchboard:serverAction',
    ]);
  });

  it('re-throws an error answer as SwitchboardApiError with its code', async () => {
    const fake = fakeIpcRenderer(() => ({
      ok: false,
      error: { code: 'not_found', message: 'No server named "x"' },
    }));
    const error = await createPreloadApi(fake.ipc)
      .getServerTools('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SwitchboardApiError);
    expect(error).toMatchObject({ code: 'not_found', message: 'No server named "x"' });
  });

  it('refuses an answer that is not an IPC result', async () => {
    const fake = fakeIpcRenderer(() => 'surprise');
    await expect(createPreloadApi(fake.ipc).getStatus()).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('getStatus: the main process answered with something'),
    });
  });

  it('subscriptions receive pushes (records in batches, one call each) and return an unsubscribe function', () => {
    const fake = fakeIpcRenderer();
    const api = createPreloadApi(fake.ipc);
    const seen: unknown[] = [];
    const unsubscribe = api.onDidRecordActivity((event) => seen.push(event.seq));
    const serversChanged: number[] = [];
    const unsubscribeServers = api.onDidChangeServers(() => serversChanged.push(1));
    fake.emit(EVENT_CHANNELS.onDidRecordActivity, [{ seq: 1 }, { seq: 2 }]);
    fake.emit(EVENT_CHANNELS.onDidChangeServers);
    unsubscribe();
    unsubscribeServers();
    fake.emit(EVENT_CHANNELS.onDidRecordActivity, [{ seq: 3 }]);
    expect(seen).toEqual([1, 2]);
    expect(serversChanged).toEqual([1]);
    expect(fake.listenerCount(EVENT_CHANNELS.onDidRecordActivity)).toBe(0);
  });

  it('reports the IPC connection as live, unless unsubscribed first', async () => {
    const api = createPreloadApi(fakeIpcRenderer().ipc);
    const states: string[] = [];
    api.onDidChangeConnection((state) => states.push(state));
    api.onDidChangeConnection((state) => states.push(`late ${state}`))();
    await Promise.resolve();
    expect(states).toEqual(['live']);
  });

  it('passes open-record requests from a clicked notification', () => {
    const fake = fakeIpcRenderer();
    const ids: string[] = [];
    createPreloadApi(fake.ipc).onDidRequestOpenRecord?.((id) => ids.push(id));
    fake.emit(EVENT_CHANNELS.onDidRequestOpenRecord, '01JREC');
    expect(ids).toEqual(['01JREC']);
  });

  it('passes rule-editor requests from a notification action', () => {
    const fake = fakeIpcRenderer();
    const requests: unknown[] = [];
    createPreloadApi(fake.ipc).onDidRequestRuleFromRecord?.((request) => requests.push(request));
    const request = { effect: 'ask', server: 'github', tool: 'delete_repo', recordId: '01JREC' };
    fake.emit(EVENT_CHANNELS.onDidRequestRuleFromRecord, request);
    expect(requests).toEqual([request]);
  });

  it('exports with progress on a per-export channel and cancels on the abort channel', async () => {
    let finish: (value: unknown) => void = () => {};
    const fake = fakeIpcRenderer(() => new Promise((resolve) => (finish = resolve)));
    const api = createPreloadApi(fake.ipc, { newExportId: () => 'export-1' });
    const controller = new AbortController();
    const progress: ExportProgress[] = [];
    const done = api.exportActivity(
      { format: 'csv', filter: {}, include_bodies: false },
      (p) => progress.push(p),
      controller.signal,
    );
    await Promise.resolve();
    expect(fake.invoked[0]).toEqual({
      channel: INVOKE_CHANNELS.exportActivity,
      args: ['export-1', { format: 'csv', filter: {}, include_bodies: false }],
    });
    fake.emit(exportProgressChannel('export-1'), { rows: 10, total: 100 });
    controller.abort();
    expect(fake.sent).toEqual([{ channel: EXPORT_ABORT_CHANNEL, args: ['export-1'] }]);
    finish({ ok: true, value: { status: 'cancelled' } });
    await expect(done).resolves.toEqual({ status: 'cancelled' });
    expect(progress).toEqual([{ rows: 10, total: 100 }]);
    expect(fake.listenerCount(exportProgressChannel('export-1'))).toBe(0);
  });

  it('does not start an export whose signal is already aborted', async () => {
    const fake = fakeIpcRenderer();
    const controller = new AbortController();
    controller.abort();
    const result = await createPreloadApi(fake.ipc).exportActivity(
      { format: 'jsonl', filter: {}, include_bodies: true },
      () => {},
      controller.signal,
    );
    expect(result).toEqual({ status: 'cancelled' });
    expect(fake.invoked).toEqual([]);
  });
});
