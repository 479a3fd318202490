/**
 * One-click export from the tray (SPEC 9): the last 24 h to the Downloads folder, then a
 * notification that opens the file. Never overwrites: a taken name gets " (2)", " (3)", ...
 */
import { mkdir } from 'node:fs/promises';
import type { ExportFormat } from '../../shared/activity';
import { exportFileName } from '../core/activity/export';
import type { SwitchboardService } from '../core/service';
import { last24HoursFilter, uniqueFilePath, writeActivityExportFile } from './activityExportFile';

export interface TrayExportNotice {
  title: string;
  body: string;
  /** What a click on the notification opens; absent on failure. */
  openPath?: string;
}

export interface TrayExportDeps {
  service: Pick<SwitchboardService, 'listActivity' | 'exportActivity'>;
  downloadsDir: string;
  notify(notice: TrayExportNotice): void;
  now?: () => Date;
}

export type TrayExportResult =
  { ok: true; path: string; rows: number } | { ok: false; error: string };

export async function exportLast24Hours(
  format: ExportFormat,
  deps: TrayExportDeps,
): Promise<TrayExportResult> {
  const now = deps.now?.() ?? new Date();
  const label = format === 'csv' ? 'CSV' : 'JSONL';
  try {
    await mkdir(deps.downloadsDir, { recursive: true });
    const path = await uniqueFilePath(deps.downloadsDir, exportFileName(format, now));
    const result = await writeActivityExportFile({
      service: deps.service,
      request: { format, filter: last24HoursFilter(now), include_bodies: false },
      path,
    });
    const rows = result.status === 'saved' ? result.rows : 0;
    deps.notify({
      title: `Exported ${rows} ${rows === 1 ? 'record' : 'records'} (${label})`,
      body: `${path}\nClick to open.`,
      openPath: path,
    });
    return { ok: true, path, rows };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.notify({
      title: `Export as ${label} failed`,
      body: `${message}. Check that ${deps.downloadsDir} is writable.`,
    });
    return { ok: false, error: message };
  }
}
