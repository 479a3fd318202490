/**
 * `GET /api/v1/activity/export` (SPEC 7): every matching record, streamed. The export stream
 * reads pages from the store only when the socket wants more, so memory stays flat however
 * large the log; a client that hangs up stops the reader.
 */
import { pipeline } from 'node:stream/promises';
import { EXPORT_CONTENT_TYPES, exportFileName } from '../activity/export';
import { parseExportParams } from './activityQuery';
import { apiRoute, serviceOf, type ApiContext, type ApiRoute } from './apiDeps';

/**
 * The first chunk is read before the status line goes out, so a query the store refuses is
 * still a 4xx/5xx envelope rather than a 200 cut short.
 */
async function exportActivity(context: ApiContext): Promise<void> {
  const { url, req, res, deps } = context;
  const request = parseExportParams(url.searchParams);
  const stream = serviceOf(context).exportActivity(request);
  const chunks = stream[Symbol.asyncIterator]() as AsyncGenerator<string | Buffer>;
  let first: IteratorResult<string | Buffer>;
  try {
    first = await chunks.next();
  } catch (error) {
    stream.destroy();
    throw error;
  }
  res.writeHead(200, {
    'Content-Type': EXPORT_CONTENT_TYPES[request.format],
    'Content-Disposition': `attachment; filename="${exportFileName(request.format, new Date(), request.filter)}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD' || first.done === true) {
    await chunks.return(undefined);
    res.end();
    return;
  }
  const firstChunk = first.value;
  try {
    await pipeline(async function* () {
      yield firstChunk;
      yield* chunks;
    }, res);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The client hung up: pipeline has already stopped the reader, which is all we want.
    if (code !== 'ERR_STREAM_PREMATURE_CLOSE' && !res.destroyed) {
      deps.log('Export failed while streaming', error);
    }
    res.destroy();
  }
}

export const activityExportRoutes: ApiRoute[] = [apiRoute('exportActivity', exportActivity)];
