import { z } from 'zod';
import type { Transport } from '../../../shared/servers';
import type { ConfigWarning, ServerConfig } from './contracts';
import { ConfigError, configErrorFromZod, formatKeyPath } from './configError';
import { DEFAULT_TIMEOUT_MS } from './defaults';

/** `[A-Za-z0-9_-]{1,64}` without `__`, which separates server and tool in exposed names (SPEC 2). */
const SERVER_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Keys other MCP clients put in server entries that mean nothing to Switchboard. Accepted so
 * their files import as they are, with a warning (SPEC 2).
 */
export const FOREIGN_SERVER_KEYS: readonly string[] = [
  'autoApprove',
  'alwaysAllow',
  'envFile',
  'description',
  'timeout',
  'disabledTools',
  'trust',
  'includeTools',
  'excludeTools',
  'networkTimeout',
  'gallery',
  'version',
];

const stringMap = z.record(z.string(), z.string());

const serverEntrySchema = z.object({
  command: z.string().min(1).optional(),
  args: z.array(z.string()).optional(),
  env: stringMap.optional(),
  cwd: z.string().min(1).optional(),
  url: z.string().min(1).optional(),
  headers: stringMap.optional(),
  transport: z.enum(['stdio', 'streamable-http', 'sse']).optional(),
  type: z.enum(['stdio', 'http', 'streamable-http', 'sse']).optional(),
  enabled: z.boolean().optional(),
  disabled: z.boolean().optional(),
  quarantined: z.boolean().optional(),
  timeout_ms: z.int().min(1).optional(),
});

export const SERVER_ENTRY_KEYS: readonly string[] = Object.keys(serverEntrySchema.shape);

export function serverNameProblem(name: string): string | null {
  if (!SERVER_NAME.test(name)) return 'expected a server name of 1-64 letters, digits, "_" or "-"';
  if (name.includes('__'))
    return 'a server name may not contain "__" (it separates server and tool in exposed tool names)';
  return null;
}

/**
 * Validates one `mcpServers` entry (env references already expanded), folds the aliases
 * (`type` -> `transport`, `disabled` -> `enabled`) and fills defaults.
 */
export function resolveServerEntry(
  name: string,
  entry: unknown,
  warnings: ConfigWarning[],
  basePath = 'mcpServers',
): ServerConfig {
  const at = (key?: string): string =>
    formatKeyPath(key === undefined ? [basePath, name] : [basePath, name, key]);
  const nameProblem = serverNameProblem(name);
  if (nameProblem !== null) throw new ConfigError(`${nameProblem}, got "${name}"`, at());
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    throw new ConfigError('expected an object with "command" (stdio) or "url" (remote)', at());
  }
  for (const key of Object.keys(entry)) {
    if (SERVER_ENTRY_KEYS.includes(key)) continue;
    if (FOREIGN_SERVER_KEYS.includes(key)) {
      warnings.push({
        keyPath: at(key),
        message: `"${key}" is used by other MCP clients and is ignored by Switchboard`,
      });
      continue;
    }
    throw new ConfigError(
      `unknown key; a server entry takes ${SERVER_ENTRY_KEYS.join(', ')}`,
      at(key),
    );
  }
  const parsed = serverEntrySchema.safeParse(entry, { reportInput: true });
  if (!parsed.success) throw configErrorFromZod(parsed.error, [basePath, name]);
  const value = parsed.data;

  const transport = resolveTransport(value, at);
  if (
    value.enabled !== undefined &&
    value.disabled !== undefined &&
    value.enabled === value.disabled
  ) {
    throw new ConfigError(
      `"enabled": ${value.enabled} contradicts "disabled": ${value.disabled}; keep one of them`,
      at(),
    );
  }
  const enabled = value.enabled ?? !(value.disabled ?? false);
  const common = {
    name,
    transport,
    enabled,
    quarantined: value.quarantined ?? false,
    timeout_ms: value.timeout_ms ?? DEFAULT_TIMEOUT_MS,
  };

  if (transport === 'stdio') {
    if (value.command === undefined)
      throw new ConfigError('missing; a stdio server needs "command"', at('command'));
    for (const key of ['url', 'headers'] as const) {
      if (value[key] !== undefined)
        throw new ConfigError(
          `not allowed on a stdio server (it has "command"); a server is either stdio or remote`,
          at(key),
        );
    }
    const server: ServerConfig = {
      ...common,
      command: value.command,
      args: value.args ?? [],
      env: value.env ?? {},
      headers: {},
    };
    if (value.cwd !== undefined) server.cwd = value.cwd;
    return server;
  }
  if (value.url === undefined)
    throw new ConfigError(`missing; a ${transport} server needs "url"`, at('url'));
  for (const key of ['command', 'args', 'env', 'cwd'] as const) {
    if (value[key] !== undefined)
      throw new ConfigError(
        `not allowed on a remote server (it has "url"); a server is either stdio or remote`,
        at(key),
      );
  }
  if (!isHttpUrl(value.url))
    throw new ConfigError(`expected an http:// or https:// URL, got "${value.url}"`, at('url'));
  return { ...common, url: value.url, args: [], env: {}, headers: value.headers ?? {} };
}

type EntryValue = z.infer<typeof serverEntrySchema>;

function resolveTransport(value: EntryValue, at: (key?: string) => string): Transport {
  const fromType: Transport | undefined = value.type === 'http' ? 'streamable-http' : value.type;
  if (value.transport !== undefined && fromType !== undefined && value.transport !== fromType) {
    throw new ConfigError(
      `"type": "${value.type}" contradicts "transport": "${value.transport}"; keep one of them`,
      at('type'),
    );
  }
  const explicit = value.transport ?? fromType;
  if (explicit !== undefined) return explicit;
  if (value.command !== undefined && value.url !== undefined) {
    throw new ConfigError(
      'has both "command" and "url"; a server is either stdio (command) or remote (url)',
      at(),
    );
  }
  if (value.command !== undefined) return 'stdio';
  if (value.url !== undefined) return 'streamable-http';
  throw new ConfigError('expected "command" (a stdio server) or "url" (a remote server)', at());
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
