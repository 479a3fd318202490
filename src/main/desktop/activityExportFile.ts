/**
 * Writes an export to a file through core's export stream, with progress and cancel. The data
 * goes to `<file>.partial` and is renamed when complete, so a cancelled or failed export never
 * leaves a truncated file under the name the user chose.
 */
import { createWriteStream } from 'node:fs';
import { access, rename, rm } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ActivityFilter } from '../../shared/activity';
import type { ExportProgress, ExportRequest } from '../../shared/api';
import { PARTIAL_EXPORT_SUFFIX } from '../core/activity/export';
import type { SwitchboardService } from '../core/service';

export const PROGRESS_INTERVAL_MS = 100;

export interface ActivityExportFileOptions {
  /** Counts what the filter matches (for progress) and reads the rows. */
  service: Pick<SwitchboardService, 'listActivity' | 'exportActivity'>;
  request: ExportRequest;
  path: string;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
}

export type ActivityExportFileResult = { status: 'saved'; rows: number } | { status: 'cancelled' };

export async function writeActivityExportFile(
  options: ActivityExportFileOptions,
): Promise<ActivityExportFileResult> {
  const { service, request, path, signal, onProgress } = options;
  if (signal?.aborted) return { status: 'cancelled' };
  const { total } = await service.listActivity({ ...request.filter, limit: 1 });
  let rows = 0;
  const report = (): void => onProgress?.({ rows, total: Math.max(total, rows) });
  const timer = onProgress ? setInterval(report, PROGRESS_INTERVAL_MS) : null;
  const partial = `${path}${PARTIAL_EXPORT_SUFFIX}`;
  try {
    await pipeline(
      service.exportActivity(request, (exported) => {
        rows = exported;
      }),
      createWriteStream(partial),
      signal ? { signal } : {},
    );
    await rename(partial, path);
    report();
    return { status: 'saved', rows };
  } catch (error) {
    await rm(partial, { force: true });
    if (signal?.aborted) return { status: 'cancelled' };
    throw error;
  } finally {
    if (timer) clearInterval(timer);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** `dir/name.csv`, or `dir/name (2).csv` ... when taken: a one-click export never overwrites. */
export async function uniqueFilePath(dir: string, fileName: string): Promise<string> {
  const extension = extname(fileName);
  const stem = basename(fileName, extension);
  let candidate = join(dir, fileName);
  for (let n = 2; await exists(candidate); n += 1) {
    candidate = join(dir, `${stem} (${n})${extension}`);
  }
  return candidate;
}

/** The filter for "the last 24 h" as of `now`. */
export function last24HoursFilter(now: Date): ActivityFilter {
  return { start_time: new Date(now.getTime() - 24 * 3_600_000).toISOString() };
}
