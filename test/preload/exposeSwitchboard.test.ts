import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { exposeSwitchboard, type ContextBridgeLike } from '../../src/preload/exposeSwitchboard';
import { SwitchboardApiError, type SwitchboardApi } from '../../src/shared/api';
import { EXPORT_ABORT_CHANNEL, INVOKE_METHODS } from '../../src/shared/ipc';
import { fakeIpcRenderer } from './fakeIpcRenderer';

/**
 * A contextBridge double whose "main world" is a separate V8 context: the installer runs there
 * from its source text alone, as executeInMainWorld runs it, so any reference it made to the
 * preload's module scope would fail here too.
 */
function fakeContextBridge() {
  const mainWorld = createContext({ AbortController });
  const exposed: Record<string, unknown> = {};
  /** What crossed into the page's world: the installer's arguments. */
  const crossed: unknown[][] = [];
  const bridge: ContextBridgeLike = {
    exposeInMainWorld: (key, api) => {
      exposed[key] = api;
    },
    executeInMainWorld: ({ func, args = [] }) => {
      crossed.push(args);
      const installer = runInContext(`(${func.toString()})`, mainWorld) as (
        ...a: unknown[]
      ) => unknown;
      return installer(...args);
    },
  };
  return { bridge, mainWorld: mainWorld as { switchboard?: SwitchboardApi }, exposed, crossed };
}

describe('window.switchboard across contextIsolation (Electron APIs faked)', () => {
  it("installs one frozen object in the page's world with every method", () => {
    const { bridge, mainWorld, exposed } = fakeContextBridge();
    exposeSwitchboard(bridge, fakeIpcRenderer().ipc);
    const api = mainWorld.switchboard;
    expect(api).toBeDefined();
    expect(Object.isFrozen(api)).toBe(true);
    for (const method of INVOKE_METHODS) expect(typeof api?.[method]).toBe('function');
    expect(typeof api?.onDidRecordActivity).toBe('function');
    expect(exposed).toEqual({});
    expect(() => {
      (mainWorld as Record<string, unknown>).switchboard = {};
    }).toThrow();
  });

  it("rebuilds errors with their code in the page's world", async () => {
    const { bridge, mainWorld } = fakeContextBridge();
    const fake = fakeIpcRenderer(() => ({
      ok: false,
      error: { code: 'bad_request', message: 'listActivity: query.limit: expected a value <= 100' },
    }));
    exposeSwitchboard(bridge, fake.ipc);
    const error = await mainWorld.switchboard
      ?.listActivity({ limit: 500 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'SwitchboardApiError',
      code: 'bad_request',
      message: 'listActivity: query.limit: expected a value <= 100',
    });
    // The page's world has its own Error: the renderer's class still recognises it.
    expect(error).toBeInstanceOf(SwitchboardApiError);
    expect(new Error('plain')).not.toBeInstanceOf(SwitchboardApiError);
  });

  it("converts an error answer once, in the page's world: the preload hands the IpcResult over as it came", async () => {
    const { bridge, mainWorld, crossed } = fakeContextBridge();
    const answer = { ok: false, error: { code: 'not_found', message: 'No server named "x"' } };
    const fake = fakeIpcRenderer(() => answer);
    exposeSwitchboard(bridge, fake.ipc);
    const safe = crossed[0]?.[0] as Record<string, (...args: unknown[]) => Promise<unknown>>;
    // The very object the main process answered: not rethrown and rebuilt on the isolated side.
    await expect(safe.getServerTools?.('x')).resolves.toBe(answer);
    const error = await mainWorld.switchboard?.getServerTools('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SwitchboardApiError);
    expect(error).toMatchObject({ code: 'not_found', message: 'No server named "x"' });
  });

  it('answers a rejected invoke (no handler in the main process) as an internal error', async () => {
    const { bridge, mainWorld } = fakeContextBridge();
    const fake = fakeIpcRenderer(() => {
      throw new Error("No handler registered for 'switchboard:getStatus'");
    });
    exposeSwitchboard(bridge, fake.ipc);
    await expect(mainWorld.switchboard?.getStatus()).rejects.toMatchObject({
      name: 'SwitchboardApiError',
      code: 'internal',
      message: "getStatus: No handler registered for 'switchboard:getStatus'",
    });
  });

  it("carries the page's AbortSignal to the preload as a plain object that can cancel", async () => {
    const { bridge, mainWorld } = fakeContextBridge();
    let finish: (value: unknown) => void = () => {};
    const fake = fakeIpcRenderer(() => new Promise((resolve) => (finish = resolve)));
    exposeSwitchboard(bridge, fake.ipc, { newExportId: () => 'e1' });
    const controller = new AbortController();
    const done = mainWorld.switchboard?.exportActivity(
      { format: 'csv', filter: {}, include_bodies: false },
      () => {},
      controller.signal,
    );
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    expect(fake.sent).toEqual([{ channel: EXPORT_ABORT_CHANNEL, args: ['e1'] }]);
    finish({ ok: true, value: { status: 'cancelled' } });
    await expect(done).resolves.toEqual({ status: 'cancelled' });
  });

  it('falls back to exposeInMainWorld where executeInMainWorld does not exist', () => {
    const exposed: Record<string, unknown> = {};
    exposeSwitchboard(
      { exposeInMainWorld: (key, api) => (exposed[key] = api) },
      fakeIpcRenderer().ipc,
    );
    expect(Object.keys(exposed)).toEqual(['switchboard']);
  });
});
