import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable, Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import { SingleBar } from 'cli-progress';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/activity';
import { PARTIAL_EXPORT_SUFFIX } from '../../core/activity/export';
import { exportFormatFromPath } from '../cliArgs';
import { UsageError } from '../cliErrors';
import {
  apiClientFor,
  filterQuery,
  print,
  withConnectionOptions,
  withFilterOptions,
  type FilterOptions,
} from '../commonOptions';
import type { ConnectionOptions } from '../instance';

type ExportOptions = ConnectionOptions &
  FilterOptions & {
    query?: string;
    output: string;
    format?: ExportFormat;
    includeBodies?: boolean;
    json?: boolean;
  };

export function registerActivityExport(activity: Command): void {
  withFilterOptions(
    withConnectionOptions(
      activity
        .command('export')
        .description('write matching records to a CSV or JSON Lines file (progress on stderr)'),
    ),
  )
    .requiredOption('--output <file>', 'file to write; - for stdout')
    .addOption(
      new Option('--format <format>', 'default: from the file extension').choices(EXPORT_FORMATS),
    )
    .option('--include-bodies', 'add arguments and response (CSV)')
    .option('--json', 'print a JSON summary instead of a sentence')
    .action(async (options: ExportOptions) => {
      const toStdout = options.output === '-';
      const format =
        options.format ?? exportFormatFromPath(options.output) ?? (toStdout ? 'jsonl' : null);
      if (format === null) {
        throw new UsageError(
          `--format: cannot tell the format from "${options.output}"; name the file .csv or .jsonl, or pass --format csv|jsonl`,
        );
      }
      const api = await apiClientFor(options);
      const filters = filterQuery(options);
      const { total } = await api.listActivity({ ...filters, limit: 1 });
      const response = await api.exportActivity({
        filter: filters,
        format,
        include_bodies: options.includeBodies === true,
      });
      if (response.body === null) throw new UsageError('The export answered with no body.');

      const bar = new SingleBar({
        stream: process.stderr,
        format: 'Exporting [{bar}] {value}/{total} records',
        hideCursor: true,
        clearOnComplete: true,
      });
      bar.start(total, 0);
      const counter = new RowCounter(format, (rows) => bar.update(Math.min(rows, total)));
      const path = toStdout ? null : resolve(options.output);
      const partial = path === null ? null : `${path}${PARTIAL_EXPORT_SUFFIX}`;
      const destination = partial === null ? stdoutSink() : createWriteStream(partial);
      try {
        await pipeline(
          Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
          counter,
          destination,
        );
        if (partial !== null && path !== null) await rename(partial, path);
      } catch (error) {
        if (partial !== null) await rm(partial, { force: true });
        throw error;
      } finally {
        bar.stop();
      }
      const summary = { rows: counter.rows, format, path: path ?? '-' };
      if (options.json === true)
        (toStdout ? process.stderr : process.stdout).write(`${JSON.stringify(summary)}\n`);
      else if (!toStdout) print(`Exported ${counter.rows} records to ${path ?? ''} (${format}).`);
    });
}

/** stdout without letting the pipeline close it. */
function stdoutSink(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (process.stdout.write(chunk)) callback();
      else process.stdout.once('drain', () => callback());
    },
  });
}

/**
 * Counts records as they stream past: JSON Lines has one per line; a CSV record ends at a line
 * break outside quotes (cells may hold line breaks), minus the header row.
 */
export class RowCounter extends Transform {
  rows = 0;
  private lines = 0;
  private inQuotes = false;

  constructor(
    private readonly format: ExportFormat,
    private readonly onRows: (rows: number) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    for (const byte of chunk) {
      if (this.format === 'csv' && byte === 0x22) this.inQuotes = !this.inQuotes;
      else if (byte === 0x0a && !this.inQuotes) this.lines++;
    }
    this.rows = this.format === 'csv' ? Math.max(0, this.lines - 1) : this.lines;
    this.onRows(this.rows);
    callback(null, chunk);
  }
}
