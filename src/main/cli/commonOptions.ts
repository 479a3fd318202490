import { Option, type Command } from 'commander';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  type ActivityFilter,
  type ActivityStatus,
  type ActivityType,
} from '../../shared/activity';
import { createRestClient, type RestClient } from '../../shared/restClient';
import { NotRunningError } from './cliErrors';
import { optionParser, parseChoiceList, parseTimeArg } from './cliArgs';
import { OUTPUT_MODES, outputModeOf, renderOutput, type OutputMode } from './format/output';
import { resolveInstance, type ConnectionOptions } from './instance';

export interface OutputOptions {
  output?: string;
  json?: boolean;
}

export type CommonOptions = ConnectionOptions & OutputOptions;

/**
 * `--url` names the running instance, except on `servers add`, where `--url` is the server's
 * own URL (SPEC 8) and the instance is `--instance <url>`.
 */
export function withConnectionOptions(command: Command, urlFlag = '--url <url>'): Command {
  return command
    .option(urlFlag, "the running instance's URL (default: from the data directory)")
    .option(
      '--api-key <key>',
      "REST API key (default: $SWITCHBOARD_API_KEY, else the data directory's config)",
    )
    .option('--data-dir <dir>', 'data directory (default: $SWITCHBOARD_HOME, else ~/.switchboard)');
}

export function withOutputOptions(command: Command): Command {
  return command
    .addOption(new Option('--output <format>', 'output format').choices(OUTPUT_MODES))
    .option('--json', 'same as --output json');
}

/** Every REST command: where to connect and how to print. */
export function withCommonOptions(command: Command, urlFlag?: string): Command {
  return withOutputOptions(withConnectionOptions(command, urlFlag));
}

export function modeOf(options: OutputOptions): OutputMode {
  return outputModeOf(options);
}

/** The REST client of the running instance; errors are SwitchboardApiError (exit 1). */
export async function apiClientFor(options: ConnectionOptions): Promise<RestClient> {
  const target = await resolveInstance(options);
  return createRestClient({
    baseUrl: target.baseUrl,
    apiKey: target.apiKey,
    client: 'cli',
    unreachable: (baseUrl) => new NotRunningError(baseUrl),
    unauthorizedHint:
      "pass --api-key, set $SWITCHBOARD_API_KEY, or point --data-dir at the instance's data directory",
  });
}

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** `<resource> list`: reads the collection and prints it (a table, or JSON with --json). */
export function addListCommand<T>(
  parent: Command,
  description: string,
  read: (api: RestClient) => Promise<T[]>,
  renderText: (items: T[]) => string,
): void {
  withCommonOptions(parent.command('list').description(description)).action(
    async (options: CommonOptions) => {
      const items = await read(await apiClientFor(options));
      print(renderOutput(modeOf(options), items, () => renderText(items)));
    },
  );
}

export interface FilterOptions {
  type?: ActivityType[];
  server?: string;
  tool?: string;
  status?: ActivityStatus[];
  session?: string;
  token?: string;
  since?: string;
  until?: string;
  q?: string;
}

/** The filters list, summary and export share (SPEC 7). */
export function withFilterOptions(command: Command): Command {
  return command
    .option(
      '--type <types>',
      `record types, comma-separated: ${ACTIVITY_TYPES.join(', ')}`,
      optionParser((v) => parseChoiceList(v, ACTIVITY_TYPES)),
    )
    .option('--server <name>', 'upstream server name')
    .option('--tool <name>', 'tool name')
    .option(
      '--status <statuses>',
      `comma-separated: ${ACTIVITY_STATUSES.join(', ')}`,
      optionParser((v) => parseChoiceList(v, ACTIVITY_STATUSES)),
    )
    .option('--session <id>', 'MCP session id')
    .option('--token <token>', 'MCP token id or name')
    .option(
      '--since <time>',
      'RFC 3339 time or relative age (15m, 24h, 7d)',
      optionParser((v) => parseTimeArg(v)),
    )
    .option(
      '--until <time>',
      'RFC 3339 time or relative age (15m, 24h, 7d)',
      optionParser((v) => parseTimeArg(v)),
    )
    .option('-q, --query <words>', 'full-text search: every word must match, the last as a prefix');
}

export function filterQuery(options: FilterOptions & { query?: string }): ActivityFilter {
  return {
    type: options.type,
    server: options.server,
    tool: options.tool,
    status: options.status,
    session_id: options.session,
    token: options.token,
    start_time: options.since,
    end_time: options.until,
    q: options.query,
  };
}
