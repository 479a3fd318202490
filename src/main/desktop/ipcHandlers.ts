/**
 * Registers one `ipcMain.handle` per channel of the table (src/shared/ipc.ts). Every request is
 * checked in order: the sender is our own page, the arguments validate, then core answers.
 * Answers are `IpcResult` data, never a rejected invoke.
 */
import type { ExportRequest, ExportResult } from '../../shared/api';
import type { IpcResult, SwitchboardInvokeMethod } from '../../shared/ipc';
import { EXPORT_ABORT_CHANNEL, INVOKE_CHANNELS, INVOKE_METHODS } from '../../shared/ipc';
import type { Switchboard } from '../core/switchboard';
import { createCoreRequestHandlers } from './coreRequestHandlers';
import { parseIpcArguments } from './ipcArgumentSchemas';
import { toBridgeError } from './ipcErrors';

export interface IpcSenderLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface IpcMainEventLike {
  senderFrame: { url: string } | null;
  sender: IpcSenderLike;
}

/** The part of Electron's `ipcMain` used here (a test double in unit tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcMainEventLike, ...args: unknown[]) => void): unknown;
  removeListener(
    channel: string,
    listener: (event: IpcMainEventLike, ...args: unknown[]) => void,
  ): unknown;
}

/** Export to a file and reveal it: these need the window and native dialogs (exportIpc.ts). */
export interface ExportIpcHandlers {
  exportActivity(
    exportId: string,
    request: ExportRequest,
    sender: IpcSenderLike,
  ): Promise<ExportResult>;
  showInFolder(path: string): Promise<void> | void;
  abort(exportId: string): void;
}

export interface IpcHandlerOptions {
  /** The sending frame's URL must be our renderer (file://) or the dev server. */
  isTrustedSender(url: string | undefined): boolean;
  exports: ExportIpcHandlers;
}

function untrustedSender(method: string, url: string | undefined): IpcResult<never> {
  return {
    ok: false,
    error: {
      code: 'unauthorized',
      message: `${method}: refused a request from ${url ?? 'a destroyed frame'}: only Switchboard's own window may call it.`,
    },
  };
}

export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  switchboard: Switchboard,
  options: IpcHandlerOptions,
): () => void {
  const core = createCoreRequestHandlers(switchboard.service);

  function answer(
    method: SwitchboardInvokeMethod,
    args: unknown[],
    sender: IpcSenderLike,
  ): unknown {
    switch (method) {
      case 'exportActivity':
        return options.exports.exportActivity(args[0] as string, args[1] as ExportRequest, sender);
      case 'showInFolder':
        return options.exports.showInFolder(args[0] as string);
      default: {
        const handler = core[method] as (...parsed: unknown[]) => unknown;
        return handler(...args);
      }
    }
  }

  for (const method of INVOKE_METHODS) {
    ipcMain.handle(
      INVOKE_CHANNELS[method],
      async (event, ...received): Promise<IpcResult<unknown>> => {
        const url = event.senderFrame?.url;
        if (!options.isTrustedSender(url)) return untrustedSender(method, url);
        try {
          const args = parseIpcArguments(method, received);
          // `undefined` (void methods) does not survive structured clone as a property everywhere.
          const value = (await answer(method, args, event.sender)) ?? null;
          return { ok: true, value };
        } catch (error) {
          return { ok: false, error: toBridgeError(error) };
        }
      },
    );
  }

  const onAbort = (event: IpcMainEventLike, exportId: unknown): void => {
    if (!options.isTrustedSender(event.senderFrame?.url)) return;
    if (typeof exportId === 'string') options.exports.abort(exportId);
  };
  ipcMain.on(EXPORT_ABORT_CHANNEL, onAbort);

  return () => {
    for (const method of INVOKE_METHODS) ipcMain.removeHandler(INVOKE_CHANNELS[method]);
    ipcMain.removeListener(EXPORT_ABORT_CHANNEL, onAbort);
  };
}
