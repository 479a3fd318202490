/**
 * Export from the window (SPEC 9): a native save dialog, progress on the export's own channel,
 * cancel through the abort channel, and "Show in folder" for files exported in this session.
 */
import { join } from 'node:path';
import type { ExportFormat } from '../../shared/activity';
import { SwitchboardApiError } from '../../shared/api';
import { exportProgressChannel } from '../../shared/ipc';
import { exportFileName } from '../core/activity/export';
import type { SwitchboardService } from '../core/service';
import { writeActivityExportFile } from './activityExportFile';
import type { ExportIpcHandlers } from './ipcHandlers';

export interface ExportIpcDeps {
  service: Pick<SwitchboardService, 'listActivity' | 'exportActivity'>;
  downloadsDir: string;
  /** The native save dialog; null when the user cancels it. */
  chooseSavePath(defaultPath: string, format: ExportFormat): Promise<string | null>;
  showItemInFolder(path: string): void;
  now?: () => Date;
}

export function createExportIpcHandlers(deps: ExportIpcDeps): ExportIpcHandlers {
  const running = new Map<string, AbortController>();
  const exported = new Set<string>();
  const now = deps.now ?? (() => new Date());

  return {
    async exportActivity(exportId, request, sender) {
      if (running.has(exportId)) {
        throw new SwitchboardApiError(
          'conflict',
          `exportActivity: export ${exportId} is already running.`,
        );
      }
      const controller = new AbortController();
      running.set(exportId, controller);
      try {
        const defaultPath = join(
          deps.downloadsDir,
          exportFileName(request.format, now(), request.filter),
        );
        const path = await deps.chooseSavePath(defaultPath, request.format);
        if (path === null || controller.signal.aborted) return { status: 'cancelled' };
        const result = await writeActivityExportFile({
          service: deps.service,
          request,
          path,
          signal: controller.signal,
          onProgress: (progress) => {
            if (!sender.isDestroyed()) sender.send(exportProgressChannel(exportId), progress);
          },
        });
        if (result.status === 'cancelled') return result;
        exported.add(path);
        return { status: 'saved', rows: result.rows, path };
      } finally {
        running.delete(exportId);
      }
    },
    abort(exportId) {
      running.get(exportId)?.abort();
    },
    showInFolder(path) {
      // The renderer may reveal only what it exported: it cannot probe the file system.
      if (!exported.has(path)) {
        throw new SwitchboardApiError(
          'bad_request',
          `showInFolder: ${path} is not a file Switchboard exported in this session.`,
        );
      }
      deps.showItemInFolder(path);
    },
  };
}
