import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveDataDir } from '../core/config/dataDir';
import { CONFIG_FILE_NAME, DEFAULT_LISTEN } from '../core/config/defaults';
import { findRunningInstance } from '../core/instance';
import { UsageError } from './cliErrors';

export interface ConnectionOptions {
  url?: string;
  apiKey?: string;
  dataDir?: string;
}

export interface InstanceTarget {
  /** `http://127.0.0.1:8080`, no trailing slash. */
  baseUrl: string;
  apiKey: string | null;
  dataDir: string;
}

/**
 * Where the running instance is and how to authenticate (SPEC 8): `--url`, else the URL the
 * serving process wrote into the data directory's lock (it knows the real port when it bound
 * port 0), else the config's `listen`; the key from `--api-key`, `$SWITCHBOARD_API_KEY` or the
 * config. Reads only: nothing is created.
 */
export async function resolveInstance(
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<InstanceTarget> {
  const dataDir = resolveDataDir(options.dataDir, env);
  const fileConfig = await readConfigLoosely(join(dataDir, CONFIG_FILE_NAME));
  const baseUrl =
    options.url !== undefined
      ? normalizeBaseUrl(options.url)
      : (findRunningInstance(dataDir)?.url ??
        baseUrlFromListen(fileConfig.listen ?? DEFAULT_LISTEN));
  const apiKey =
    nonEmpty(options.apiKey) ?? nonEmpty(env.SWITCHBOARD_API_KEY) ?? fileConfig.api_key ?? null;
  return { baseUrl: baseUrl.replace(/\/+$/, ''), apiKey, dataDir };
}

/**
 * Only `listen` and `api_key` are needed, so a config with an unrelated problem (or an unset
 * `${env:...}` elsewhere) still lets the CLI reach the instance.
 */
async function readConfigLoosely(path: string): Promise<{ listen?: string; api_key?: string }> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (parsed === null || typeof parsed !== 'object') return {};
    const { listen, api_key } = parsed as Record<string, unknown>;
    const plain = (value: unknown): string | undefined =>
      typeof value === 'string' && !value.includes('${env:') ? value : undefined;
    const result: { listen?: string; api_key?: string } = {};
    const plainListen = plain(listen);
    const plainKey = plain(api_key);
    if (plainListen !== undefined) result.listen = plainListen;
    if (plainKey !== undefined) result.api_key = plainKey;
    return result;
  } catch {
    return {};
  }
}

/** A wildcard bind address is reached on loopback. */
export function baseUrlFromListen(listen: string): string {
  const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(listen);
  if (!match) return `http://${listen}`;
  let host = match[1] ?? '127.0.0.1';
  if (host === '0.0.0.0' || host === '[::]') host = '127.0.0.1';
  return `http://${host}:${match[2] ?? '8080'}`;
}

/** `--url` may be the base or the MCP endpoint; both mean the instance. */
export function normalizeBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `--url: expected an http:// URL such as http://127.0.0.1:8080, got "${text}"`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--url: expected an http:// or https:// URL, got "${text}"`);
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/mcp$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
