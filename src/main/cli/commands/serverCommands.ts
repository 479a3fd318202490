import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { ServerAction, ServerInfo } from '../../../shared/servers';
import { importedEntries } from '../../core/servers/importServers';
import { SwitchboardApiError } from '../../../shared/api';
import { UsageError } from '../cliErrors';
import { collectKeyValue, optionParser, parseIntInRange } from '../cliArgs';
import {
  addListCommand,
  apiClientFor,
  modeOf,
  print,
  withCommonOptions,
  type CommonOptions,
} from '../commonOptions';
import { renderOutput, renderTable } from '../format/output';
import { renderServer, renderServers } from '../format/resourceFormat';
import { buildServerEntry, type ServerAddOptions } from './serverEntryArgs';
import { registerToolPinCommands } from './toolPinCommands';

const ACTIONS: { action: ServerAction; description: string; done: string }[] = [
  { action: 'enable', description: 'enable a server (connects it)', done: 'enabled' },
  {
    action: 'disable',
    description: 'disable a server (disconnects it, keeps its entry)',
    done: 'disabled',
  },
  { action: 'restart', description: 'restart the connection to a server', done: 'restarted' },
  {
    action: 'quarantine',
    description: 'quarantine a server: its tools are hidden and its calls blocked',
    done: 'quarantined',
  },
  {
    action: 'unquarantine',
    description: 'release a server from quarantine',
    done: 'released from quarantine',
  },
];

export function registerServerCommands(program: Command): void {
  const servers = program.command('servers').description('upstream MCP servers');

  addListCommand<ServerInfo>(
    servers,
    'list servers and their state',
    (api) => api.listServers(),
    renderServers,
  );

  withCommonOptions(
    servers
      .command('add')
      .description('add a stdio server (NAME -- COMMAND ARGS...) or a remote one (NAME --url URL)')
      .argument('<name>', 'server name: letters, digits, _ and -')
      .argument('[command...]', 'after --: the command and its arguments'),
    '--instance <url>',
  )
    .option('--url <url>', 'a remote server (Streamable HTTP unless --transport sse)')
    .addOption(
      new Option('--transport <transport>', 'remote transport').choices(['streamable-http', 'sse']),
    )
    .option(
      '--env <KEY=VALUE>',
      'environment for a stdio server (repeatable; ${env:NAME} references are kept)',
      collectKeyValueOption,
    )
    .option(
      '--header <NAME=VALUE>',
      'HTTP header for a remote server (repeatable)',
      collectKeyValueOption,
    )
    .option('--cwd <dir>', 'working directory of a stdio server')
    .option('--disabled', 'add it disabled')
    .option(
      '--timeout-ms <ms>',
      'per-call timeout',
      optionParser((v) => parseIntInRange(v, 1)),
    )
    .action(
      async (
        name: string,
        command: string[],
        options: CommonOptions & ServerAddOptions & { instance?: string },
      ) => {
        const entry = buildServerEntry(command, options);
        const { url: _serverUrl, ...connection } = options;
        const api = await apiClientFor({
          ...connection,
          ...(options.instance !== undefined ? { url: options.instance } : {}),
        });
        const info = await api.addServer(name, entry);
        print(
          renderOutput(modeOf(options), info, () => `${renderServer(info)}\nServer ${name} added.`),
        );
      },
    );

  withCommonOptions(
    servers
      .command('import')
      .description('import the servers of a Claude Desktop, Cursor or VS Code config file')
      .argument('<file>', 'e.g. claude_desktop_config.json'),
  ).action(async (file: string, options: CommonOptions) => {
    const entries = importedEntries(await readImportFile(file));
    const api = await apiClientFor(options);
    const existing = new Set((await api.listServers()).map((s) => s.name));
    const result = {
      added: [] as string[],
      skipped: [] as string[],
      failed: [] as { name: string; error: string }[],
    };
    for (const [name, entry] of Object.entries(entries)) {
      if (existing.has(name)) {
        result.skipped.push(name);
        continue;
      }
      try {
        await api.addServer(name, entry as Record<string, unknown>);
        result.added.push(name);
      } catch (error) {
        if (!(error instanceof SwitchboardApiError)) throw error;
        result.failed.push({ name, error: error.message });
      }
    }
    print(renderOutput(modeOf(options), result, () => renderImport(result)));
    if (result.failed.length > 0) process.exitCode = 1;
  });

  withCommonOptions(
    servers
      .command('remove')
      .description('remove a server from the config')
      .argument('<name>', 'server name'),
  ).action(async (name: string, options: CommonOptions) => {
    const result = await (await apiClientFor(options)).removeServer(name);
    print(renderOutput(modeOf(options), result, () => `Server ${name} removed.`));
  });

  registerToolPinCommands(servers);

  for (const { action, description, done } of ACTIONS) {
    withCommonOptions(
      servers.command(action).description(description).argument('<name>', 'server name'),
    ).action(async (name: string, options: CommonOptions) => {
      const info = await (await apiClientFor(options)).serverAction(name, action);
      print(
        renderOutput(modeOf(options), info, () => `Server ${name} ${done} (now ${info.status}).`),
      );
    });
  }
}

function collectKeyValueOption(
  value: string,
  previous?: Record<string, string>,
): Record<string, string> {
  return optionParser((v: string) => collectKeyValue(v, previous))(value);
}

async function readImportFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

function renderImport(result: {
  added: string[];
  skipped: string[];
  failed: { name: string; error: string }[];
}): string {
  const rows = [
    ...result.added.map((name) => [name, 'added', '']),
    ...result.skipped.map((name) => [name, 'skipped', 'a server with this name exists']),
    ...result.failed.map(({ name, error }) => [name, 'FAILED', error]),
  ];
  if (rows.length === 0) return 'The file lists no servers.';
  return `${renderTable(['NAME', 'RESULT', 'NOTE'], rows)}\n${result.added.length} added, ${result.skipped.length} skipped, ${result.failed.length} failed.`;
}
