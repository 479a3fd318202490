import type { ServerEntryInput } from '../../../shared/servers';
import { UsageError } from '../cliErrors';

export interface ServerAddOptions {
  url?: string;
  transport?: 'streamable-http' | 'sse';
  env?: Record<string, string>;
  header?: Record<string, string>;
  cwd?: string;
  disabled?: boolean;
  timeoutMs?: number;
}

/** `servers add NAME -- CMD ARGS...` or `servers add NAME --url URL` as a config entry. */
export function buildServerEntry(
  command: readonly string[],
  options: ServerAddOptions,
): ServerEntryInput {
  const [program, ...args] = command;
  if (program !== undefined && options.url !== undefined) {
    throw new UsageError(
      'give either a command (after --) or --url, not both: a server is stdio or remote',
    );
  }
  let entry: ServerEntryInput;
  if (program !== undefined) {
    if (options.header !== undefined)
      throw new UsageError('--header is for remote servers (--url); a stdio server takes --env');
    if (options.transport !== undefined)
      throw new UsageError('--transport is for remote servers (--url)');
    entry = { command: program, args };
    if (options.env !== undefined) entry.env = options.env;
    if (options.cwd !== undefined) entry.cwd = options.cwd;
  } else if (options.url !== undefined) {
    if (options.env !== undefined || options.cwd !== undefined)
      throw new UsageError('--env and --cwd are for stdio servers (a command after --)');
    entry = { url: options.url };
    if (options.transport !== undefined) entry.transport = options.transport;
    if (options.header !== undefined) entry.headers = options.header;
  } else {
    throw new UsageError(
      'missing the server: switchboard servers add NAME -- COMMAND ARGS...  or  switchboard servers add NAME --url URL',
    );
  }
  if (options.disabled === true) entry.enabled = false;
  if (options.timeoutMs !== undefined) entry.timeout_ms = options.timeoutMs;
  return entry;
}
