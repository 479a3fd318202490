import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Switchboard } from '../../core/switchboard';
import { resolveDataDir } from '../../core/config/dataDir';
import { CliError, UsageError } from '../cliErrors';
import { modeOf, print, withOutputOptions, type OutputOptions } from '../commonOptions';

interface ServeOptions extends OutputOptions {
  listen?: string;
  dataDir?: string;
  config?: string;
  uiDir?: string;
}

export function registerServeCommand(program: Command): void {
  withOutputOptions(
    program
      .command('serve')
      .description('run Switchboard headless: the MCP proxy, the REST API and the UI in a browser'),
  )
    .option(
      '--listen <addr>',
      "host:port to listen on (default: the config's listen; port 0 picks a free one)",
    )
    .option('--data-dir <dir>', 'data directory (default: $SWITCHBOARD_HOME, else ~/.switchboard)')
    .option('--config <file>', 'config file (default: <data-dir>/mcp_config.json)')
    .option('--ui-dir <dir>', 'built UI to serve (default: the one next to this CLI)')
    .action(async (options: ServeOptions) => {
      // Loaded here, not at the top: the other commands start faster without the core.
      const { isListenAddress } = await import('../../core/config/configSchema');
      const { createSwitchboard } = await import('../../core/createSwitchboard');
      const { RECORDER_WORKER_ENTRY } = await import('../../recorderWorker');
      const { READER_WORKER_ENTRY } = await import('../../readerWorker');
      const { TELEMETRY_WORKER_ENTRY } = await import('../../telemetryWorker');
      if (options.listen !== undefined && !isListenAddress(options.listen)) {
        throw new UsageError(
          `--listen: expected host:port such as 127.0.0.1:8080, got "${options.listen}"`,
        );
      }
      let switchboard: Switchboard;
      try {
        switchboard = await createSwitchboard({
          dataDir: resolveDataDir(options.dataDir),
          recorderWorker: RECORDER_WORKER_ENTRY,
          readerWorker: READER_WORKER_ENTRY,
          telemetryWorker: TELEMETRY_WORKER_ENTRY,
          ...launcherOf(process.argv[1]),
          ...(options.config !== undefined ? { configPath: resolve(options.config) } : {}),
          ...(options.listen !== undefined ? { listen: options.listen } : {}),
          ...optionalUiDir(options.uiDir),
        });
      } catch (error) {
        // An invalid config, a held data directory or a taken port: the core's sentence says which.
        throw new CliError(error instanceof Error ? error.message : String(error));
      }
      const { mcp, ui } = switchboard.urls;
      print(
        modeOf(options) === 'table'
          ? `Switchboard ready  MCP ${mcp}  UI ${ui}`
          : JSON.stringify({ status: 'ready', mcp, ui }),
      );
      await new Promise<void>((done) => {
        let closing = false;
        const stop = (): void => {
          if (closing) return;
          closing = true;
          // Closing flushes the activity queue, so no record of a finished call is lost.
          void switchboard.close().finally(done);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}

/** The renderer build sits next to the CLI bundle (`out/renderer` beside `out/main/cli.js`). */
function optionalUiDir(flag: string | undefined): { uiDir?: string } {
  if (flag !== undefined) return { uiDir: resolve(flag) };
  const entry = process.argv[1];
  if (entry === undefined) return {};
  for (const candidate of [
    join(dirname(entry), '..', 'renderer'),
    join(dirname(entry), '..', 'out', 'renderer'),
  ]) {
    if (existsSync(join(candidate, 'index.html'))) return { uiDir: candidate };
  }
  return {};
}

/** This very command with absolute paths (node, then the script): GUI apps do not see PATH. */
function launcherOf(entry: string | undefined): { launcher?: { command: string; args: string[] } } {
  if (entry === undefined || !existsSync(entry)) return {};
  return { launcher: { command: process.execPath, args: [realpathSync(entry)] } };
}
