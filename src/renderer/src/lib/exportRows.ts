/**
 * Counting exported rows while the bytes stream in, for the export progress bar, and naming the
 * downloaded file. CSV cells may hold newlines inside quotes, so CSV rows are counted by a small
 * quote-aware scanner rather than by newlines.
 */
import type { ExportFormat } from '../../../shared/activity';

export interface RowCounter {
  /** Feeds decoded text; returns the rows completed so far (the CSV header excluded). */
  push(text: string): number;
  /** Rows including a last line without a trailing newline. */
  finish(): number;
}

export function createRowCounter(format: ExportFormat): RowCounter {
  let lines = 0;
  let inQuotes = false;
  let lineHasContent = false;
  const headerLines = format === 'csv' ? 1 : 0;
  const rows = (): number => Math.max(0, lines - headerLines);
  return {
    push(text) {
      for (let i = 0; i < text.length; i++) {
        const char = text.charCodeAt(i);
        if (format === 'csv' && char === 34 /* " */) {
          inQuotes = !inQuotes;
        } else if (char === 10 /* \n */ && !inQuotes) {
          if (lineHasContent) lines += 1;
          lineHasContent = false;
          continue;
        }
        if (char !== 13 /* \r */) lineHasContent = true;
      }
      return rows();
    },
    finish() {
      if (lineHasContent) {
        lines += 1;
        lineHasContent = false;
      }
      return rows();
    },
  };
}

/** The file name from `Content-Disposition` (`filename*=UTF-8''...` preferred), else a fallback. */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return sanitizeFileName(decodeURIComponent(extended[1].trim())) || fallback;
    } catch {
      // A malformed percent-encoding falls through to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  const name = plain?.[2] ?? plain?.[1];
  return (name && sanitizeFileName(name.trim())) || fallback;
}

function sanitizeFileName(name: string): string {
  return name.replace(/[/\\]/g, '_');
}
