/**
 * `GET /api/v1/activity/export` (SPEC 7): every matching record, streamed. The export stream
 * reads pages from the store only when the socket wants more, so memory stays flat however
 * large the log; a client that hangs up stops the reader.
 */
import { pipeline } from 'node:stream/promises';
import { EXPORT_CONTENT_TYPES, createExportStream, exportFileName } from '../activity/export';
import { parseExportParams } from './activityQuery';
import type { ApiContext, ApiRoute } from './apiDeps';

async function exportActivity({ url, req, res, deps }: ApiContext): Promise<void> {
  const { format, includeBodies, filter } = parseExportParams(url.searchParams);
  const stream = createExportStream({
    store: deps.switchboard.activity,
    filter,
    format,
    includeBodies,
  });
  res.writeHead(200, {
    'Content-Type': EXPORT_CONTENT_TYPES[format],
    'Content-Disposition': `attachment; filename="${exportFileName(format, new Date())}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    stream.destroy();
    res.end();
    return;
  }
  try {
    await pipeline(stream, res);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The client hung up: pipeline has already destroyed the reader, which is all we want.
    if (code !== 'ERR_STREAM_PREMATURE_CLOSE' && !res.destroyed)
      deps.log('Export failed while streaming', error);
    res.destroy();
  }
}

export const activityExportRoutes: ApiRoute[] = [
  { method: 'GET', path: '/api/v1/activity/export', handler: exportActivity },
];
