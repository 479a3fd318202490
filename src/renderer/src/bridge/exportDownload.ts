/**
 * Export in the browser: stream `GET /api/v1/activity/export`, count rows as they arrive for the
 * progress bar, then hand the Blob to the browser as a download named by Content-Disposition.
 */
import type { ExportProgress, ExportRequest, ExportResult } from '../../../shared/api';
import { exportFileName } from '../../../shared/exportFileName';
import { createRowCounter, fileNameFromDisposition } from '../lib/exportRows';
import type { RestClient } from '../../../shared/restClient';
import { saveBlob } from '../lib/saveBlob';

const MIME: Record<ExportRequest['format'], string> = {
  csv: 'text/csv',
  jsonl: 'application/x-ndjson',
};

export async function downloadExport(
  rest: RestClient,
  request: ExportRequest,
  total: number,
  onProgress: (progress: ExportProgress) => void,
  signal?: AbortSignal,
): Promise<ExportResult> {
  if (signal?.aborted) return { status: 'cancelled' };
  const counter = createRowCounter(request.format);
  const chunks: Uint8Array[] = [];
  try {
    const response = await rest.exportActivity(request, signal);
    onProgress({ rows: 0, total });
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    if (reader) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        onProgress({ rows: counter.push(decoder.decode(value, { stream: true })), total });
      }
    }
    const rows = counter.finish();
    onProgress({ rows, total: Math.max(total, rows) });
    const fileName = fileNameFromDisposition(
      response.headers.get('Content-Disposition'),
      exportFileName(request.format, new Date(), request.filter),
    );
    saveBlob(new Blob(chunks as BlobPart[], { type: MIME[request.format] }), fileName);
    return { status: 'saved', rows, path: fileName };
  } catch (error) {
    if (signal?.aborted) return { status: 'cancelled' };
    throw error;
  }
}
