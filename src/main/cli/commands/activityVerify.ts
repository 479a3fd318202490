/**
 * `switchboard activity verify [--file EXPORT.jsonl]` (SPEC 12): reads activity.db itself,
 * read-only, so it works with Switchboard stopped; progress on stderr; exit 0 when the chain
 * verifies, 1 when it does not.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import type { ChainVerifyResult } from '../../../shared/audit';
import { AUDIT_PUBLIC_KEY_FILE, dataDirPublicKey, verifyExportFile } from '../../core/audit';
import { resolveDataDir } from '../../core/config/dataDir';
import { EXIT_FAILURE, UsageError } from '../cliErrors';
import { modeOf, print, withOutputOptions, type OutputOptions } from '../commonOptions';
import { renderOutput } from '../format/output';
import { renderVerifyResult } from '../format/verifyFormat';

type VerifyOptions = OutputOptions & { dataDir?: string; file?: string };

/** The chain's tables arrive with migration 5. */
const CHAIN_SCHEMA_VERSION = 5;

function openLog(file: string, required: boolean): Database.Database | null {
  if (!existsSync(file)) {
    if (!required) return null;
    throw new UsageError(`${file}: no activity log here (pass --data-dir)`);
  }
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  const version = sqlite.pragma('user_version', { simple: true }) as number;
  if (version < CHAIN_SCHEMA_VERSION) {
    sqlite.close();
    throw new UsageError(
      `${file}: schema version ${version} has no hash chain yet; start this Switchboard once to add it`,
    );
  }
  return sqlite;
}

function progressBar(unit: string): SingleBar {
  return new SingleBar({
    stream: process.stderr,
    format: `Verifying [{bar}] {value}/{total} ${unit}`,
    hideCursor: true,
    clearOnComplete: true,
  });
}

/** Verify's parts run on this many reader threads, side by side (parallelVerify.ts). */
const VERIFY_THREADS = 2;

async function verifyLog(sqlite: Database.Database, dataDir: string): Promise<ChainVerifyResult> {
  const total =
    sqlite.prepare<[], number>('SELECT records FROM activity_totals WHERE id = 1').pluck().get() ??
    0;
  // Loaded here, not at the top: the other commands start faster without the readers.
  const { createReaderPool } = await import('../../core/activity/readers');
  const { READER_WORKER_ENTRY } = await import('../../readerWorker');
  const publicKeyFile = join(dataDir, AUDIT_PUBLIC_KEY_FILE);
  const readers = createReaderPool({
    entry: READER_WORKER_ENTRY,
    file: sqlite.name,
    ...(existsSync(publicKeyFile) ? { publicKeyFile } : {}),
    size: VERIFY_THREADS,
    // No calls to keep ahead of here: the readers run at the CLI's own priority.
    nice: 0,
    // Slow-read reports are for a running Switchboard's log; a reader that fails rejects verify.
    log: () => {},
  });
  const bar = progressBar('records');
  bar.start(total, 0);
  try {
    return await readers.verify((checked) => bar.update(Math.min(checked, total)));
  } finally {
    bar.stop();
    await readers.close();
  }
}

export function registerActivityVerify(activity: Command): void {
  withOutputOptions(
    activity
      .command('verify')
      .description(
        "check the log's hash chain and signed checkpoints (reads the database itself; works with Switchboard stopped)",
      ),
  )
    .option('--data-dir <dir>', 'data directory (default: $SWITCHBOARD_HOME, else ~/.switchboard)')
    .option('--file <export>', 'check a JSON Lines export against the log and its checkpoint')
    .action(async (options: VerifyOptions) => {
      const dataDir = resolveDataDir(options.dataDir);
      const sqlite = openLog(join(dataDir, 'activity.db'), options.file === undefined);
      try {
        let result: ChainVerifyResult;
        if (options.file !== undefined) {
          const file = resolve(options.file);
          if (!existsSync(file)) throw new UsageError(`--file: ${file} does not exist`);
          const bar = progressBar('lines');
          bar.start(0, 0);
          try {
            result = await verifyExportFile(file, {
              sqlite,
              publicKey: dataDirPublicKey(dataDir),
              onProgress: (lines) => {
                bar.setTotal(lines);
                bar.update(lines);
              },
            });
          } finally {
            bar.stop();
          }
        } else {
          result = await verifyLog(sqlite!, dataDir);
        }
        print(renderOutput(modeOf(options), result, () => renderVerifyResult(result)));
        if (!result.ok) process.exitCode = EXIT_FAILURE;
      } finally {
        sqlite?.close();
      }
    });
}
