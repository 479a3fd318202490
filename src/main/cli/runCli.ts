import { CommanderError } from 'commander';
import { SwitchboardApiError } from '../../shared/api';
import { ConfigError } from '../core/config/configError';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './cliErrors';
import { packageVersion } from './packageVersion';
import { createProgram, type ProgramIo } from './program';

const defaultIo: ProgramIo = {
  writeOut: (text) => process.stdout.write(text),
  writeErr: (text) => process.stderr.write(text),
};

/** Runs one command line; resolves to the exit code of SPEC 8 (0 ok, 1 connection or server error, 2 bad arguments). */
export async function runCli(argv: readonly string[], io: ProgramIo = defaultIo): Promise<number> {
  const program = createProgram(packageVersion(), io);
  try {
    await program.parseAsync([...argv], { from: 'node' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    return exitCodeOf(error, io);
  }
}

function exitCodeOf(error: unknown, io: ProgramIo): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help / version).
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
      return EXIT_OK;
    return EXIT_USAGE;
  }
  if (error instanceof UsageError) {
    io.writeErr(`error: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof ConfigError) {
    io.writeErr(`error: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof CliError) {
    io.writeErr(`${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof SwitchboardApiError) {
    // The instance answered with an error: its message is the sentence to show.
    io.writeErr(`${error.message}\n`);
    return EXIT_FAILURE;
  }
  io.writeErr(
    `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return EXIT_FAILURE;
}
